#!/usr/bin/env python3
"""PyTorch as a losscheck plug-in (spec/formats.md#FMT-5.2): JSON Lines in, JSON Lines out.

    npx losscheck check --impl "cmd:python3 examples/adapters/torch_adapter.py" \\
        --manifest examples/adapters/torch-1.13.manifest.json

Each case (FMT-1, every default filled in) is one call of torch.nn.functional in the case's dtype
on the CPU: cross_entropy, nll_loss, binary_cross_entropy or binary_cross_entropy_with_logits.
Every option the case gives is passed on as PyTorch's keyword argument of the same name
(labelSmoothing as label_smoothing, ...), so PyTorch itself accepts it or rejects it: label
smoothing on a binary loss is PyTorch's own TypeError. Options at their FMT-1 default are left
out, so that PyTorch's defaults apply (ignore_index -100). `grad` comes from autograd (the
gradient of the sum of the losses, or of Σ upstream·loss), `logProb` from log_softmax.

Results (FMT-3): values; `error` with PyTorch's exception for a case PyTorch rejects;
`unsupported` for what this PyTorch lacks: a kernel not built for a dtype on the CPU (PyTorch's
own message, e.g. "binary_cross_entropy" not implemented for 'BFloat16'), a loss it does not
have (linear_cross_entropy), the language models' options that the torch profile defines and
torch.nn.functional does not (zLoss, logitSoftcap: PRO-25), a profile other than torch. Outputs PyTorch does not compute are left out (not offered).
"""
import json
import math
import os
import re
import sys

# Debian's python3-torch lives in the system Python; a python3 first on PATH (pyenv, a venv) may
# lack it. As the matrix does, fall back to /usr/bin/python3 once before giving up.
SYSTEM_PYTHON = "/usr/bin/python3"

try:
    import torch
    import torch.nn.functional as F
except ImportError as missing:
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.abspath(__file__), *sys.argv[1:]])
    sys.exit(f"torch_adapter.py: {sys.executable} cannot import torch ({missing}); "
             "run it with a Python that has PyTorch, e.g. cmd:/usr/bin/python3 (Debian's python3-torch)")

DTYPES = {"float64": torch.float64, "float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
FUNCTIONS = {
    "softmax_cross_entropy": F.cross_entropy,
    "negative_log_likelihood": F.nll_loss,
    "binary_cross_entropy": F.binary_cross_entropy,
    "binary_cross_entropy_with_logits": F.binary_cross_entropy_with_logits,
}
CLASS_AXIS_LOSSES = {"softmax_cross_entropy", "negative_log_likelihood"}
# The fields that say what to compute and on what; every other field is an option of the loss.
CASE_FIELDS = {"id", "loss", "dtype", "shape", "input", "targetKind", "target", "reduction", "profile", "outputs",
               "upstream"}
# Options at these values are FMT-1's defaults, not requests: PyTorch's defaults apply.
DEFAULTS = {"labelSmoothing": 0, "zLoss": 0}
# Options the torch profile defines (PRO-25: flash-attn's, Liger-Kernel's kernels) and
# F.cross_entropy does not have: not offered, unlike an option the profile does not define.
KERNEL_OPTIONS = {"zLoss": "z-loss", "logitSoftcap": "logit soft-capping"}
# A kernel this PyTorch does not have for a dtype on the CPU: unsupported, not a rejection.
MISSING_KERNEL = re.compile(r"not implemented for '(Half|BFloat16)'")
SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


class Unsupported(Exception):
    """What this PyTorch does not implement (FMT-3 `unsupported`)."""


def number(v):
    return SPECIAL[v] if isinstance(v, str) else float(v)


def encode(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return "-0" if x == 0 and math.copysign(1, x) < 0 else x


def listed(t):
    return [encode(v) for v in t.detach().double().reshape(-1).tolist()]


def tensor(values, dtype, shape):
    """Values given exactly (DT-2), rounded into the dtype only when they are not members of it."""
    return torch.tensor([number(v) for v in values], dtype=torch.float64).to(dtype).reshape(shape)


def class_indices(values, shape):
    labels = [number(v) for v in values]
    for i, v in enumerate(labels):
        if not (math.isfinite(v) and v == math.floor(v)):
            raise ValueError(f"target[{i}]: {v} is not a class index (PyTorch takes int64 labels)")
    return torch.tensor([int(v) for v in labels], dtype=torch.int64).reshape(shape)


def target_of(c, dtype):
    shape = c["shape"]
    if c["targetKind"] != "index":
        return tensor(c["target"], dtype, shape)
    return class_indices(c["target"], [] if len(shape) == 1 else [shape[0], *shape[2:]])


def option_tensor(c, name, dtype):
    """A class weight or pos_weight as given; a binary weight of the input's size in its shape (BCE-5)."""
    values, shape = c[name], c["shape"]
    size = math.prod(shape)
    binary_weight = name == "weight" and c["loss"] not in CLASS_AXIS_LOSSES
    return tensor(values, dtype, shape if binary_weight and len(values) == size and size != 1 else [len(values)])


def keyword(name):
    return re.sub(r"[A-Z]", lambda m: "_" + m.group(0).lower(), name)


def options(c, dtype):
    """Every option of the case as PyTorch's keyword argument; list-valued ones as tensors."""
    given = {k: v for k, v in c.items() if k not in CASE_FIELDS and DEFAULTS.get(k, None) != v}
    return {keyword(k): option_tensor(c, k, dtype) if isinstance(v, list) else v for k, v in given.items()}


def backward(c, loss, dtype):
    if "upstream" in c:
        loss.backward(tensor(c["upstream"], dtype, loss.shape))
    else:
        loss.sum().backward()


def log_probabilities(c, x):
    if c["loss"] != "softmax_cross_entropy":
        raise ValueError(f"logProb: {c['loss']} has no log-probabilities (FMT-1)")
    return F.log_softmax(x.detach(), dim=0 if len(c["shape"]) == 1 else 1)


class RefusedCall:
    """The last call PyTorch refused, so that the same call asked again is refused without a second try.

    losscheck asks a case PyTorch declined again for `loss` alone (spec/formats.md#CHK-9): the same
    call of the loss function, since the outputs asked for matter only after it. PyTorch 1.13 builds
    every C++ error with a symbolised backtrace, about 5 ms, thirty times a call that succeeds; a
    refusal of the call itself does not depend on the outputs, so it is PyTorch's answer again.
    """

    def __init__(self):
        self.call, self.error = None, None

    def check(self, call):
        if call == self.call:
            raise self.error

    def remember(self, call, error):
        self.call, self.error = call, error


REFUSED = RefusedCall()


def loss_of(c, x, dtype):
    """The loss function's call; a refusal of the same call is remembered."""
    call = {k: v for k, v in c.items() if k not in ("id", "outputs")}
    REFUSED.check(call)
    try:
        return FUNCTIONS[c["loss"]](x, target_of(c, dtype), reduction=c["reduction"], **options(c, dtype))
    except Exception as e:
        REFUSED.remember(call, e)
        raise


def evaluate(c):
    if c["profile"] != "torch":
        raise Unsupported(f"the PyTorch adapter follows the torch profile, not {c['profile']}")
    if c["loss"] not in FUNCTIONS:
        raise Unsupported(f"PyTorch {torch.__version__} has no {c['loss']}")
    for name, what in KERNEL_OPTIONS.items():
        if c.get(name, DEFAULTS.get(name)) != DEFAULTS.get(name):
            raise Unsupported(f"F.{FUNCTIONS[c['loss']].__name__} of PyTorch {torch.__version__} has no {what} ({name})")
    dtype = DTYPES[c["dtype"]]
    x = tensor(c["input"], dtype, c["shape"]).requires_grad_(True)
    loss = loss_of(c, x, dtype)
    result = {"id": c["id"], "loss": listed(loss)}
    if "grad" in c["outputs"]:
        backward(c, loss, dtype)
        result["grad"] = listed(x.grad)
    if "logProb" in c["outputs"]:
        result["logProb"] = listed(log_probabilities(c, x))
    return result


def answer(c):
    try:
        return evaluate(c)
    except Unsupported as e:
        return {"id": c["id"], "unsupported": str(e)}
    except RuntimeError as e:
        if MISSING_KERNEL.search(str(e)):
            return {"id": c["id"], "unsupported": f"PyTorch {torch.__version__} on the CPU: {e}"}
        return {"id": c["id"], "error": f"RuntimeError: {e}"}
    except Exception as e:  # PyTorch's own rejection of the case
        return {"id": c["id"], "error": f"{type(e).__name__}: {e}"}


def respond(line):
    try:
        case = json.loads(line)
    except ValueError as e:  # losscheck sends only cases: say so rather than die
        return {"id": None, "error": f"not a JSON case: {e}"}
    return answer(case)


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(respond(line)) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
