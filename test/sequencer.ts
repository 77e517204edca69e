/**
 * The order test files start in. Vitest runs the slowest files first when its cache of durations
 * knows them; on a fresh clone (as in CI) it has none and starts the largest files first, and the
 * slowest files here are small ones that run whole conformance checks: started last, one of them
 * kept a core busy for a minute after the other had finished everything else. The files named
 * here start first, in this order; the rest follow in Vitest's own order.
 */
import { existsSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

type SequencerClass = new (...args: ConstructorParameters<typeof BaseSequencer>) => BaseSequencer;

/** A sequencer starting `slowest` (paths from the project root) before every other file. */
export function slowestFirst(slowest: readonly string[]): SequencerClass {
  // A file renamed or removed would silently lose its place: say so when the config loads.
  const missing = slowest.filter((path) => !existsSync(path));
  if (missing.length > 0)
    throw new Error(`a vitest config (slowestFirst) names test files that do not exist: ${missing.join(', ')}`);
  return class SlowestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const rank = (file: TestSpecification): number => {
        const index = slowest.findIndex((path) => file.moduleId.endsWith(`/${path}`));
        return index < 0 ? slowest.length : index;
      };
      // Array.prototype.sort is stable: the files not named keep Vitest's order.
      return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
    }
  };
}
