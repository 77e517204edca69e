/**
 * Engine costs at 128 bits, the fast engine at its 100 (spec/reference-engine.md#REF-9):
 * `npx vitest bench test/reference --run`. The softmax-CE row is the log1p form
 * (m − x_t) + log1p(Σ_{j≠k} e^(x_j − m)), certified to float64. bench/fastReference.ts measures
 * whole rows (loss, gradient, log-softmax) and batches.
 */
import { bench, describe } from 'vitest';
import type { IntervalArithmetic, ReferenceEngine } from '../../src/reference/arithmetic.js';
import { FAST_BITS } from '../../src/reference/fastEndpoints.js';
import { certifyValue } from '../../src/reference/ziv.js';
import { CASCADES, decimalEngine, fastEngine, mpfrEngine } from './engines.js';

const BITS = 128;
const arguments_ = Float64Array.from({ length: 200 }, (_, i) => -((i * 0.618) % 20));

function eachOp(engine: ReferenceEngine, op: 'exp' | 'log1p'): void {
  engine.run(engine === fastEngine ? FAST_BITS : BITS, (a) => {
    for (const x of arguments_) a[op](a.fromDouble(op === 'exp' ? x : -x / 21));
    return 0;
  });
}

function softmaxCe<I>(a: IntervalArithmetic<I>, logits: Float64Array, target: number): I {
  let k = 0;
  logits.forEach((x, j) => (k = x > logits[k]! ? j : k));
  const m = a.fromDouble(logits[k]!);
  let rest = a.fromDouble(0);
  logits.forEach((x, j) => (rest = j === k ? rest : a.add(rest, a.exp(a.sub(a.fromDouble(x), m)))));
  return a.add(a.sub(m, a.fromDouble(logits[target]!)), a.log1p(rest));
}

const row = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10);
const rows = { 1000: row(1000), 131072: row(131072) };

describe(`${arguments_.length} exp / log1p at ${BITS} bits (divide the time by ${arguments_.length})`, () => {
  bench('fast exp', () => eachOp(fastEngine, 'exp'));
  bench('fast log1p', () => eachOp(fastEngine, 'log1p'));
  bench('mpfr exp', () => eachOp(mpfrEngine, 'exp'));
  bench('mpfr log1p', () => eachOp(mpfrEngine, 'log1p'));
  bench('decimal exp', () => eachOp(decimalEngine, 'exp'), { iterations: 5 });
  bench('decimal log1p', () => eachOp(decimalEngine, 'log1p'), { iterations: 5 });
});

describe('certified softmax-CE row, float64', () => {
  const fastMpfr = CASCADES[1].cascade;
  bench('fast + mpfr, 1000 logits', () => void certifyValue(fastMpfr, 'float64', (a) => softmaxCe(a, rows[1000], 3)));
  bench(
    'fast + mpfr, 131072 logits',
    () => void certifyValue(fastMpfr, 'float64', (a) => softmaxCe(a, rows[131072], 3)),
    {
      iterations: 5,
    },
  );
  bench('mpfr, 1000 logits', () => void certifyValue(mpfrEngine, 'float64', (a) => softmaxCe(a, rows[1000], 3)));
  bench('decimal, 1000 logits', () => void certifyValue(decimalEngine, 'float64', (a) => softmaxCe(a, rows[1000], 3)), {
    iterations: 3,
  });
  bench('mpfr, 131072 logits', () => void certifyValue(mpfrEngine, 'float64', (a) => softmaxCe(a, rows[131072], 3)), {
    iterations: 5,
  });
});
