/**
 * The lifetime of a run (spec/formats.md#CLI-8): SIGINT or SIGTERM aborts the run's signal, so the
 * run stops where it is — plug-in processes and threads stopped at once —, writes what it has
 * found in every format asked for, and exits 130. A second signal ends the process at once.
 */
import { InterruptedError } from '../case/errors.js';

/** The exit code of an interrupted run: 128 + SIGINT, as shells report it. */
export const INTERRUPTED_EXIT = 130;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Run `work` with SIGINT and SIGTERM turned into an abort of the signal it is given. `work` stops
 * at its next step when the signal aborts, reports what it found and returns its exit code.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`losscheck: ${name} again: stopped at once\n`);
      process.exit(INTERRUPTED_EXIT);
    }
    process.stderr.write(`\nlosscheck: ${name}: stopping, writing what was found so far (again to stop at once)\n`);
    controller.abort(new InterruptedError(`interrupted by ${name}`));
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  try {
    return await work(controller.signal);
  } finally {
    for (const name of SIGNALS) process.off(name, onSignal);
  }
}
