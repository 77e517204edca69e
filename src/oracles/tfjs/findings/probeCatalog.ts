/**
 * The edge cases spec/findings/tfjs.md reports TF.js's behaviour on: each a float32 case under the
 * tfjs profile and what the profile says the answer is (with its clause).
 */
export interface TfjsProbe {
  readonly topic: string;
  readonly case: Readonly<Record<string, unknown>>;
  readonly expected: string;
}

const base = { id: 'probe', dtype: 'float32', profile: 'tfjs', reduction: 'none', outputs: ['loss', 'grad'] };
const sce = (over: Record<string, unknown>) => ({
  ...base,
  loss: 'softmax_cross_entropy',
  shape: [2, 3],
  input: [1, 2, 3, 4, 5, 6],
  target: [0, 2],
  ...over,
});
const bce = (over: Record<string, unknown>) => ({ ...base, loss: 'binary_cross_entropy', shape: [2], ...over });
const bcel = (over: Record<string, unknown>) => ({ ...base, loss: 'binary_cross_entropy_with_logits', ...over });

export const TFJS_PROBES: readonly TfjsProbe[] = [
  { topic: 'label outside [0, C)', case: sce({ target: [5, -1] }), expected: 'a zero one-hot row: loss 0 (PRO-3)' },
  {
    topic: 'smoothing, label outside [0, C)',
    case: sce({ target: [5, -1], labelSmoothing: 0.5 }),
    expected: 'the smoothing term alone (PRO-3, LS-1)',
  },
  { topic: 'ε < 0', case: sce({ labelSmoothing: -0.5 }), expected: 'no smoothing (PRO-4)' },
  { topic: 'ε > 1', case: sce({ labelSmoothing: 1.5 }), expected: 'applied (PRO-4)' },
  {
    topic: 'smoothing [N, C, d1]',
    case: sce({ shape: [1, 3, 2], labelSmoothing: 0.3 }),
    expected: 'K = d1 = 2, the channel-last shape[1] (PRO-5)',
  },
  {
    topic: 'smoothing a rank-1 input',
    case: sce({ shape: [3], input: [1, 2, 3], target: [1], labelSmoothing: 0.1 }),
    expected: 'error: no shape[1] (PRO-5)',
  },
  {
    topic: 'index targets, C = 1',
    case: sce({ shape: [2, 1], input: [1, 2], target: [0, 0] }),
    expected: 'error: tf.oneHot needs depth 2 (PRO-15)',
  },
  {
    topic: '−∞ logit off the target',
    case: sce({ input: [1, '-Infinity', 3, 4, 5, 6] }),
    expected: 'NaN: 0·(−∞) (PRO-15)',
  },
  { topic: '+∞ logit', case: sce({ input: [1, 'Infinity', 3, 4, 5, 6] }), expected: 'NaN row (CE-2.2)' },
  {
    topic: 'unnormalised probability targets',
    case: sce({ targetKind: 'probability', target: [0.5, 1, 2, 0, 0, 0.25] }),
    expected: 'gradient p − q (GRAD-2, PRO-8)',
  },
  {
    topic: 'empty batch, mean',
    case: sce({ shape: [0, 3], input: [], target: [], reduction: 'mean' }),
    expected: '0/0 = NaN (RED-5, PRO-7)',
  },
  {
    topic: 'logLoss outside [0, 1]',
    case: bce({ shape: [4], input: [-0.5, 1.5, 'NaN', 0], target: [1, 0, 1, 2] }),
    expected: 'the formula: NaN, NaN, NaN, finite (BCE-4, PRO-10)',
  },
  {
    topic: 'logLoss at ±∞',
    case: bce({ input: ['Infinity', '-Infinity'], target: [0.5, 0.5] }),
    expected: 'NaN, gradient 0 (GRAD-6)',
  },
  {
    topic: 'every weight 0, mean',
    case: bce({ input: [0.25, 0.75], target: [1, 0], weight: [0, 0], reduction: 'mean' }),
    expected: '0/0 = NaN (PRO-6, PRO-7)',
  },
  {
    topic: 'sigmoid CE at ±∞',
    case: bcel({
      shape: [6],
      input: ['Infinity', 'Infinity', 'Infinity', '-Infinity', '-Infinity', '-Infinity'],
      target: [1, 0, 0.5, 0, 1, 0.5],
    }),
    expected: 'NaN, NaN, NaN, NaN, +∞, +∞ (PRO-11)',
  },
  {
    topic: 'sigmoid CE, weights of the last dimension',
    case: bcel({
      shape: [2, 2],
      input: [1, -2, 3, 0],
      target: [1, 0, 0.5, 1],
      weight: [0, 2],
      labelSmoothing: 0.2,
      reduction: 'mean',
    }),
    expected: 'mean over the 2 nonzero weights of 4 elements (PRO-6, LS-7)',
  },
];
