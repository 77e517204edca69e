/**
 * The progress bar of a conformance run on a terminal's stderr (CHK-1, CLI-6): checks done out
 * of the run's, the last one named; nothing in a pipe or CI log, where `check` prints its
 * summary and `matrix` a line per implementation.
 */
import cliProgress from 'cli-progress';
import type { CheckResult } from '../report/types.js';

export type OnResult = (r: CheckResult, done: number, total: number) => void;

/** A bar labelled `label` (`checking`, or the implementation a matrix surveys), on a TTY only. */
export function checkProgress(label: string): OnResult | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} {bar} {value}/{total} {check}`, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return (r, done, total) => {
    if (done === 1) bar.start(total, 0, { check: '' });
    bar.update(done, { check: r.check });
    if (done === total) bar.stop();
  };
}
