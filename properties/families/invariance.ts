/**
 * Batch invariance and determinism (spec/tolerance.md#TOL-INV): a row's values the same bits
 * alone, in other batches and at other positions; a case the same bits twice. Not a conformance
 * requirement of any profile: not in `check`'s default families; `matrix` reports it apart.
 */
import fc from 'fast-check';
import { runCase } from '../../src/adapters/runCase.js';
import { OUTPUTS, type CaseResult, type Dtype, type OutputName } from '../../src/case/types.js';
import { roundTo } from '../../src/numeric/dtype.js';
import { linearCase } from '../arbitraries/linearCase.js';
import { lossCase } from '../arbitraries/lossCase.js';
import { softmaxCase } from '../arbitraries/softmaxCase.js';
import type { CaseJson, CheckContext, Family, Judgement, PropertyCheck } from './family.js';
import { selectRows, rowValueIndices } from './invariance/rows.js';
import { offered } from './offered.js';
import { caseCheck, checkId, whereIn, type Where } from './scoped.js';

/** The largest batch a row is put in. */
const MAX_BATCH = 5;

interface Placement {
  readonly json: CaseJson;
  /** The row checked. */
  readonly row: number;
  /** The rows of the other batch, the checked one among them. */
  readonly batch: readonly number[];
}

const PASS: Judgement = { status: 'pass' };

/** TOL-INV.1's bits: the value in the dtype, every NaN one value. */
function sameBits(a: number, b: number, dtype: Dtype): boolean {
  const round = roundTo(dtype);
  const [x, y] = [round(a), round(b)];
  return Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));
}

const valuesOf = (r: CaseResult): Partial<Record<OutputName, Float64Array>> =>
  'loss' in r ? (r as Partial<Record<OutputName, Float64Array>>) : {};

/** A case with values, or the judgement to return instead (a skip, or a rejected valid case). */
function usable(result: CaseResult, name: string): Judgement | undefined {
  if ('unsupported' in result) return { status: 'skip', reason: result.unsupported };
  if ('error' in result)
    return { status: 'fail', kind: 'rejected-valid', message: `rejected a valid case (${name}): ${result.error}` };
  return undefined;
}

function batchArbitrary(where: Where): fc.Arbitrary<Placement> {
  const base =
    where.loss === 'linear_cross_entropy'
      ? linearCase({
          dtype: where.dtype,
          profile: where.profile,
          reductions: ['none'],
          outputs: ['loss', 'grad', 'lse'],
        })
      : softmaxCase({
          dtype: where.dtype,
          profile: where.profile,
          shape: { allowUnbatched: false, maxSpatialRank: 0, maxBatch: 4 },
          reductions: ['none'],
          outputs: ['loss', 'grad', 'logProb', 'lse'],
        });
  return base.chain((json) => {
    const n = (json.shape as number[])[0]!;
    return fc
      .record({
        row: fc.nat(n - 1),
        others: fc.array(fc.nat(n - 1), { maxLength: MAX_BATCH - 1 }),
        at: fc.nat(MAX_BATCH - 1),
      })
      .map(({ row, others, at }) => {
        const batch = [...others];
        batch.splice(Math.min(at, others.length), 0, row);
        return { json, row, batch };
      });
  });
}

/** TOL-INV.1: the row alone, in the case, and in the other batch give the same bits. */
async function judgeBatch({ json, row, batch }: Placement, ctx: CheckContext): Promise<Judgement> {
  const whole = await offered(ctx, json);
  const skip = usable(whole.result, 'the case');
  if (skip) return skip;
  const asked = whole.json;
  const variants: [string, CaseJson, number][] = [
    ['alone', selectRows(asked, [row]), 0],
    [`in a batch of ${batch.length} at position ${batch.indexOf(row)}`, selectRows(asked, batch), batch.indexOf(row)],
  ];
  const dtype = String(json.dtype ?? 'float64') as Dtype;
  for (const [how, variant, position] of variants) {
    const result = await runCase(ctx.impl, variant);
    const bad = usable(result, `row ${row} ${how}`);
    if (bad) return bad;
    for (const output of (asked.outputs as OutputName[] | undefined) ?? ['loss']) {
      const [mine, theirs] = [valuesOf(whole.result)[output], valuesOf(result)[output]];
      if (!mine || !theirs) continue;
      const [here, there] = [rowValueIndices(asked, output, row), rowValueIndices(variant, output, position)];
      const k = here.findIndex((i, j) => !sameBits(mine[i]!, theirs[there[j]!]!, dtype));
      if (k >= 0)
        return {
          status: 'fail',
          kind: 'beyond-level',
          message: `${output}[${here[k]}] of row ${row}: ${mine[here[k]!]} in the case, ${theirs[there[k]!]} ${how}: not the same bits (TOL-INV.1)`,
        };
    }
  }
  return PASS;
}

/** TOL-INV.2, TOL-INV.3: the same case twice, every output the same bits. */
async function judgeTwice(json: CaseJson, ctx: CheckContext): Promise<Judgement> {
  const first = await offered(ctx, json);
  const skip = usable(first.result, 'the case');
  if (skip) return skip;
  const second = await runCase(ctx.impl, first.json);
  const bad = usable(second, 'the case again');
  if (bad) return bad;
  const dtype = String(json.dtype ?? 'float64') as Dtype;
  for (const output of OUTPUTS) {
    const [a, b] = [valuesOf(first.result)[output], valuesOf(second)[output]];
    if (!a || !b) continue;
    const k = a.findIndex((v, i) => !sameBits(v, b[i]!, dtype));
    if (k >= 0 || a.length !== b.length)
      return {
        status: 'fail',
        kind: 'beyond-level',
        message: `${output}[${k}]: ${a[k]} then ${b[k]} for the same case: not deterministic (TOL-INV.2)`,
      };
  }
  return PASS;
}

export const invariance: Family = (scope) =>
  [
    ...whereIn(scope, ['softmax_cross_entropy', 'linear_cross_entropy']).map((where): PropertyCheck<Placement> => ({
      id: checkId('invariance', where, 'batch'),
      family: 'invariance',
      clauses: ['TOL-INV.1'],
      arbitrary: batchArbitrary(where),
      caseOf: (input) => input.json,
      judge: judgeBatch,
    })),
    ...whereIn(scope).map((where) =>
      caseCheck('invariance', where, {
        name: 'determinism',
        clauses: ['TOL-INV.2', 'TOL-INV.3'],
        arbitrary: lossCase(where),
        judge: judgeTwice,
      }),
    ),
  ] as PropertyCheck<unknown>[];
