#!/usr/bin/env python3
"""PyTorch as a losscheck plug-in (spec/formats.md#FMT-5.2): JSON Lines in, JSON Lines out.

    npx losscheck eval --impl "cmd:/usr/bin/python3 examples/adapters/torch_adapter.py" --cases cases.jsonl

Each case is evaluated with torch.nn.functional (cross_entropy, binary_cross_entropy,
binary_cross_entropy_with_logits) in the case's dtype on the CPU; gradients come from autograd,
logProb from log_softmax. It follows the torch profile only. PyTorch's own exceptions become
`error` results, so what PyTorch rejects can be compared with what the profile rejects.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

DTYPES = {"float64": torch.float64, "float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}
SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


def number(v):
    return SPECIAL[v] if isinstance(v, str) else float(v)


def encode(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1, x) < 0:
        return "-0"
    return x


def tensor(values, dtype, shape):
    return torch.tensor([number(v) for v in values], dtype=torch.float64).to(dtype).reshape(shape)


def unsupported(c):
    if c["profile"] != "torch":
        return "the PyTorch adapter follows the torch profile only"
    if c["dtype"] == "float16" and torch.__version__.startswith("1."):
        return "PyTorch 1.x has no float16 losses on the CPU"
    return None


def broadcast(values, dtype, shape):
    """A binary weight of the input's size, its last dimension, or 1 (BCE-5)."""
    size = math.prod(shape)
    return tensor(values, dtype, shape if len(values) == size and size != 1 else [len(values)])


def softmax_loss(c, x, dtype):
    shape = c["shape"]
    if c["targetKind"] == "index":
        target_shape = [] if len(shape) == 1 else [shape[0], *shape[2:]]
        target = torch.tensor([int(number(v)) for v in c["target"]], dtype=torch.int64).reshape(target_shape)
    else:
        target = tensor(c["target"], dtype, shape)
    weight = tensor(c["weight"], dtype, [len(c["weight"])]) if "weight" in c else None
    return F.cross_entropy(x, target, weight=weight, ignore_index=int(c.get("ignoreIndex", -100)),
                           reduction=c["reduction"], label_smoothing=number(c["labelSmoothing"]))


def binary_loss(c, x, dtype):
    shape = c["shape"]
    target = tensor(c["target"], dtype, shape)
    weight = broadcast(c["weight"], dtype, shape) if "weight" in c else None
    if c["loss"] == "binary_cross_entropy":
        return F.binary_cross_entropy(x, target, weight=weight, reduction=c["reduction"])
    pos_weight = tensor(c["posWeight"], dtype, [len(c["posWeight"])]) if "posWeight" in c else None
    return F.binary_cross_entropy_with_logits(x, target, weight=weight, pos_weight=pos_weight, reduction=c["reduction"])


def evaluate(c):
    reason = unsupported(c)
    if reason:
        return {"id": c["id"], "unsupported": reason}
    dtype = DTYPES[c["dtype"]]
    x = tensor(c["input"], dtype, c["shape"]).requires_grad_(True)
    loss = softmax_loss(c, x, dtype) if c["loss"] == "softmax_cross_entropy" else binary_loss(c, x, dtype)
    result = {"id": c["id"], "loss": [encode(v) for v in loss.detach().double().reshape(-1).tolist()]}
    if "grad" in c["outputs"]:
        loss.sum().backward()
        result["grad"] = [encode(v) for v in x.grad.double().reshape(-1).tolist()]
    if "logProb" in c["outputs"]:
        lp = F.log_softmax(x.detach(), dim=0 if len(c["shape"]) == 1 else 1)
        result["logProb"] = [encode(v) for v in lp.double().reshape(-1).tolist()]
    return result


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        c = json.loads(line)
        try:
            result = evaluate(c)
        except Exception as e:  # PyTorch's own rejection of the case
            result = {"id": c.get("id"), "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
