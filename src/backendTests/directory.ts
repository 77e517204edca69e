/**
 * One backend-test directory under `onnx-cases` (DESIGN.md's CLI contract): its data sets mapped
 * to cases and evaluated by IMPL, or, when nothing maps and IMPL is ORT, its own model run; the
 * outputs judged against the stored ones under TOL-FW, and measured against the certified
 * reference (TOL-1, TOL-2).
 */
import type { Implementation } from '../adapters/types.js';
import { GaveUpError, ImplementationFault, LossInputError } from '../case/errors.js';
import type { CaseResult, LossCase, LossName, LossValues } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import { briefError, findLossNode } from '../oracles/onnx/index.js';
import { backendTestCases, type BackendCase, type BackendMapping } from './cases.js';
import { readBackendModel, readBackendTest, testDirectoryName, type BackendTest } from './layout.js';
import { compareCase } from '../verdict/compare.js';
import {
  describeFailure,
  fromComparison,
  summarize,
  ulpDistances,
  worse,
  type StoredValue,
  type UlpSummary,
} from './values.js';
import { runOwnModel } from './model.js';

export type DirectoryStatus = 'pass' | 'fail' | 'skip';

export interface DirectoryResult {
  readonly path: string;
  readonly name: string;
  readonly status: DirectoryStatus;
  /** `case`: IMPL evaluated the mapped cases; `model`: ORT ran the directory's own model. */
  readonly via?: 'case' | 'model';
  readonly loss?: LossName;
  readonly dataSets: number;
  /** Why it was skipped or failed; for a failing value, the directory, the value and the stored one. */
  readonly reason?: string;
  /** Skipped as no SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss test at all (a folder like onnx's data/node holds every operator's). */
  readonly unrelated?: true;
  /** The worst value against the stored outputs (failing first, then most ULPs). */
  readonly worst?: StoredValue;
  /** IMPL's values against the certified reference. */
  readonly reference?: UlpSummary;
  /** The stored outputs against the certified reference: how right the directory itself is. */
  readonly storedVsReference?: UlpSummary;
}

export interface DirectoryContext {
  readonly impl: Implementation;
  /** IMPL is ORT: a directory that maps to no case is run as its own model. */
  readonly runsModels: boolean;
  evaluate(c: LossCase): Promise<CaseResult>;
  /** The certified reference's values of a valid case. */
  reference(c: ValidCase): Promise<LossValues>;
}

type SetOutcome =
  | {
      readonly kind: 'values';
      readonly worst: StoredValue | undefined;
      readonly implUlps: number[];
      readonly storedUlps: number[];
    }
  | { readonly kind: 'skip' | 'fail'; readonly reason: string };

async function judgeDataSet(ctx: DirectoryContext, bc: BackendCase): Promise<SetOutcome> {
  let valid: ValidCase;
  try {
    valid = validateCase(bc.case);
  } catch (e) {
    if (e instanceof LossInputError)
      return { kind: 'fail', reason: `${bc.id}: profile onnx rejects the case: ${e.message}` };
    throw e;
  }
  let result: CaseResult;
  try {
    result = await ctx.evaluate(bc.case);
  } catch (e) {
    // No answer (FMT-5.3), or none will come (FMT-5.4): this data set fails, the others run.
    if (e instanceof ImplementationFault || e instanceof GaveUpError)
      return { kind: 'fail', reason: `${bc.id}: ${e.message}` };
    throw e;
  }
  if ('unsupported' in result)
    return { kind: 'skip', reason: `unsupported by ${ctx.impl.name}: ${result.unsupported}` };
  if ('error' in result)
    return { kind: 'fail', reason: `${bc.id}: ${ctx.impl.name} rejected the case: ${briefError(result.error)}` };
  const stored = compareCase(valid, result, bc.expected, 'framework');
  if (stored.shapeProblem) return { kind: 'fail', reason: `${bc.id}: ${stored.shapeProblem}` };
  const reference = await ctx.reference(valid);
  const dataSet = bc.id.split('/').pop()!;
  const worst = stored.values[0] && fromComparison(dataSet, stored.values[0]);
  return {
    kind: 'values',
    worst,
    implUlps: ulpDistances(result, reference, valid.dtype),
    storedUlps: ulpDistances(bc.expected, reference, valid.dtype),
  };
}

async function runCases(
  ctx: DirectoryContext,
  test: BackendTest,
  path: string,
  cases: readonly BackendCase[],
): Promise<DirectoryResult> {
  const base = { path, name: test.name, via: 'case' as const, loss: cases[0]?.case.loss, dataSets: cases.length };
  if (cases.length === 0) return { ...base, status: 'skip', reason: 'no test_data_set_* directory' };
  let worst: StoredValue | undefined;
  const implUlps: number[][] = [];
  const storedUlps: number[][] = [];
  for (const bc of cases) {
    const outcome = await judgeDataSet(ctx, bc);
    if (outcome.kind !== 'values') return { ...base, status: outcome.kind, reason: outcome.reason };
    if (outcome.worst && (!worst || worse(outcome.worst, worst))) worst = outcome.worst;
    implUlps.push(outcome.implUlps);
    storedUlps.push(outcome.storedUlps);
  }
  const measures = { worst, reference: summarize(implUlps.flat()), storedVsReference: summarize(storedUlps.flat()) };
  if (!worst || worst.pass) return { ...base, status: 'pass', ...measures };
  return { ...base, status: 'fail', reason: describeFailure(test.name, worst, cases[0]!.case.dtype), ...measures };
}

/** The mapping of a directory; a directory the importer cannot read as a loss test maps to nothing. */
function mapTest(test: BackendTest): BackendMapping {
  try {
    return backendTestCases(test);
  } catch (e) {
    return { kind: 'unmapped', reason: (e as Error).message };
  }
}

/** onnx's names of the loss tests: an unmapped one is still run as its model under ORT. */
const LOSS_TEST_NAME = /^test_(sce|nllloss|softmax_cross_entropy|negative_log_likelihood)(_|$)/;

/** Why a directory is no loss test, reading only its model; undefined when it is one. */
async function unrelatedReason(path: string): Promise<string | undefined> {
  if (LOSS_TEST_NAME.test(testDirectoryName(path))) return undefined;
  // A model.onnx that is not an ONNX model is unusable input (CLI-3): its UsageError ends the run.
  const node = findLossNode(await readBackendModel(path));
  return typeof node === 'string' ? node : undefined;
}

export async function evaluateDirectory(ctx: DirectoryContext, path: string): Promise<DirectoryResult> {
  const name = testDirectoryName(path);
  const unrelated = await unrelatedReason(path);
  if (unrelated !== undefined)
    return { path, name, status: 'skip', dataSets: 0, reason: `not a loss test: ${unrelated}`, unrelated: true };
  const test = await readBackendTest(path); // a file that cannot be read or decoded: a UsageError naming it (CLI-3)
  const mapping = mapTest(test);
  if (mapping.kind === 'cases') return runCases(ctx, test, path, mapping.cases);
  if (ctx.runsModels) return runOwnModel(test, path, mapping.reason);
  return { path, name, status: 'skip', dataSets: test.dataSets.length, reason: `unmapped: ${mapping.reason}` };
}
