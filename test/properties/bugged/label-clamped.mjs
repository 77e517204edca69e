// Bug: a class index outside [0, C) is clamped into range instead of rejected (CE-3.2, PRO-3
// torch: an error).
import { ordinary } from '../plugins/ordinary.mjs';

const base = ordinary({ name: 'label-clamped' });

function clamped(c) {
  if (c.loss !== 'softmax_cross_entropy' || c.targetKind !== 'index') return c;
  const C = c.shape.length === 1 ? c.shape[0] : c.shape[1];
  const ignore = c.ignoreIndex ?? -100;
  return { ...c, target: c.target.map((t) => (t === ignore ? t : Math.min(C - 1, Math.max(0, t)))) };
}

export default { ...base, evaluate: (c) => base.evaluate(clamped(c)) };
