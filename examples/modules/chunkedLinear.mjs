// Linear cross-entropy the way a fused kernel computes it (Liger-Kernel's FLCE, Cut Cross-Entropy),
// as a losscheck plug-in (spec/formats.md#FMT-5.1):
//   npx losscheck check --impl module:examples/modules/chunkedLinear.mjs --loss linear_cross_entropy
// - the rows (tokens) in chunks, the vocabulary in blocks: the logits h·Wᵀ + b of one block at a
//   time, never the whole [N, V] matrix;
// - float32 accumulation of every dot product and sum, whatever the inputs' dtype, each output
//   rounded once (losscheck rounds it into the dtype: the opmath level, spec/tolerance.md#TOL-OPMATH);
// - the soft-cap c·tanh(x/c) (CAP-1) and an online log-sum-exp over the blocks (a running maximum
//   and a rescaled running sum); the loss lse − x_t with label smoothing, plus z·lse² (ZL-1);
// - a second pass over the blocks for the gradient (1 + 2·z·lse)·p − q, times the cap's slope
//   1 − (x̂/c)² (CAP-2), the reduction's 1/D and the token's upstream gradient (UP-2) — folded into
//   each token's row before the products with W and h are summed over tokens (LCE-3).
// It follows the torch profile (PRO-25): index targets, ignore_index, label smoothing, the three
// reductions, zLoss, logitSoftcap, upstream gradients; float32, float16 and bfloat16 (a float32
// kernel does not claim float64). Each step is a part a variant can replace: test/properties/bugged/
// holds the bugs such kernels shipped, each caught by `losscheck check` at its defaults.

const f = Math.fround;
/** Vocabulary block and token chunk sizes: small, so that small cases cross block boundaries. */
const BLOCK = 3;
const CHUNK = 2;

/** The parts a variant may replace (each a bug fixed in some kernel). */
export const PARTS = {
  /** CAP-1 in float32: c·tanh(x/c). */
  cap: (x, c) => f(c * f(Math.tanh(f(x / c)))),
  /** CAP-2: the slope from the capped value x̂: 1 − (x̂/c)². */
  capSlope: (capped, c) => f(1 - f(f(capped / c) * f(capped / c))),
  /** The target's gradient p_t − q_t, subtracted in float32 (Liger PR 1329 rounded p_t first). */
  targetGradient: (p, q) => f(p - q),
  /** ZL-1's term of a token and its gradient factor 2·z·lse (`lses`: every token's lse, for variants). */
  zTerm: (z, lse) => ({ loss: f(z * f(lse * lse)), mass: f(f(2 * z) * lse) }),
  /**
   * UP-2: token n's upstream gradient, folded into its row of dlogits — for dh (`row`) and before
   * the sums over tokens that make dW and db (`summed`) — and what is left to apply after those
   * sums (nothing, in a correct kernel; Liger PR 1298 scaled dW and db by the first token's).
   */
  upstream: (c, n) => {
    const u = c.upstream ? c.upstream[c.reduction === 'none' ? n : 0] : 1;
    return { row: u, summed: u, afterSum: 1 };
  },
};

function supports(c) {
  if (c.loss !== 'linear_cross_entropy') return `${c.loss} is not implemented (linear_cross_entropy only)`;
  if (c.profile !== 'torch') return 'follows PyTorch only';
  if (c.dtype === 'float64') return 'computes in float32: float32, float16 and bfloat16 only';
  return true;
}

/** PyTorch's rejections of bad input, as the kernel's wrapper makes them. */
function validate(c, D, V) {
  if (c.shape.length !== 2 || !(D >= 1) || c.input.length !== c.shape[0] * D) throw new Error('input must be [N, D]');
  if (c.target.length !== c.shape[0]) throw new Error('target must be [N]');
  const upstream = c.reduction === 'none' ? c.shape[0] : 1;
  if (c.upstream && c.upstream.length !== upstream) throw new Error(`grad_output must have ${upstream} values`);
  if (c.linearWeight.length !== V * D || V < 1) throw new Error('weight must be [V, D]');
  if (c.linearBias && c.linearBias.length !== V) throw new Error('bias must be [V]');
  if (c.weight) throw new Error('class weights are not supported');
  if (!(c.labelSmoothing <= 1)) throw new Error('label_smoothing must be between 0.0 and 1.0');
  if (!(c.zLoss >= 0)) throw new Error('lse_square_scale must be non-negative');
  if (c.logitSoftcap !== undefined && !(c.logitSoftcap > 0)) throw new Error('softcap must be positive');
  const ignore = c.ignoreIndex ?? -100;
  for (const t of c.target)
    if (t !== ignore && !(Number.isInteger(t) && t >= 0 && t < V)) throw new Error(`Target ${t} is out of bounds.`);
}

/** One block's (capped) logits of token n, accumulated in float32. */
function blockLogits(c, parts, n, from, to, D) {
  const out = [];
  for (let j = from; j < to; j++) {
    let acc = 0;
    for (let k = 0; k < D; k++) acc = f(acc + f(c.input[n * D + k] * c.linearWeight[j * D + k]));
    const x = c.linearBias ? f(acc + c.linearBias[j]) : acc;
    out.push(c.logitSoftcap === undefined ? x : parts.cap(x, c.logitSoftcap));
  }
  return out;
}

/** Pass 1 over the blocks of token n: online log-sum-exp, the target's logit, the logits' sum. */
function forwardRow(c, parts, n, D, V) {
  let [m, s, total, xt] = [-Infinity, 0, 0, 0];
  for (let from = 0; from < V; from += BLOCK) {
    const x = blockLogits(c, parts, n, from, Math.min(V, from + BLOCK), D);
    const blockMax = x.reduce((a, v) => Math.max(a, v), -Infinity);
    const next = Math.max(m, blockMax);
    s = m === -Infinity ? 0 : f(s * f(Math.exp(f(m - next))));
    for (const v of x) s = f(s + f(Math.exp(f(v - next))));
    m = next;
    x.forEach((v, i) => {
      total = f(total + v);
      if (from + i === c.target[n]) xt = v;
    });
  }
  return { lse: f(m + f(Math.log(s))), total, xt };
}

/** The loss of a non-ignored token: (1 − ε)(lse − x_t) + ε(lse − mean x), before the z term. */
function tokenLoss(c, row, V) {
  const eps = c.labelSmoothing > 0 ? c.labelSmoothing : 0;
  const plain = f(row.lse - row.xt);
  if (eps === 0) return plain;
  return f(f(f(1 - eps) * plain) + f(eps * f(row.lse - f(row.total / V))));
}

/** Pass 2 over the blocks of token n: its dlogits, scaled, folded into dh, dW and db. */
function backwardRow(c, parts, n, row, scales, acc, D, V) {
  const eps = c.labelSmoothing > 0 ? c.labelSmoothing : 0;
  const mass = f(1 + row.zMass);
  for (let from = 0; from < V; from += BLOCK) {
    const x = blockLogits(c, parts, n, from, Math.min(V, from + BLOCK), D);
    x.forEach((v, i) => {
      const j = from + i;
      const p = f(f(Math.exp(f(v - row.lse))) * mass);
      const q = f((j === c.target[n] ? f(1 - eps) : 0) + f(eps / V));
      let g = parts.targetGradient(p, q, c.dtype);
      if (c.logitSoftcap !== undefined) g = f(g * parts.capSlope(v, c.logitSoftcap));
      const [gh, gw] = [f(g * scales.row), f(g * scales.summed)];
      for (let k = 0; k < D; k++) {
        acc.dh[n * D + k] = f(acc.dh[n * D + k] + f(gh * c.linearWeight[j * D + k]));
        acc.dW[j * D + k] = f(acc.dW[j * D + k] + f(gw * c.input[n * D + k]));
      }
      acc.db[j] = f(acc.db[j] + gw);
    });
  }
}

function reduce(c, losses, kept) {
  if (c.reduction === 'none') return losses;
  const total = losses.reduce((s, v) => f(s + v), 0);
  return [c.reduction === 'sum' ? total : f(total / kept)];
}

export function chunkedLinearCrossEntropy(overrides = {}, name = 'chunked-linear-example') {
  const parts = { ...PARTS, ...overrides };
  function evaluate(c) {
    const [N, D] = c.shape;
    const V = c.linearWeight.length / D;
    validate(c, D, V);
    const ignore = c.ignoreIndex ?? -100;
    const kept = c.target.filter((t) => t !== ignore).length;
    const rows = Array.from({ length: N }, (_, n) =>
      c.target[n] === ignore ? undefined : forwardRow(c, parts, n, D, V),
    );
    const lses = rows.map((r) => r?.lse);
    const losses = rows.map((r) => {
      if (!r) return 0;
      const z = c.zLoss > 0 ? parts.zTerm(c.zLoss, r.lse, lses, c) : { loss: 0, mass: 0 };
      r.zMass = z.mass;
      return f(tokenLoss(c, r, V) + z.loss);
    });
    const acc = { dh: new Array(N * D).fill(0), dW: new Array(V * D).fill(0), db: new Array(V).fill(0) };
    const wantsGrad = ['grad', 'gradWeight', 'gradBias'].some((o) => c.outputs.includes(o));
    // Chunks of tokens, as FLCE does; the gradient of W and b accumulates across chunks.
    for (let start = 0; wantsGrad && start < N; start += CHUNK)
      for (let n = start; n < Math.min(N, start + CHUNK); n++) {
        if (!rows[n]) continue;
        const mean = c.reduction === 'mean' ? f(1 / kept) : 1;
        const u = parts.upstream(c, n);
        backwardRow(c, parts, n, rows[n], { row: f(mean * u.row), summed: f(mean * u.summed) }, acc, D, V);
      }
    const after = parts.upstream(c, 0).afterSum;
    const all = lses.map((lse, n) => lse ?? forwardRow(c, parts, n, D, V).lse);
    return {
      loss: reduce(c, losses, kept),
      lse: c.outputs.includes('lse') ? all : undefined,
      grad: c.outputs.includes('grad') ? acc.dh : undefined,
      gradWeight: c.outputs.includes('gradWeight') ? acc.dW.map((g) => f(g * after)) : undefined,
      gradBias: c.outputs.includes('gradBias') ? acc.db.map((g) => f(g * after)) : undefined,
    };
  }
  return { name, supports, evaluate };
}

export default chunkedLinearCrossEntropy();
