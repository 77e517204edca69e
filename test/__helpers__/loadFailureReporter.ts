/**
 * A vitest reporter for `npm run mutation` (vitest.mutation.config.ts): a test file that fails to
 * load becomes one failed test. StrykerJS's vitest runner (9.x) builds a mutant's result from the
 * tests it collected, and a file whose import throws collects none, so a mutant that breaks a
 * module at load (a constant computed when src/reference/ddConstants.ts is imported, say) was
 * scored as surviving tests that cannot even start (stryker-js#6150). With this reporter the
 * failure is the file's load error.
 */
import type { RunnerTestCase, RunnerTestFile } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/** A failed test standing for the file's load error, in the shape the runner reads. */
function loadFailure(file: RunnerTestFile): RunnerTestCase {
  return {
    type: 'test',
    id: `${file.id}_load`,
    name: 'loads',
    fullName: `${file.name} loads`,
    fullTestName: 'loads',
    mode: 'run',
    file,
    suite: file,
    meta: {},
    timeout: 0,
    annotations: [],
    artifacts: [],
    context: undefined as never,
    result: { state: 'fail', errors: file.result?.errors ?? [] },
  } as RunnerTestCase;
}

export default class LoadFailureReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? [])
      if (file.result?.state === 'fail' && file.tasks.length === 0) file.tasks.push(loadFailure(file));
  }
}
