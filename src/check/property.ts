/**
 * One property check under fast-check: seeded, shrunk on failure, and reported with the seed and
 * path that replay it (spec/formats.md#CHK-2). A fault of the implementation (FMT-5.3) fails the
 * check on the case it happened on, unshrunk: every try could cost a timeout.
 */
import fc from 'fast-check';
import type { CheckContext, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { GaveUpError, ImplementationFault, InterruptedError, UsageError } from '../case/errors.js';
import type { CheckResult } from '../report/types.js';
import type { ErrorCounts } from './errorCounts.js';
import type { RegimeCounts } from './regimeCounts.js';

export interface PropertyRunOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** Replays one run (with `seed`): fast-check's counterexample path. */
  readonly path?: string | undefined;
  /** Stops the check between two inputs (CLI-8). */
  readonly signal?: AbortSignal | undefined;
  /** Where the generated inputs judged (not those tried while shrinking) are counted by regime (REG-3). */
  readonly regimes?: RegimeCounts | undefined;
  /** Where the values of generated inputs compared with the reference are counted (REP-1 `errors`). */
  readonly errors?: ErrorCounts | undefined;
}

/** Errors after which the run cannot go on: the setup is unusable, the implementation given up on, or a signal came. */
const endsTheRun = (e: unknown): e is Error =>
  e instanceof UsageError || e instanceof GaveUpError || e instanceof InterruptedError;

/** Let pending events in (a signal), though the implementation and the reference compute synchronously. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  let fault: ImplementationFault | undefined;
  let ended: Error | undefined;
  const property = fc.asyncProperty(check.arbitrary, async (input) => {
    if (fault || ended) return true; // nothing more to learn: no further input, no shrinking
    await yieldToEvents();
    // fast-check shrinks only after the first failure: the inputs before it are the generated ones.
    const generated = failure === undefined;
    const errors = generated ? options.errors : undefined;
    let judgement: Judgement;
    try {
      options.signal?.throwIfAborted();
      judgement = await check.judge(input, errors ? { ...ctx, observe: (c, values) => errors.record(c, values) } : ctx);
    } catch (e) {
      if (e instanceof ImplementationFault) fault = e;
      else if (endsTheRun(e)) ended = e;
      else if (options.signal?.aborted) ended = InterruptedError.from(options.signal);
      else throw e;
      return fault === undefined;
    }
    runs++;
    if (generated && judgement.status !== 'skip') options.regimes?.countJson(check.caseOf(input));
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
  if (ended) throw ended;
  const base = {
    check: check.id,
    family: check.family,
    clauses: check.clauses,
    runs,
    skipped,
    seconds: (performance.now() - started) / 1000,
  };
  if (details.failed && details.counterexample && (failure || fault)) {
    const input = details.counterexample[0];
    const counterexample = fault?.case ?? check.caseOf(input);
    const judged: Omit<Judgement & { status: 'fail' }, 'status'> = fault
      ? { message: fault.message, kind: 'fault', fault: fault.kind }
      : failure!;
    return {
      ...base,
      status: 'fail',
      counterexample,
      ...(fault === undefined && counterexample !== input && { input }),
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      message: judged.message,
      kind: judged.kind,
      ...(judged.fault && { fault: judged.fault }),
      ulps: judged.ulps,
      bits: judged.bits,
      ...(judged.value && { value: judged.value }),
    };
  }
  if (details.failed) return { ...base, status: 'error', seed: details.seed, message: String(details.errorInstance) };
  return {
    ...base,
    status: runs > 0 && skipped === runs ? 'skip' : 'pass',
    ...(skipped === runs && { reason: lastSkip }),
  };
}
