// A softmax cross-entropy written the ordinary way — max-shifted logsumexp in float64 — as a
// losscheck plug-in (spec/formats.md#FMT-5.1):
//   npx losscheck eval --impl module:examples/modules/logsumexp.mjs --cases cases.jsonl
// It implements the torch profile's softmax CE: index and probability targets, class weights,
// ignore_index, label smoothing, the three reductions, [N, C, d1..dk] inputs, and the gradient.

function supports(c) {
  if (c.loss !== 'softmax_cross_entropy') return `${c.loss} is not implemented`;
  if (c.dtype !== 'float64') return 'computes in float64 only';
  if (c.profile !== 'torch') return 'follows PyTorch only';
  if (c.outputs.includes('logProb')) return 'no logProb output';
  return true;
}

function logSoftmax(row) {
  const m = Math.max(...row);
  const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - m - lse);
}

function evaluate(c) {
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  const inner = c.shape.slice(2).reduce((a, b) => a * b, 1);
  const P = c.shape.length === 1 ? 1 : c.shape[0] * inner;
  const ignore = c.ignoreIndex ?? -100;
  const eps = c.labelSmoothing > 0 ? c.labelSmoothing : 0;
  if (eps > 1) throw new Error('label_smoothing must be between 0.0 and 1.0');
  const w = (j) => (c.weight ? c.weight[j] : 1);
  const at = (i, j) => (Math.floor(i / inner) * C + j) * inner + (i % inner);
  const losses = new Float64Array(P);
  const grad = new Float64Array(c.input.length);
  let denominator = 0;
  for (let i = 0; i < P; i++) {
    const row = Array.from({ length: C }, (_, j) => c.input[at(i, j)]);
    const lp = logSoftmax(row);
    let q;
    if (c.targetKind === 'index') {
      const t = c.target[i];
      if (t === ignore) continue;
      if (!(t >= 0 && t < C)) throw new Error(`Target ${t} is out of bounds.`);
      q = row.map((_, j) => (j === t ? 1 - eps : 0) + eps / C);
      denominator += w(t);
    } else {
      q = row.map((_, j) => c.target[at(i, j)] * (1 - eps) + eps / C);
      denominator += 1;
    }
    const a = q.map((qj, j) => w(j) * qj);
    losses[i] = -a.reduce((s, aj, j) => s + aj * lp[j], 0);
    const mass = a.reduce((s, aj) => s + aj, 0);
    lp.forEach((l, j) => (grad[at(i, j)] = mass * Math.exp(l) - a[j]));
  }
  const total = losses.reduce((s, v) => s + v, 0);
  const scale = c.reduction === 'mean' ? 1 / denominator : 1;
  const loss = c.reduction === 'none' ? losses : [c.reduction === 'mean' ? total / denominator : total];
  return { loss, grad: c.outputs.includes('grad') ? grad.map((g) => g * scale) : undefined };
}

export default { name: 'logsumexp-example', supports, evaluate };
