// A softmax cross-entropy written the ordinary way — max-shifted log-softmax in float64 — as a
// losscheck plug-in (spec/formats.md#FMT-5.1):
//   npx losscheck check --impl module:examples/modules/logsumexp.mjs --loss softmax_cross_entropy
// It follows the torch profile: index targets (gathered: only the target's term) and probability
// targets, class weights, ignore_index, label smoothing, the three reductions, [N, C, d1..dk]
// inputs, the gradient (times the upstream gradient, UP-2) and the log-probabilities, and
// PyTorch's rejections of bad input. It computes in float64 whatever the dtype (losscheck rounds
// the answers into the dtype). No z-loss or soft-cap: examples/modules/chunkedLinear.mjs has those.

function supports(c) {
  if (c.loss !== 'softmax_cross_entropy') return `${c.loss} is not implemented`;
  if (c.profile !== 'torch') return 'follows PyTorch only';
  if (c.zLoss !== 0 || c.logitSoftcap !== undefined) return 'no z-loss or soft-cap';
  return true;
}

/** (x − m) − log Σ exp(x − m): never exp of a positive number. */
function logSoftmax(row) {
  // A loop, not Math.max(...row): spreading a 131072-class row overflows V8's call stack.
  const m = row.reduce((a, b) => (b > a ? b : a), -Infinity);
  const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - m - logSum);
}

function layout(c) {
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  const inner = c.shape.slice(2).reduce((a, b) => a * b, 1);
  const P = c.shape.length === 1 ? 1 : c.shape[0] * inner;
  if (c.input.length !== c.shape.reduce((a, b) => a * b, 1)) throw new Error('input does not match shape');
  if (c.target.length !== (c.targetKind === 'index' ? P : c.input.length))
    throw new Error('target does not match shape');
  if (c.weight && c.weight.length !== C) throw new Error('weight should have C elements');
  return { C, inner, P };
}

/** The coefficients of one position: a[j] multiplies −lp[j]; null means ignored. */
function coefficients(c, i, C, at, eps) {
  const w = (j) => (c.weight ? c.weight[j] : 1);
  if (c.targetKind === 'probability')
    return Array.from({ length: C }, (_, j) => w(j) * (c.target[at(i, j)] * (1 - eps) + eps / C));
  const t = c.target[i];
  if (t === (c.ignoreIndex ?? -100)) return null;
  if (!Number.isInteger(t) || t < 0 || t >= C) throw new Error(`Target ${t} is out of bounds.`);
  if (eps === 0) return Array.from({ length: C }, (_, j) => (j === t ? w(j) : undefined)); // gathered
  return Array.from({ length: C }, (_, j) => w(j) * ((j === t ? 1 - eps : 0) + eps / C));
}

function evaluate(c) {
  if (c.labelSmoothing > 1) throw new Error('label_smoothing must be between 0.0 and 1.0');
  if (c.targetKind === 'probability' && (c.ignoreIndex ?? -100) >= 0)
    throw new Error('ignore_index is not supported for floating point target');
  const eps = c.labelSmoothing > 0 ? c.labelSmoothing : 0;
  const { C, inner, P } = layout(c);
  const at = (i, j) => (Math.floor(i / inner) * C + j) * inner + (i % inner);
  const losses = new Float64Array(P);
  const grad = new Float64Array(c.input.length);
  const logProb = new Float64Array(c.input.length);
  const ignored = new Uint8Array(P);
  let denominator = 0;
  for (let i = 0; i < P; i++) {
    const lp = logSoftmax(Array.from({ length: C }, (_, j) => c.input[at(i, j)]));
    lp.forEach((l, j) => (logProb[at(i, j)] = l));
    const a = coefficients(c, i, C, at, eps);
    if (a === null) {
      ignored[i] = 1;
      continue;
    }
    denominator += c.targetKind === 'probability' ? 1 : c.weight ? c.weight[c.target[i]] : 1;
    losses[i] = -a.reduce((s, aj, j) => (aj === undefined ? s : s + aj * lp[j]), 0);
    const mass = a.reduce((s, aj) => s + (aj ?? 0), 0);
    lp.forEach((l, j) => (grad[at(i, j)] = mass * Math.exp(l) - (a[j] ?? 0)));
  }
  const total = losses.reduce((s, v) => s + v, 0);
  const mean = c.reduction === 'mean';
  // UP-2: each position's gradient times its upstream gradient (one value under mean and sum).
  const upstream = (k) => (c.upstream ? c.upstream[c.reduction === 'none' ? positionOf(k) : 0] : 1);
  const positionOf = (k) => Math.floor(k / (C * inner)) * inner + (k % inner);
  return {
    loss: c.reduction === 'none' ? losses : [mean ? total / denominator : total],
    // GRAD-3: an ignored position's gradient is 0, never divided (not 0/0 when every one is ignored).
    grad: c.outputs.includes('grad')
      ? grad.map((g, k) => (ignored[positionOf(k)] ? g : (mean ? g / denominator : g) * upstream(k)))
      : undefined,
    logProb: c.outputs.includes('logProb') ? logProb : undefined,
  };
}

export default { name: 'logsumexp-example', supports, evaluate };
