/**
 * One property check under fast-check: seeded, shrunk on failure, and reported with the seed and
 * path that replay it (spec/formats.md#CHK-2).
 */
import fc from 'fast-check';
import type { CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { UsageError } from '../case/errors.js';
import type { CheckResult } from '../report/types.js';

export interface PropertyRunOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** Replays one run (with `seed`): fast-check's counterexample path. */
  readonly path?: string | undefined;
}

/** Run a property; a failing judgement is shrunk to a minimal input before it is reported. */
export async function runProperty(
  check: PropertyCheck<unknown>,
  ctx: CheckContext,
  options: PropertyRunOptions,
): Promise<CheckResult> {
  const started = performance.now();
  let runs = 0;
  let skipped = 0;
  let lastSkip = '';
  let failure: (Judgement & { status: 'fail' }) | undefined;
  let setupError: UsageError | undefined;
  const property = fc.asyncProperty(check.arbitrary, async (input) => {
    let judgement: Judgement;
    try {
      judgement = await check.judge(input, ctx);
    } catch (e) {
      if (e instanceof UsageError) setupError = e; // the implementation cannot run at all: stop (CLI-2)
      throw e;
    }
    runs++;
    if (judgement.status === 'skip') {
      skipped++;
      lastSkip = judgement.reason;
    }
    if (judgement.status !== 'fail') return true;
    failure = judgement; // the last failing input is the shrunk counterexample fast-check reports
    return false;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: check.runs ?? options.numRuns,
    ...(options.path !== undefined && { path: options.path }),
  });
  if (setupError) throw setupError;
  const base = {
    check: check.id,
    family: check.family,
    clauses: check.clauses,
    runs,
    skipped,
    seconds: (performance.now() - started) / 1000,
  };
  if (details.failed && details.counterexample && failure) {
    const { message, ulps, bits } = failure;
    const input = details.counterexample[0];
    const counterexample = check.caseOf(input);
    return {
      ...base,
      status: 'fail',
      counterexample,
      ...(counterexample !== input && { input }),
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      message,
      ulps,
      bits,
    };
  }
  if (details.failed) return { ...base, status: 'error', seed: details.seed, message: String(details.errorInstance) };
  return {
    ...base,
    status: runs > 0 && skipped === runs ? 'skip' : 'pass',
    ...(skipped === runs && { reason: lastSkip }),
  };
}
