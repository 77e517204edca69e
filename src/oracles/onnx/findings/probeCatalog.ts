/**
 * The edge cases spec/findings/onnxruntime.md reports ORT's behaviour on: each a case (FMT-1
 * JSON), the ORT variant that runs it, and what the profile says the answer is.
 */
import type { GraphChoices } from '../casePlan.js';

export type ProbeVariant = 'ort' | 'ort (SCE-12)' | 'ort (LogSoftmax+NLL)' | 'ort-unstable';

export const PROBE_VARIANTS: Readonly<Record<ProbeVariant, Partial<GraphChoices>>> = {
  ort: {},
  'ort (SCE-12)': { sceOpset: 12 },
  'ort (LogSoftmax+NLL)': { scePath: 'logSoftmaxNll' },
  'ort-unstable': { bcelForm: 'exporter' },
};

export interface Probe {
  readonly topic: string;
  readonly variant: ProbeVariant;
  readonly case: Readonly<Record<string, unknown>>;
  /** The profile's answer, with its clause. */
  readonly expected: string;
}

const row3 = { shape: [2, 3], input: [1, 2, 3, 4, 5, 6] };
const sce = (over: Record<string, unknown>) => ({
  id: 'probe',
  loss: 'softmax_cross_entropy',
  profile: 'onnx',
  reduction: 'none',
  ...row3,
  ...over,
});
const nll = (over: Record<string, unknown>) => ({
  id: 'probe',
  loss: 'negative_log_likelihood',
  profile: 'onnx',
  reduction: 'none',
  shape: [2, 3],
  input: [-1, -2, -3, -0.5, -1.5, -2.5],
  ...over,
});
const bcel = (over: Record<string, unknown>) => ({
  id: 'probe',
  loss: 'binary_cross_entropy_with_logits',
  reduction: 'none',
  ...over,
});
const each = (variants: readonly ProbeVariant[], probe: Omit<Probe, 'variant'>): Probe[] =>
  variants.map((variant) => ({ ...probe, variant }));
const SOFTMAX_VARIANTS: readonly ProbeVariant[] = ['ort', 'ort (SCE-12)', 'ort (LogSoftmax+NLL)'];
const ort = (topic: string, c: Probe['case'], expected: string): Probe => ({
  topic,
  variant: 'ort',
  case: c,
  expected,
});

export const PROBES: readonly Probe[] = [
  ...['float32', 'float64', 'float16'].flatMap((dtype) =>
    each(SOFTMAX_VARIANTS, {
      topic: 'every target ignored, mean',
      case: sce({ dtype, target: [1, 1], ignoreIndex: 1, reduction: 'mean' }),
      expected: 'NaN (RED-4, PRO-7)',
    }),
  ),
  ort('every target ignored, sum', sce({ target: [1, 1], ignoreIndex: 1, reduction: 'sum' }), '0 (RED-2)'),
  ort('ignored positions, none', sce({ target: [1, 0], ignoreIndex: 1 }), '[0, ℓ] (IGN-1)'),
  ort(
    'ignored row holding NaN, mean',
    sce({ input: ['NaN', 0, 0, 1, 2, 3], target: [1, 2], ignoreIndex: 1, reduction: 'mean' }),
    'ℓ of row 2 (IGN-1)',
  ),
  ort('weights summing to 0, mean', sce({ target: [0, 0], weight: [0, 1, 1], reduction: 'mean' }), 'NaN (RED-4)'),
  ...each(SOFTMAX_VARIANTS, {
    topic: 'label −1, no ignore_index',
    case: sce({ target: [-1, 2] }),
    expected: 'error (PRO-3)',
  }),
  ort('label −C, no ignore_index', sce({ target: [-3, 0] }), 'error (PRO-3)'),
  ort('label −C − 1, no ignore_index', sce({ target: [-4, 0] }), 'error (PRO-3)'),
  ort('label C', sce({ target: [3, 0] }), 'error (PRO-3)'),
  ort(
    'label −1 with weights, ignore_index 5',
    sce({ target: [-1, 0], weight: [1, 2, 3], ignoreIndex: 5 }),
    'error (PRO-3)',
  ),
  ort('label −1, torch profile (ignore_index −100)', sce({ profile: 'torch', target: [-1, 0] }), 'error (PRO-3)'),
  ort('label −100, no ignore_index', sce({ target: [-100, 0] }), 'error: nothing is ignored (PRO-1, PRO-3)'),
  ort('NLL: label −1, no ignore_index', nll({ target: [-1, 0] }), 'error (PRO-3)'),
  ort(
    'NLL: every target ignored, mean',
    nll({ target: [1, 1], ignoreIndex: 1, reduction: 'mean' }),
    'NaN (RED-4, NLL-2)',
  ),
  ort(
    'NLL: empty batch N = 0, mean',
    nll({ shape: [0, 3], input: [], target: [], reduction: 'mean' }),
    'NaN (RED-5, NLL-2)',
  ),
  ort('+∞ logit', sce({ input: ['Infinity', 0, 0, 0, 0, 0], target: [0, 1] }), '[NaN, 1.0986…] (CE-2.2)'),
  ort(
    '+∞ logit on another class',
    sce({ input: ['Infinity', 0, 0, 0, 0, 0], target: [1, 1] }),
    '[NaN, 1.0986…] (CE-2.2)',
  ),
  ort(
    '−∞ on another class',
    sce({ input: ['-Infinity', 0, 0, 1, 2, 3], target: [1, 2] }),
    '[0.6931…, 0.4076…] (CE-3.3)',
  ),
  ort('−∞ on the target', sce({ input: ['-Infinity', 0, 0, 1, 2, 3], target: [0, 2] }), '[+∞, 0.4076…] (CE-2.1)'),
  ort(
    'a row of −∞',
    sce({ input: ['-Infinity', '-Infinity', '-Infinity', 1, 2, 3], target: [0, 2] }),
    '[NaN, 0.4076…] (CE-2.2)',
  ),
  ...each(['ort', 'ort (SCE-12)'], {
    topic: 'logit gap 200, float32',
    case: sce({ dtype: 'float32', shape: [1, 3], input: [0, -200, 5], target: [1] }),
    expected: '205.0067… (the ONNX reference gives +∞)',
  }),
  ort(
    'logits ±1.7e38, float32',
    sce({ dtype: 'float32', shape: [1, 2], input: [1.6999999760721821e38, -1.6999999760721821e38], target: [1] }),
    '3.4e38, finite (DT-3)',
  ),
  ort(
    'logits ±65504, float16',
    sce({ dtype: 'float16', shape: [1, 2], input: [65504, -65504], target: [1] }),
    '+∞: 131008 overflows (DT-3)',
  ),
  ort(
    'losses 40000 + 40000, float16, sum',
    sce({ dtype: 'float16', shape: [2, 2], input: [40000, 0, 40000, 0], target: [1, 1], reduction: 'sum' }),
    '+∞ (DT-3)',
  ),
  ort(
    'losses 40000 + 40000, float16, mean',
    sce({ dtype: 'float16', shape: [2, 2], input: [40000, 0, 40000, 0], target: [1, 1], reduction: 'mean' }),
    '40000 (DT-3: rounded once)',
  ),
  ort(
    'perfect prediction: sign of the zero loss',
    sce({ shape: [1, 2], input: [0, '-Infinity'], target: [0] }),
    '0 (±0 equal, TOL-1)',
  ),
  ort('−0 logit', sce({ shape: [1, 2], input: ['-0', 0], target: [0] }), '0.6931… (CE-2.1)'),
  ...each(SOFTMAX_VARIANTS, {
    topic: 'empty batch N = 0, mean',
    case: sce({ shape: [0, 3], input: [], target: [], reduction: 'mean' }),
    expected: 'NaN (RED-5)',
  }),
  ort(
    'empty batch, probability targets, mean',
    sce({ shape: [0, 3], input: [], targetKind: 'probability', target: [], reduction: 'mean' }),
    'NaN (RED-5)',
  ),
  ort(
    'probability target 0 on a −∞ logit',
    sce({ shape: [1, 3], input: ['-Infinity', 0, 0], targetKind: 'probability', target: [0, 0.5, 0.5] }),
    'NaN (CE-4.3)',
  ),
  ort(
    'BCE p outside [0, 1] and NaN, torch',
    {
      id: 'probe',
      loss: 'binary_cross_entropy',
      reduction: 'none',
      shape: [3],
      input: [1.5, -0.5, 'NaN'],
      target: [1, 1, 1],
    },
    'error (PRO-10)',
  ),
  ort(
    'BCE p = 0 and 1, y opposite',
    { id: 'probe', loss: 'binary_cross_entropy', reduction: 'none', shape: [2], input: [0, 1], target: [1, 0] },
    '[100, 100] (BCE-1)',
  ),
  ...each(['ort', 'ort-unstable'], {
    topic: 'BCE with logits at ±∞',
    case: bcel({
      shape: [6],
      input: ['Infinity', 'Infinity', 'Infinity', '-Infinity', '-Infinity', '-Infinity'],
      target: [1, 0, 0.5, 0, 1, 0.5],
    }),
    expected: '[NaN, +∞, +∞, NaN, NaN, NaN] (PRO-11 torch)',
  }),
  ...['float32', 'float64'].flatMap((dtype) =>
    each(['ort', 'ort-unstable'], {
      topic: `BCE with logits, y = 0, x ≪ 0, ${dtype}`,
      case: bcel({ dtype, shape: [5], input: [-15, -16, -17, -18, -40], target: [0, 0, 0, 0, 0] }),
      expected: '[3.059e-7, 1.125e-7, 4.140e-8, 1.523e-8, 4.248e-18] (BCEL-1)',
    }),
  ),
  ...each(['ort', 'ort-unstable'], {
    topic: 'BCE with logits, large |x|, float32',
    case: bcel({ dtype: 'float32', shape: [4], input: [17, 18, 30, 100], target: [0, 0, 1, 1] }),
    expected: '[17.00000004, 18.00000002, 9.358e-14, 3.720e-44 (float32: 3.783e-44)] (BCEL-1)',
  }),
];
