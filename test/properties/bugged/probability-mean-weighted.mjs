// Bug: the mean of probability targets divides by the weight mass Σ_c w_c·t_c of each position,
// as index targets' Σ w_t does, instead of the position count P (RED-3.2).
import { ordinary } from '../plugins/ordinary.mjs';
import { denominatorTerm } from '../plugins/softmax.mjs';

function weightedTerm(c, i, ignored) {
  if (c.targetKind !== 'probability' || !c.weight) return denominatorTerm(c, i, ignored);
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  const inner = c.shape.slice(2).reduce((a, b) => a * b, 1);
  const at = (j) => (Math.floor(i / inner) * C + j) * inner + (i % inner);
  return c.weight.reduce((s, w, j) => s + w * c.target[at(j)], 0);
}

export default ordinary({ name: 'probability-mean-weighted', parts: { denominatorTerm: weightedTerm } });
