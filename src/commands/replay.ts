/**
 * `losscheck replay FILE --impl IMPL` (spec/formats.md#CHK-2): one saved counterexample (CHK-3)
 * judged again, through the judgement of the check that found it, with both sides' values shown.
 */
import type { Command } from 'commander';
import { IMPL_FORMS } from '../adapters/registry.js';
import type { CaseJson, CheckContext, Expected, Judgement, PropertyCheck } from '../../properties/families/family.js';
import { judgeAgainstReference } from '../../properties/families/judge.js';
import { FAMILIES } from '../../properties/suite.js';
import { encodeNumber } from '../case/decode.js';
import { DTYPES, LOSSES, OUTPUTS, PROFILES, type CaseResult } from '../case/types.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { LevelName } from '../verdict/levels.js';
import { selectChecks } from '../check/plan.js';
import { ImplementationFault } from '../case/errors.js';
import { interruptible } from './lifetime.js';
import { parseLevel, timeoutOption, withImplementation } from './options.js';
import { readCorpusEntry, type CorpusEntry } from '../check/corpus.js';
import { expectations } from '../check/expectations.js';
import { runCase } from '../adapters/runCase.js';
import { shortJson } from '../report/summary.js';
import { DEFAULT_LEVEL, LEVELS } from '../verdict/levels.js';

export interface ReplayOptions {
  readonly file: string;
  readonly impl: string;
  readonly level: string;
  readonly timeoutMs?: number | undefined;
}

export interface ReplayOutcome {
  /** The check that judged it; absent when it was judged by agreement with the reference. */
  readonly check?: PropertyCheck<unknown> | undefined;
  /** Why it was judged by agreement with the reference, when the entry names another check. */
  readonly fallback?: string | undefined;
  readonly judgement: Judgement;
  readonly expected: Expected;
  /** The implementation's answer, or the fault that was no answer (FMT-5.3). */
  readonly result: CaseResult | ImplementationFault;
}

/** The check an entry names, among every family's checks over the whole scope. */
export function namedCheck(id: string): PropertyCheck<unknown> | undefined {
  return selectChecks(Object.keys(FAMILIES), { losses: LOSSES, dtypes: DTYPES, profiles: PROFILES }).find(
    (c) => c.id === id,
  );
}

/**
 * Whether a check's input is its case (agreement, spec), so that a saved case replays through
 * its judgement; an invariant's input holds more (the related cases' parameters).
 */
function judgesCases(check: PropertyCheck<unknown>, json: CaseJson): boolean {
  try {
    return check.caseOf(json) === json;
  } catch {
    return false;
  }
}

/** The check that judges an entry, or why the entry is judged by agreement with the reference. */
function judgeOf(entry: CorpusEntry): { check?: PropertyCheck<unknown>; fallback?: string } {
  const check = namedCheck(entry.check);
  if (!check) return { fallback: `no check ${entry.check} in this version` };
  if (entry.input === undefined && !judgesCases(check, entry.case))
    return { fallback: `the input of ${entry.check} is more than the case the file keeps` };
  return { check };
}

/** Judge a corpus entry once, through the check it names where its case is that check's input. */
export async function replayEntry(entry: CorpusEntry, ctx: CheckContext): Promise<ReplayOutcome> {
  const { check, fallback } = judgeOf(entry);
  const expected = await ctx.expect(entry.case);
  try {
    const judgement = check
      ? await check.judge(entry.input ?? entry.case, ctx)
      : await judgeAgainstReference(entry.case, ctx);
    return { check, fallback, judgement, expected, result: await runCase(ctx.impl, entry.case) };
  } catch (e) {
    if (!(e instanceof ImplementationFault)) throw e;
    return { check, fallback, judgement: { status: 'fail', kind: 'fault', message: e.message }, expected, result: e };
  }
}

const SHOWN = 12;

function values(xs: ArrayLike<number>): string {
  const shown = Array.from(xs)
    .slice(0, SHOWN)
    .map((x) => JSON.stringify(encodeNumber(x)));
  return `[${shown.join(', ')}${xs.length > SHOWN ? `, … (${xs.length} values)` : ''}]`;
}

/** Each output: what the implementation returned above what the reference certifies. */
function valueLines(outcome: ReplayOutcome, impl: string): string[] {
  const { expected, result } = outcome;
  if (result instanceof ImplementationFault) return [`${impl}: no result (${result.kind})`];
  if (expected.kind === 'undetermined') return [`reference: undetermined (${expected.message})`];
  if (expected.kind === 'error')
    return [
      `reference: the profile rejects the case (${expected.code}): ${expected.message}`,
      `${impl}: ${JSON.stringify(result)}`,
    ];
  if ('unsupported' in result) return [`${impl}: unsupported: ${result.unsupported}`];
  if ('error' in result) return [`${impl}: rejected the case: ${result.error}`];
  const width = Math.max(impl.length, 'reference'.length) + 1;
  return OUTPUTS.flatMap((output) => {
    const want = expected.values[output];
    if (!want) return [];
    const got = result[output];
    return [
      `${output.padEnd(8)} ${impl.padEnd(width)}${got ? values(got) : '(missing)'}`,
      `${' '.repeat(9)}${'reference'.padEnd(width)}${values(want)}`,
    ];
  });
}

function verdictLines(j: Judgement): string[] {
  if (j.status === 'pass') return ['PASS'];
  if (j.status === 'skip') return [`SKIP: ${j.reason}`];
  const size =
    j.ulps === undefined || j.bits === undefined
      ? []
      : [`worst value: ${j.ulps} ULPs, ${j.bits.toFixed(1)} bits (TOL-1, TOL-2)`];
  return [`FAIL: ${j.message}`, ...size];
}

/** What `replay` prints. */
export function formatReplay(entry: CorpusEntry, outcome: ReplayOutcome, impl: string, level: LevelName): string {
  const by = outcome.check ? `its check ${entry.check}` : `agreement with the reference (${outcome.fallback})`;
  const lines = [
    `losscheck replay ${entry.file}: ${impl} at level ${level}, judged by ${by}`,
    `case: ${shortJson(entry.case)}`, // a long array cut short: the file keeps the whole case
  ];
  return `${[...lines, ...valueLines(outcome, impl), ...verdictLines(outcome.judgement)].join('\n')}\n`;
}

/** `losscheck replay`; returns the exit code: 0 pass or skip, 1 fail (CLI-2). */
export async function replayCommand(o: ReplayOptions): Promise<number> {
  const level = parseLevel(o.level);
  const entry = readCorpusEntry(o.file);
  const engine = await createReferenceEngine();
  try {
    const outcome = await interruptible((signal) =>
      withImplementation(o.impl, { timeoutMs: o.timeoutMs, signal }, (impl) =>
        replayEntry(entry, { impl, level, expect: expectations({ engine }) }),
      ),
    );
    process.stdout.write(formatReplay(entry, outcome, o.impl, level));
    return outcome.judgement.status === 'fail' ? 1 : 0;
  } finally {
    engine.dispose();
  }
}

export function registerReplay(cli: Command): void {
  cli
    .command('replay')
    .description('judge a saved counterexample again, through the check that found it')
    .argument('<FILE>', 'a counterexample file of a corpus')
    .requiredOption('--impl <IMPL>', `implementation: ${IMPL_FORMS}`)
    .option('--level <LEVEL>', `${LEVELS.join(', ')} (spec/tolerance.md)`, DEFAULT_LEVEL)
    .addOption(timeoutOption())
    .action(async (file: string, o: { impl: string; level: string; timeout?: number }) => {
      process.exitCode = await replayCommand({ file, impl: o.impl, level: o.level, timeoutMs: o.timeout });
    });
}
