/**
 * Evaluate a JSON case with a built-in implementation, built afresh for each call: a built-in makes
 * its kernels on its first case, so that one kept between tests would have them made in whichever
 * test ran first, and mutation testing's per-test coverage (stryker.config.mjs) would credit that
 * test alone with every line of the kernels' closures, leaving the mutants there to it.
 */
import type { LossValues } from '../../src/case/types.js';
import { builtIn, BUILT_IN_NAMES, type BuiltInName } from '../../src/losses/builtins.js';
import { decoded, type CaseJson } from './cases.js';

export function run(name: BuiltInName, json: CaseJson): LossValues {
  return builtIn(name).evaluate(decoded(json)) as LossValues;
}

export const lossOf = (name: BuiltInName, json: CaseJson): number[] => Array.from(run(name, json).loss);
export const gradOf = (name: BuiltInName, json: CaseJson): number[] => Array.from(run(name, json).grad!);

export { BUILT_IN_NAMES };
