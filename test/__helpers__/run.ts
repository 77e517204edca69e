/**
 * Evaluate a JSON case with a built-in implementation.
 */
import type { LossValues } from '../../src/case/types.js';
import { builtIn, BUILT_IN_NAMES, type BuiltInName } from '../../src/losses/builtins.js';
import { decoded, type CaseJson } from './cases.js';

const impls = new Map(BUILT_IN_NAMES.map((name) => [name, builtIn(name)]));

export function run(name: BuiltInName, json: CaseJson): LossValues {
  return impls.get(name)!.evaluate(decoded(json)) as LossValues;
}

export const lossOf = (name: BuiltInName, json: CaseJson): number[] => Array.from(run(name, json).loss);
export const gradOf = (name: BuiltInName, json: CaseJson): number[] => Array.from(run(name, json).grad!);

export { BUILT_IN_NAMES };
