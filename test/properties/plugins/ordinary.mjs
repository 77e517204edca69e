// Losses written the ordinary way, as a losscheck plug-in (spec/formats.md#FMT-5.1), written once
// and parametrised: by the arithmetic (`round` after every operation — float64, or float32 with
// Math.fround as a float32 kernel computes), and by its parts, which each bugged plug-in
// (../bugged/) replaces one at a time with a common bug. It follows the torch profile: softmax
// CE (index and probability targets, weights, ignore_index, label smoothing, [N, C, d1..dk]),
// BCE and BCE with logits (weight, pos_weight), the three reductions, gradients, PyTorch's
// rejections of bad input.
import { bce, bcel, binaryCrossEntropy, elementWeight } from './binary.mjs';
import * as softmax from './softmax.mjs';
import { validate } from './validate.mjs';

const LOSSES = new Set(['softmax_cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits']);

/** RED-1..3: the per-position losses reduced, and the factor on each position's gradient. */
export function reduction(c, losses, terms, r) {
  if (c.reduction === 'none') return { loss: losses, scaleGrad: (g) => g };
  const sum = losses.reduce((s, v) => r(s + v), 0);
  if (c.reduction === 'sum') return { loss: [sum], scaleGrad: (g) => g };
  const D = terms.reduce((s, v) => r(s + v), 0);
  return { loss: [r(sum / D)], scaleGrad: (g) => r(g / D) };
}

/** The default parts; a bugged plug-in overrides one. */
export const PARTS = {
  ...softmax,
  bce,
  bcel,
  elementWeight,
  reduction,
  /** The input as the kernel reads it. */
  prepare: (c) => Array.from(c.input),
};

/**
 * A plug-in: `round` is the arithmetic, `dtypes` the dtypes it computes (a float32 kernel does
 * not claim float64), `parts` what differs from PARTS.
 */
export function ordinary({ name, round = (v) => v, dtypes, parts = {} }) {
  const all = { ...PARTS, ...parts };
  return {
    name,
    supports(c) {
      if (!LOSSES.has(c.loss)) return `${c.loss} is not implemented`;
      if (c.profile !== 'torch') return 'follows PyTorch only';
      if (c.zLoss !== 0 || c.logitSoftcap !== undefined) return 'no z-loss or soft-cap';
      if (dtypes && !dtypes.includes(c.dtype)) return `computes ${dtypes.join(', ')} only`;
      return true;
    },
    evaluate(c) {
      validate(c);
      const values =
        c.loss === 'softmax_cross_entropy' ? all.softmaxCrossEntropy(c, all, round) : binaryCrossEntropy(c, all, round);
      return {
        loss: values.loss,
        grad: c.outputs.includes('grad') ? values.grad : undefined,
        logProb: c.outputs.includes('logProb') ? values.logProb : undefined,
      };
    },
  };
}
