/**
 * `losscheck/vitest` (spec/formats.md#CHK-8): the conformance families inside a user's own
 * vitest suite, one test per check, judged exactly as `losscheck check` judges them.
 *
 * ```ts
 * import { conformanceSuite } from 'losscheck/vitest';
 * import myLoss from '../src/myLoss.js';
 * conformanceSuite(myLoss, { losses: ['softmax_cross_entropy'], dtypes: ['float32'] });
 * ```
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { CheckContext } from '../properties/families/family.js';
import { DEFAULT_FAMILIES, FAMILIES } from '../properties/suite.js';
import { pluginImplementation, type LossImplementation } from './adapters/module.js';
import { UsageError } from './case/errors.js';
import {
  DTYPES,
  LOSSES,
  PROFILES,
  type Dtype,
  type LossName,
  type OutputName,
  type ProfileName,
} from './case/types.js';
import { createReferenceEngine } from './reference/engines.js';
import { caseLine } from './report/summary.js';
import type { CheckResult } from './report/types.js';
import { selectChecks } from './check/plan.js';
import { REQUIRABLE } from './check/coverage.js';
import { expectations } from './check/expectations.js';
import { runProperty } from './check/property.js';
import { DEFAULT_LEVEL, LEVELS, type LevelName } from './verdict/levels.js';

export type { LossImplementation } from './adapters/module.js';

export interface ConformanceOptions {
  /** The profile(s) the implementation follows. @defaultValue 'torch' */
  readonly profile?: ProfileName | readonly ProfileName[];
  /** @defaultValue every loss */
  readonly losses?: readonly LossName[];
  /** @defaultValue every dtype */
  readonly dtypes?: readonly Dtype[];
  /** @defaultValue the families `losscheck check` runs by default */
  readonly families?: readonly string[];
  /** @defaultValue 'opmath' (TOL-LEVEL.7) */
  readonly level?: LevelName;
  /** Generated inputs per property. @defaultValue 20 */
  readonly runs?: number;
  /** @defaultValue fast-check's global seed, else 0: a fixed seed keeps CI reproducible */
  readonly seed?: number;
  /** Outputs whose absence fails (CHK-9). @defaultValue none: an output not offered is not judged */
  readonly require?: readonly OutputName[];
  /**
   * Per test and for the set-up, in milliseconds. @defaultValue 60 000: a property certifies each of
   * its cases against the reference, which vitest's 5 s for unit tests does not allow on a loaded CI runner
   */
  readonly timeout?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Every item of `values` must be one of `allowed`: a typo must not silently test nothing. */
function checked<T extends string>(values: readonly T[] | undefined, allowed: readonly string[], option: string): T[] {
  const list = [...(values ?? (allowed as readonly T[]))];
  const bad = list.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new UsageError(`conformanceSuite: ${option} takes ${allowed.join(', ')}; got "${bad}"`);
  return list;
}

/** A failed check as a test failure: what was wrong, on which case, and how to get it again. */
function failureMessage(r: CheckResult, runs: number): string {
  const lines = [`${r.check}: ${r.message ?? r.status}`];
  const json = caseLine(r);
  if (json) lines.push(`counterexample: ${json}`);
  if (r.seed !== undefined)
    lines.push(
      `seed ${r.seed}${r.path ? `, path ${r.path}` : ''}: conformanceSuite(impl, { seed: ${r.seed}, runs: ${runs} }) finds it again`,
    );
  return lines.join('\n');
}

/** Register one vitest test per check of the families, against `impl`. */
export function conformanceSuite(impl: LossImplementation, options: ConformanceOptions = {}): void {
  const profiles = typeof options.profile === 'string' ? [options.profile] : options.profile;
  const scope = {
    profiles: checked<ProfileName>(profiles ?? ['torch'], PROFILES, 'profile'),
    losses: checked<LossName>(options.losses, LOSSES, 'losses'),
    dtypes: checked<Dtype>(options.dtypes, DTYPES, 'dtypes'),
  };
  const families = checked(options.families ?? DEFAULT_FAMILIES, Object.keys(FAMILIES), 'families');
  const [level] = checked<LevelName>([options.level ?? DEFAULT_LEVEL], LEVELS, 'level');
  const require = checked<OutputName>(options.require ?? [], REQUIRABLE, 'require');
  const runs = options.runs ?? 20;
  const seed = options.seed ?? fc.readConfigureGlobal().seed ?? 0;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  describe(`losscheck conformance: ${impl.name} (${level})`, () => {
    const engine = createReferenceEngine();
    let ctx: CheckContext;
    beforeAll(async () => {
      ctx = {
        impl: pluginImplementation(impl),
        level: level!,
        expect: expectations({ engine: await engine }),
        require,
      };
    }, timeout);
    afterAll(async () => (await engine).dispose());
    for (const check of selectChecks(families, scope)) {
      test(
        check.id,
        async (t) => {
          const result = await runProperty(check, ctx, { seed, numRuns: runs });
          if (result.status === 'skip') t.skip(result.reason);
          if (result.status !== 'pass') throw new Error(failureMessage(result, runs));
        },
        timeout,
      );
    }
  });
}
