/**
 * What certification costs, per engine (issue 3: a 131072-class row in under 1 s, the fast path
 * 100× plain decimal.js at 40 digits on a [64, 1000] batch; spec/reference-engine.md#REF-9):
 *
 *   npx tsx bench/fastReference.ts           every engine (the decimal engine takes minutes)
 *   npx tsx bench/fastReference.ts --quick   without the decimal engine on the 131072 row
 *
 * Each configuration runs in a process of its own, as a reference run would: the interval layer's
 * call sites then see one or two endpoint types, not every engine's.
 *
 * A softmax-CE row is certified whole: loss, every gradient component and every log-probability
 * (test/reference/softmaxRow.ts), into float64. The baseline is plain decimal.js at 40 digits on
 * exact inputs, without enclosures or rounding checks. The last configuration certifies the same
 * rows through src/reference/reference.ts (the semantic drivers and their exact-rational kernels,
 * REF-10) on the fast + MPFR cascade. Times are the best of three runs after a
 * warm-up (steady state), except for the decimal engine and the baseline (one run each).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { logitRow, targetOf } from '../src/bench/batch.js';
import { plainDecimalRow } from '../src/bench/decimalBaseline.js';
import type { LossCase } from '../src/case/types.js';
import { validateCase } from '../src/case/validate.js';
import type { ReferenceEngine } from '../src/reference/arithmetic.js';
import { createCascadeEngine } from '../src/reference/cascadeEngine.js';
import { createDecimalEngine } from '../src/reference/decimalEngine.js';
import { FAST_BITS } from '../src/reference/fastEndpoints.js';
import { createFastEngine } from '../src/reference/fastEngine.js';
import { createMpfrEngine } from '../src/reference/mpfrEngine.js';
import { evaluateReference } from '../src/reference/reference.js';
import { certifyValues } from '../src/reference/ziv.js';
import { softmaxRowCount, softmaxRowValues } from '../test/reference/softmaxRow.js';

const quick = process.argv.includes('--quick');
const only = process.argv[process.argv.indexOf('--engine') + 1];

const row = logitRow(131072, 0);
const batch = Array.from({ length: 64 }, (_, r) => logitRow(1000, r + 1));

interface Certified {
  readonly values: Float64Array;
  /** Values evaluated beyond the first pass: the slow engine's share in a cascade. */
  readonly fallbacks: number;
}

function certifyRow(engine: ReferenceEngine, x: Float64Array, target: number): Certified {
  const count = softmaxRowCount(x.length);
  const { values, stats } = certifyValues(engine, 'float64', count, softmaxRowValues(x, target));
  return { values, fallbacks: stats.evaluated - count };
}

function seconds<T>(run: () => T): { result: T; s: number } {
  const start = performance.now();
  const result = run();
  return { result, s: (performance.now() - start) / 1000 };
}

/** The fastest of `runs` runs: steady state, once the JIT has compiled the engine's code. */
function best<T>(runs: number, run: () => T): { result: T; s: number } {
  const all = Array.from({ length: runs }, () => seconds(run));
  return all.reduce((a, b) => (b.s < a.s ? b : a));
}

/** µs per enclosure of e^x (x in [−20, 0]) and log1p(x) (x in (0, 0.95]) at the engine's first precision. */
function perOperation(engine: ReferenceEngine, bits: number, count: number): { exp: number; log1p: number } {
  const time = (op: 'exp' | 'log1p'): number =>
    seconds(() =>
      engine.run(bits, (a) => {
        for (let i = 0; i < count; i++)
          a[op](a.fromDouble(op === 'exp' ? -((i * 0.618) % 20) : ((i * 0.618) % 0.95) + 2 ** -20));
        return 0;
      }),
    ).s;
  return { exp: (time('exp') / count) * 1e6, log1p: (time('log1p') / count) * 1e6 };
}

type Measured = Record<string, number | boolean | string>;

const CONFIGURATIONS = [
  'baseline',
  'decimal engine',
  'mpfr',
  'fast + decimal',
  'fast + mpfr',
  'reference.ts, fast + mpfr',
] as const;

/** The same rows as one softmax-CE case of src/reference/reference.ts (per-row losses). */
function softmaxCase(rows: readonly Float64Array[]): LossCase {
  const n = rows[0]!.length;
  const input = new Float64Array(rows.length * n);
  rows.forEach((x, r) => input.set(x, r * n));
  const target = Float64Array.from(rows, (_, r) => targetOf(n, r));
  const outputs = ['loss', 'grad', 'logProb'] as const;
  return {
    id: 'bench',
    loss: 'softmax_cross_entropy',
    dtype: 'float64',
    shape: [rows.length, n],
    input,
    targetKind: 'index',
    target,
    labelSmoothing: 0,
    zLoss: 0,
    reduction: 'none',
    profile: 'torch',
    outputs,
  };
}

/** reference.ts's values of that case, reordered row by row as softmaxRowValues orders them. */
function referenceRows(engine: ReferenceEngine, rows: readonly Float64Array[]): Certified[] {
  const n = rows[0]!.length;
  const { values, stats } = evaluateReference(validateCase(softmaxCase(rows)), engine);
  return rows.map((_, r) => {
    const out = new Float64Array(softmaxRowCount(n));
    out[0] = values.loss[r]!;
    out.set(values.grad!.subarray(r * n, (r + 1) * n), 1);
    out.set(values.logProb!.subarray(r * n, (r + 1) * n), 1 + n);
    return { values: out, fallbacks: r === 0 ? stats.evaluated - rows.length * softmaxRowCount(n) : 0 };
  });
}

async function engineNamed(name: string): Promise<ReferenceEngine> {
  if (name === 'decimal engine') return createDecimalEngine();
  if (name === 'fast + decimal') return createCascadeEngine(createFastEngine(), createDecimalEngine());
  const mpfr = await createMpfrEngine();
  return name === 'mpfr' ? mpfr : createCascadeEngine(createFastEngine(), mpfr);
}

/** A hash of the certified values' bit patterns, to check that every configuration returned the same ones. */
function digest(rows: readonly Float64Array[]): string {
  let h = 0;
  for (const values of rows)
    for (const word of new Uint32Array(values.buffer, values.byteOffset, 2 * values.length))
      h = (Math.imul(h, 31) + word) | 0;
  return (h >>> 0).toString(16);
}

/** One configuration, in this process. */
async function measure(name: string): Promise<Measured> {
  if (name === 'baseline') {
    plainDecimalRow(batch[0]!, targetOf(1000, 0)); // warm-up
    const batchRun = seconds(() => batch.map((x, r) => plainDecimalRow(x, targetOf(1000, r))));
    return { batch: batchRun.s, row: quick ? NaN : seconds(() => plainDecimalRow(row, targetOf(131072, 0))).s };
  }
  const viaReference = name.startsWith('reference.ts');
  const engine = await engineNamed(viaReference ? 'fast + mpfr' : name);
  // The decimal engine takes minutes: one run; the others: the best of three after a warm-up batch.
  const slow = name === 'decimal engine';
  const runBatch = () =>
    viaReference ? referenceRows(engine, batch) : batch.map((x, r) => certifyRow(engine, x, targetOf(1000, r)));
  const runRow = () => (viaReference ? referenceRows(engine, [row])[0]! : certifyRow(engine, row, targetOf(131072, 0)));
  if (!slow) runBatch();
  const batchRun = best(slow ? 1 : 3, runBatch);
  const rowRun = quick && slow ? undefined : best(slow ? 1 : 3, runRow);
  const fallbacks = batchRun.result.reduce((total, r) => total + r.fallbacks, rowRun?.result.fallbacks ?? 0);
  const batchDigest = digest(batchRun.result.map((r) => r.values));
  return {
    batch: batchRun.s,
    row: rowRun?.s ?? NaN,
    fallbacks,
    batchDigest,
    rowDigest: rowRun ? digest([rowRun.result.values]) : '',
  };
}

function perOperationTable(engines: readonly [string, ReferenceEngine, number, number][]): void {
  console.log('µs per enclosure (first precision):');
  for (const [name, engine, bits, count] of engines) {
    perOperation(engine, bits, Math.min(count, 1000)); // warm-up
    const { exp, log1p } = perOperation(engine, bits, count);
    console.log(`  ${name.padEnd(8)} exp ${exp.toFixed(2).padStart(8)}   log1p ${log1p.toFixed(2).padStart(8)}`);
  }
}

if (only !== undefined && process.argv.includes('--engine')) {
  console.log(JSON.stringify(await measure(only)));
} else {
  const mpfr = await createMpfrEngine();
  perOperationTable([
    ['fast', createFastEngine(), FAST_BITS, 200_000],
    ['mpfr', mpfr, 128, 20_000],
    ['decimal', createDecimalEngine(), 128, 500],
  ]);
  mpfr.dispose();
  console.log(
    `\nsoftmax-CE, float64, seconds (certified outputs: ${softmaxRowCount(131072)} per row, ${64 * softmaxRowCount(1000)} per batch):`,
  );
  const script = fileURLToPath(import.meta.url);
  const results = CONFIGURATIONS.map((name) => {
    const args = [...process.execArgv, script, '--engine', name, ...(quick ? ['--quick'] : [])];
    const output = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
      .trim()
      .split('\n');
    return [name, JSON.parse(output[output.length - 1]!) as Measured] as const;
  });
  const baseline = results[0]![1].batch as number;
  // NaN (not measured) comes back from JSON as null.
  const time = (v: unknown): string => (typeof v === 'number' ? v.toFixed(3) : '—').padStart(8);
  for (const [name, m] of results) {
    const speedup =
      name === 'baseline'
        ? ''
        : `${(baseline / (m.batch as number)).toFixed(1).padStart(6)}× baseline   re-evaluated ${m.fallbacks}`;
    console.log(`  ${name.padEnd(28)} row ${time(m.row)}   batch ${time(m.batch)}   ${speedup}`);
  }
  const certified = results.slice(1).map(([, m]) => m);
  const rowDigests = new Set(certified.map((m) => m.rowDigest).filter((d) => d !== ''));
  const same = new Set(certified.map((m) => m.batchDigest)).size === 1 && rowDigests.size === 1;
  console.log(`\nevery engine certified the same values (bit patterns): ${same}`);
}
