/**
 * `losscheck onnx-cases DIR... [--impl IMPL] [--json FILE]` (DESIGN.md's CLI contract, issue 5):
 * ONNX backend-test directories for SoftmaxCrossEntropyLoss and NegativeLogLikelihoodLoss run
 * against IMPL, judged against their stored outputs under TOL-FW, measured against the
 * certified reference. Exit 1 when a directory fails, 0 otherwise, 2 for unusable arguments
 * (CLI-2), with one line and no stack trace (CLI-3).
 */
import { stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { resolveImplementation } from '../adapters/registry.js';
import type { Implementation } from '../adapters/types.js';
import { UsageError } from '../case/errors.js';
import type { CaseResult, LossCase, LossValues } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { ORT_NAMES } from '../oracles/onnx/index.js';
import { backendTestDirs } from './layout.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import { evaluateReference } from '../reference/reference.js';
import { evaluateDirectory, type DirectoryContext, type DirectoryResult } from './directory.js';
import { formatDirectoryLine, formatTotals, onnxCasesReport, reportJson } from './report.js';
import { memoByCase } from './memo.js';
import { checkWritable, writeWhole } from '../report/write.js';
import { runDecodedCase } from '../adapters/runCase.js';

export interface OnnxCasesOptions {
  readonly dirs: readonly string[];
  readonly impl: string;
  readonly json?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** Stops the run (CLI-8). */
  readonly signal?: AbortSignal | undefined;
}

/** IMPLs whose values are the certified reference's: they are not computed twice. */
const CERTIFIED = ['reference', 'reference-mpfr'];

/** The test directories among the arguments; a missing path or no test at all is a usage error (CLI-2). */
export async function findTestDirectories(paths: readonly string[]): Promise<string[]> {
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`${path}: no such file or directory`);
    if (!info.isDirectory())
      throw new UsageError(`${path}: not a directory (give a backend-test directory or a folder of them)`);
  }
  const dirs = await backendTestDirs(paths);
  if (dirs.length === 0)
    throw new UsageError(`no ONNX backend-test directory (model.onnx and test_data_set_*) in ${paths.join(', ')}`);
  return dirs;
}

/**
 * Identical cases (an `_expanded` twin holds its node test's data) are evaluated once; the
 * reference is the MPFR engine's, or IMPL's own values when IMPL is a certified reference.
 */
function directoryContext(
  impl: Implementation,
  options: OnnxCasesOptions,
  engine: ReferenceEngine | undefined,
): DirectoryContext {
  const evaluate = memoByCase((c: LossCase): Promise<CaseResult> => runDecodedCase(impl, c));
  const fromImpl = async (c: ValidCase): Promise<LossValues> => {
    const r = await evaluate(c);
    if (!('loss' in r)) throw new Error(`${c.id}: the reference gave no values`);
    return r;
  };
  const reference = engine ? memoByCase(async (c: ValidCase) => evaluateReference(c, engine).values) : fromImpl;
  return { impl, runsModels: (ORT_NAMES as readonly string[]).includes(options.impl), evaluate, reference };
}

async function runDirectories(
  ctx: DirectoryContext,
  dirs: readonly string[],
  out: Writable,
): Promise<DirectoryResult[]> {
  const results: DirectoryResult[] = [];
  for (const dir of dirs) {
    const result = await evaluateDirectory(ctx, dir);
    results.push(result);
    // Other operators' tests (a folder like onnx's data/node) are counted in the totals, not listed.
    if (!result.unrelated) out.write(`${formatDirectoryLine(result)}\n`);
  }
  return results;
}

/** Run the command; returns the exit code. */
export async function onnxCasesCommand(options: OnnxCasesOptions, out: Writable = process.stdout): Promise<number> {
  const dirs = await findTestDirectories(options.dirs);
  if (options.json) checkWritable(options.json);
  const impl = await resolveImplementation(options.impl, { timeoutMs: options.timeoutMs, signal: options.signal });
  const engine = CERTIFIED.includes(options.impl) ? undefined : await createReferenceEngine();
  try {
    const results = await runDirectories(directoryContext(impl, options, engine), dirs, out);
    const reference = engine
      ? 'the certified reference (MPFR engine)'
      : `the certified reference (--impl ${options.impl} is it)`;
    const report = onnxCasesReport(options.impl, reference, results);
    out.write(`${formatTotals(report)}\n`);
    if (options.json) writeWhole(options.json, reportJson(report));
    return report.verdict === 'fail' ? 1 : 0;
  } finally {
    await impl.close?.();
    engine?.dispose();
  }
}
