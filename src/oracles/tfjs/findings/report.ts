/**
 * spec/findings/tfjs.md from real runs: the conformance runs of both backends with their manifest,
 * as every peer's findings (src/findings: each manifest entry with its smallest counterexample,
 * TF.js's answer and the commands that reproduce it), then TF.js's own tables. The tables are
 * generated; the reading of them is written here once, next to the code that produces them.
 */
import type { Findings } from '../../../findings/collect.js';
import { findingsMarkdown, levelPhrase } from '../../../findings/markdown.js';
import { cell } from '../../onnx/findings/tables.js';
import { formatValue } from '../../onnx/findings/probes.js';
import type { BackendRow, OffsetRow, ProbeRow } from './runs.js';

export interface TfjsFindingsData {
  readonly version: string;
  readonly backends: readonly string[];
  /** The conformance runs of every backend, the manifest they applied, TF.js's answers by findingKey. */
  readonly findings: Findings;
  readonly manifest: string;
  readonly answers: ReadonlyMap<string, string>;
  readonly probes: readonly ProbeRow[];
  readonly offsets: readonly OffsetRow[];
  readonly backendRows: readonly BackendRow[];
  readonly backendSample: { readonly seed: number; readonly perLoss: number };
  /** `tf.oneHot([0, 2], 3, 1, 0, 'float32')` per backend. */
  readonly oneHot: readonly (readonly number[])[];
  /** `tf.log1p([2^-30, 1e-10])` per backend. */
  readonly log1p: readonly (readonly number[])[];
  /** sigmoidCrossEntropy of x = the largest float32, y = 1.5, per backend. */
  readonly sigmoidOverflow: readonly (readonly number[])[];
}

const READING = `## Reading

- **Path.** \`--impl tfjs\` calls \`tf.losses.softmaxCrossEntropy\`, \`sigmoidCrossEntropy\` and \`logLoss\` of
  @tensorflow/tfjs-core on the pure-JS CPU backend; \`--impl tfjs-wasm\` the same on the WebAssembly backend.
  Gradients come from \`tf.valueAndGrad\`: softmaxCrossEntropy's own custom gradient \`p − q\` (PRO-8), and the
  registered gradients of the ops for the binary losses. tfjs-core's Node bundle registers no gradients;
  losscheck loads \`dist/register_all_gradients.js\` itself (src/oracles/tfjs/gradients.ts). \`logProb\` is
  \`tf.logSoftmax\` (the loss functions return none). Index targets are \`tf.oneHot(labels, C)\` (int32).
- **Not offered** (declined, reported as such): float64, float16 and bfloat16 (TF.js tensors are float32),
  negative_log_likelihood, per-class weights, ignore_index, pos_weight, label smoothing of \`logLoss\`, and
  labels outside int32.
- **Semantics.** Every probe below matches the tfjs profile of spec/profiles.md on both backends but where
  marked. One profile clause was corrected from these runs: \`tf.oneHot\` throws for a depth below 2, so index
  targets over one class are not defined under tfjs (PRO-15).
- **The numerical weakness: logSumExp, then subtract.** \`softmaxCrossEntropy\` computes
  \`logSumExp(x) = m + log Σ exp(x − m)\` and then \`x − logSumExp(x)\`: the rounding of \`m + log Σ\` costs
  \`u·|m|\` absolutely, so a row with a large common offset loses its loss (the offset table) and its gradient
  \`exp(x − lse) − q\`. This is the lse-then-subtract form that the \`stable\` level rejects (DESIGN), and so
  \`opmath\`, which is \`stable\` in float32 (TOL-LEVEL.7); it is the cause of every softmax failure in the
  conformance runs: the numerical weaknesses below are this one behaviour, met by each check that reaches it,
  one manifest entry per check (examples/manifests/tfjs.json).
  \`tf.logSoftmax\` subtracts \`m\` first and does not have it.
- **Sigmoid CE overflow.** With targets outside [0, 1] (accepted, PRO-10) and \`|x|\` near the largest float32,
  \`relu(x) − x·y\` overflows to ∞ where the loss is finite (the last line of this document). The conformance
  run no longer meets it: its bad inputs halve the logits whose targets they move outside [0, 1].
- **WebAssembly backend.** Its \`tf.oneHot\` ignores a float32 \`dtype\` and writes int32 bit patterns into the
  float32 output (1 reads as 1.4e-45): one-hot labels built that way make every loss about 1e-45 of what it is.
  The loss path above uses int32 one-hot labels, which both backends get right. Its \`tf.log1p\` loses a tiny
  argument (it returns 0 for \`log1p(1e-10)\`, as \`log(1 + x)\` would), so sigmoidCrossEntropy's
  \`log1p(exp(−|x|))\` is 0 for \`|x|\` beyond about 17: a loss of 2e-9 at \`x = −20, y = 0\` comes out 0 (the CPU
  backend gets it to the ULP). \`stable\` (so \`opmath\`) accepts that absolute error; the backend comparison below counts it.
  An empty batch under \`mean\` gives +∞ where RED-5 says 0/0 = NaN (the probe table). Loading the backend
  also installs process handlers that rethrow unhandled rejections (Emscripten's).
`;

function probeTable(d: TfjsFindingsData): string[] {
  return [
    `| topic | case | profile says | ${d.backends.join(' | ')} |`,
    `|---|---|---|${d.backends.map(() => '---').join('|')}|`,
    ...d.probes.map((p) => {
      const c = p.probe.case as { input?: unknown; target?: unknown; shape?: unknown };
      const what = `${JSON.stringify(c.shape)}: x=${JSON.stringify(c.input)}, t=${JSON.stringify(c.target)}`;
      const outcomes = p.outcomes.map((o) => `${cell(o.outcome)} — **${o.verdict}**`);
      return `| ${p.probe.topic} | ${cell(what)} | ${p.probe.expected} | ${outcomes.join(' | ')} |`;
    }),
  ];
}

const offsetTable = (rows: readonly OffsetRow[]): string[] => [
  '| offset m | exact loss (float32) | TF.js loss | bits of error |',
  '|---|---|---|---|',
  ...rows.map(
    (r) => `| 2^${Math.log2(r.offset)} | ${formatValue(r.exact)} | ${formatValue(r.loss)} | ${r.bits.toFixed(1)} |`,
  ),
];

const backendTable = (rows: readonly BackendRow[]): string[] => [
  '| loss | cases | values | identical | max ULPs apart |',
  '|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.loss} | ${r.cases} | ${r.values} | ${((100 * r.identical) / Math.max(1, r.values)).toFixed(1)}% | ${r.maxUlps} |`,
  ),
];

const perBackend = (d: TfjsFindingsData, values: readonly (readonly number[])[]): string =>
  d.backends.map((b, i) => `${b} \`[${values[i]!.map(formatValue).join(', ')}]\``).join('; ');

/** TF.js's own tables: the probes, the offset sweep, the backends compared, single calls. */
function tfjsTables(d: TfjsFindingsData): string[] {
  return [
    '## Edge behaviour against the tfjs profile',
    '',
    'Each probe (float32, `reduction: none` unless it says) judged against the certified reference of its case:',
    'values under `stable`, specials exactly, and a case the profile rejects must be rejected. Replay one with',
    '`losscheck eval --impl tfjs` (or `tfjs-wasm`) on the case of src/oracles/tfjs/findings/probeCatalog.ts.',
    '',
    ...probeTable(d),
    '',
    '## The loss as a row’s offset grows',
    '',
    'Softmax CE of the float32 row `[m, m, m, m]`, target 0: the exact loss is log 4 for every m.',
    '',
    ...offsetTable(d.offsets),
    '',
    ...backendSection(d),
    `\`tf.oneHot([0, 2], 3, 1, 0, 'float32')\`: ${perBackend(d, d.oneHot)}.`,
    '',
    `\`tf.log1p([2^-30, 1e-10])\`: ${perBackend(d, d.log1p)}.`,
    '',
    `\`tf.losses.sigmoidCrossEntropy([1.5], [3.4028235e38])\` (exact −1.701411733e38): ${perBackend(d, d.sigmoidOverflow)}.`,
  ];
}

function backendSection(d: TfjsFindingsData): string[] {
  return [
    '## CPU and WebAssembly backends, value by value',
    '',
    `${d.backendSample.perLoss} valid tfjs cases per loss (the property suite's arbitraries, seed ${d.backendSample.seed}), every`,
    'output value of one backend against the other in float32 ULPs (NaN equals NaN).',
    '',
    ...backendTable(d.backendRows),
    '',
    ...d.backendRows
      .filter((r) => r.worst)
      .map((r) => `- ${r.loss}, the largest difference (${r.maxUlps} ULPs): \`${r.worst}\``),
    '',
  ];
}

export function tfjsFindingsMarkdown(d: TfjsFindingsData): string {
  const [first] = d.findings.runs;
  const seeds = [...new Set(d.findings.runs.map((r) => r.seed))];
  const provenance = [
    `Generated by \`scripts/tfjs-findings.ts\` (\`npm run findings:tfjs\`) from runs of @tensorflow/tfjs-core ${d.version}`,
    `on its ${d.backends.join(' and ')} implementations, judged against the certified reference (MPFR engine) under`,
    `the tfjs profile at ${levelPhrase(d.findings)}: the default families, float32, at ${first?.runs ?? 0} runs per property for`,
    `seeds ${seeds.join(', ')} (as test/check/peerConformance.long.test.ts runs them), with the manifest`,
    `\`${d.manifest}\`. Each finding below is an entry of that manifest: one check and one behaviour.`,
  ].join('\n');
  return findingsMarkdown(d.findings, {
    peer: `TensorFlow.js ${d.version}`,
    provenance: `${provenance}\n\n${READING}`,
    manifest: d.manifest,
    answers: d.answers,
    appendix: tfjsTables(d),
  });
}
