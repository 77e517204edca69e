/**
 * spec/findings/onnxruntime.md from real runs: the tables are generated, the reading of them is
 * written here once, next to the code that produces them.
 */
import type { CheckReport } from '../../../report/types.js';
import type { ErrorRow } from './errorDistribution.js';
import { invarianceTable, type InvarianceSample } from './invariance.js';
import type { RuntimeRow } from './runtimeComparison.js';
import {
  acceptanceTable,
  departureTable,
  errorTable,
  float16Summary,
  probeTable,
  runtimeTable,
  runtimeWorstCases,
} from './tables.js';
import type { JudgedProbe } from './probeVerdicts.js';
import type { Acceptance } from './probes.js';

export interface FindingsData {
  readonly ortVersion: string;
  readonly acceptance: readonly Acceptance[];
  readonly probes: readonly JudgedProbe[];
  /** Operators ORT executes for SoftmaxCrossEntropyLoss-13 in float16. */
  readonly float16Operators: readonly string[];
  readonly errors: readonly ErrorRow[];
  /** How the error sample was drawn. */
  readonly sample: { readonly seed: number; readonly perGraph: number };
  /** onnxruntime-web (its description) against onnxruntime-node on the error sample. */
  readonly web: { readonly description: string; readonly rows: readonly RuntimeRow[] };
  /** The `invariance` family's reports of `ort` and `ort-web` (TOL-INV), and how it was run. */
  readonly invariance: { readonly sample: InvarianceSample; readonly reports: readonly CheckReport[] };
}

const READING = `## Reading

- **Path.** onnxruntime-node has no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss kernel:
  it inlines the ONNX function bodies (errors name \`GatherElements\`, \`Reshape\`, \`Gather\`; the
  inlined names start \`_inlfunc_SoftmaxCrossEntropyLoss\`). The edge behaviour is the body's, not the
  training kernel's (semantics.md §2.3): every target ignored under \`mean\` is NaN, not 0.
- **Labels.** No implicit ignore of −1. A label in \`[−C, −1]\` is **wrapped** by GatherElements to
  \`C + t\` (the weight is gathered with the same wrap), also under profile \`torch\`, whose
  ignore_index −100 does not catch it; the profiles say error (PRO-3). Labels \`≥ C\` or \`< −C\` throw.
- **+∞ logits.** A row holding +∞ is NaN only at a target on the +∞ class itself; a target on
  another class gets \`x_t − lse = −∞\`, a loss of +∞, where CE-2.2 makes the whole row NaN.
- **NegativeLogLikelihoodLoss** is its function body too: labels in \`[−C, −1]\` wrap (PRO-3),
  every target ignored under \`mean\` is NaN (RED-4), an empty batch under \`mean\` is 0 (RED-5
  says NaN).
- **Accumulation.** Reductions add in the dtype (float32 sums of float32 terms): on the 6480
  positions of test_sce_NCd1d2d3d4d5_mean_weight, \`losscheck onnx-cases fixtures/onnx/node --impl ort\`
  measures the float32 \`mean\` 11 ULPs (3.6 bits) from the correctly rounded value: within TOL-FW,
  not correctly rounded. (The large max bits of the error table are elsewhere: log-probabilities
  and losses of order 1e-9 returned as 0, absolute errors that \`stable\` accepts.)
- **Empty batch.** The operator throws (its body's \`Reshape\` to \`[0, 0, −1]\` cannot infer −1 from
  0 elements); LogSoftmax + NLL returns 0 for \`mean\`, where RED-5 says NaN; so does ReduceMean
  over an empty tensor (the probability-target and binary graphs).
- **Signed zeros.** Ignored positions and zero losses come out as −0 (the body negates a gathered
  or masked 0). ULP distances treat ±0 as equal (TOL-1).
- **float16** runs in float32: ORT's CPU provider inserts Casts around every node that has no
  float16 kernel (operator list below), so intermediate sums do not overflow (the \`mean\` of two
  losses of 40000 is 40000) and results are roundings of float32 computations.
- **bfloat16** does not run: SCE-12 does not allow it, SCE-13's body calls NLL-13 (no bfloat16),
  from opset 22 the LogSoftmax expansion needs ReduceMax(bfloat16), which has no CPU kernel, and the
  primitive graphs (opset 13) meet type constraints or missing CPU kernels (Mul, Log, Sigmoid).
  onnxruntime-node has no bfloat16 tensor type either: the \`ort\` implementations refuse bfloat16.
- **Softplus** has no float64 CPU kernel: the stable BCE-with-logits graph uses
  \`max(z, 0) + log1p(exp(−|z|))\` in float64, and the Softplus operator (accurate into the
  subnormals) in float16/float32. ONNX has no log1p: the graphs form it by Kahan's identity
  \`log(1 + u)·u/((1 + u) − 1)\` (\`u\` where \`1 + u\` rounds to 1), so BCE's \`log1p(−p)\` keeps a
  tiny p that \`Log(1 − p)\` would lose (TOL-RUN).
- **Sigmoid** (MLAS) is not accurate in its tail: in float32 σ(x) is 0 for x ≤ −18 and off by up to
  a factor 2 for x in [−17, −15]; in float64 it has float32-like relative accuracy and is 0 at −40.
  The exporter's \`log σ\` graph inherits it (the y = 0, x ≪ 0 rows) on top of its own saturation.
- **Stable BCE with logits** follows PyTorch's form \`(1 − y)·x + (1 + (pw − 1)·y)·softplus(−x)\`,
  which gives PRO-11's torch column at ±∞ and, like PyTorch, cancels for y = 0, x ≪ 0.
- **Not reproduced:** the ONNX reference implementation's overflow (\`log(softmax)\`): ORT's
  LogSoftmax is stable at opset 12 and 13 alike.
`;

export function findingsMarkdown(d: FindingsData): string {
  return [
    '# ONNX Runtime: findings',
    '',
    `Generated by \`scripts/ort-findings.ts\` from runs of onnxruntime-node ${d.ortVersion} (CPU execution provider,`,
    'one thread, default graph optimisations) on the graphs of `src/oracles/onnx/`, judged against the certified',
    'reference (MPFR engine, spec/reference-engine.md).',
    '',
    READING,
    '## Which graphs run, per dtype',
    '',
    ...acceptanceTable(d.acceptance),
    '',
    '## Error distribution against the certified reference',
    '',
    `${d.sample.perGraph} cases per graph and dtype, drawn with seed ${d.sample.seed} from the property suite's arbitraries`,
    '(`properties/arbitraries/`: every logit regime, weights, ignored positions, every reduction; profile `onnx` for',
    'the operators, `torch` for the graphs ONNX lacks). Every output value in ULPs of its dtype (TOL-1), bits',
    '`log2(1 + ulps)` (TOL-2); "within `stable`" is TOL-LEVEL.5 at that input.',
    '',
    ...errorTable(d.errors),
    '',
    '## Departures from the profiles',
    '',
    'Each probe below is judged against the certified reference of its case: its values under `stable`',
    '(specials exactly), and a case the profile rejects must be rejected. Per clause the probes pin (the',
    "`ort-unstable` rows are the exporter's form, unstable by design):",
    '',
    ...departureTable(d.probes),
    '',
    `float16 (DT-1, DT-3): computed in float32 between Casts and rounded once into float16 (operators below), not`,
    `in float16 arithmetic; ${float16Summary(d.errors)}.`,
    '',
    '## Edge behaviour',
    '',
    ...probeTable(d.probes),
    '',
    '## onnxruntime-web against onnxruntime-node',
    '',
    `\`--impl ort-web\` runs the same graphs on ${d.web.description}, in Node, one thread. The error sample's cases`,
    'through both runtimes, every output value compared in ULPs of its dtype (TOL-1; NaN equals NaN, −0 equals +0).',
    "The error table above is onnxruntime-node's; `losscheck check --impl ort-web --profile onnx` judges the web",
    'runtime against the reference alone. The largest differences are at log-probabilities next to 0 (the `log`',
    "of a row sum barely above 1), which the two builds' kernels round apart.",
    '',
    ...runtimeTable(d.web.rows),
    '',
    'The case of each largest difference (replay it with `losscheck eval --impl ort` and `--impl ort-web`):',
    '',
    ...runtimeWorstCases(d.web.rows),
    '',
    '## Batch invariance and determinism',
    '',
    `The \`invariance\` family (spec/tolerance.md#TOL-INV, not in \`check\`'s default run; \`losscheck matrix\` runs it)`,
    `over softmax and linear CE under the onnx profile, seed ${d.invariance.sample.seed}, ${d.invariance.sample.runs} runs per check:`,
    "each row's `none` loss, `lse` and log-probabilities must have the same bits alone, inside batches and at any",
    'position (TOL-INV.1), and the same case twice the same bits (TOL-INV.2). Replay a check with',
    `\`losscheck check --impl ort --profile onnx --family invariance --seed ${d.invariance.sample.seed} --runs ${d.invariance.sample.runs}\`.`,
    '',
    ...invarianceTable(d.invariance.reports),
    '',
    '## float16 execution: SoftmaxCrossEntropyLoss-13 after ORT’s optimisations',
    '',
    `\`${d.float16Operators.join(' ')}\` (Cast to=1 is float32, to=10 float16)`,
    '',
  ].join('\n');
}
