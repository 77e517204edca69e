/**
 * The reference's baseline (spec/reference-engine.md#REF-9): plain decimal.js at 40 digits on
 * exact inputs, a softmax-CE row's formulas without enclosures or rounding checks — the loss,
 * every gradient component and every log-probability, `Number()` of each.
 */
import { Decimal } from 'decimal.js';
import { exactDecimal } from '../reference/exact.js';

/** 1 + 2n values: the loss, the gradient, the log-probabilities. */
export function plainDecimalRow(x: Float64Array, target: number): Float64Array {
  const D = Decimal.clone({ precision: 40 });
  const xs = Array.from(x, (v) => exactDecimal(v, D));
  const m = xs.reduce((a, b) => (b.gt(a) ? b : a));
  const d = xs.map((xj) => xj.sub(m));
  const e = d.map((dj) => dj.exp());
  const total = e.reduce((acc, ej) => acc.add(ej), new D(0));
  const log = total.ln();
  const out = new Float64Array(1 + 2 * x.length);
  out[0] = log.sub(d[target]!).toNumber();
  e.forEach(
    (ej, c) =>
      (out[1 + c] = ej
        .div(total)
        .sub(c === target ? 1 : 0)
        .toNumber()),
  );
  d.forEach((dc, c) => (out[1 + x.length + c] = dc.sub(log).toNumber()));
  return out;
}
