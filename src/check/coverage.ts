/**
 * Coverage of a conformance run (spec/formats.md#CHK-9, REP-1 `notOffered`): the outputs an
 * implementation did not offer, for each loss and dtype, with its reasons. Not offering is not a
 * failure; it is what the run did not judge.
 */
import { DTYPES, LOSSES, OUTPUTS } from '../case/types.js';
import type { NotOffered } from '../report/types.js';

/** Outputs `--require` may name: every output but `loss`, which every answer has (CHK-9). */
export const REQUIRABLE: readonly string[] = OUTPUTS.filter((o) => o !== 'loss');

/** Distinct reasons kept per entry: an adapter may put case details in its reasons. */
const REASONS_KEPT = 3;

const rank = (list: readonly string[], item: string) => (list.includes(item) ? list.indexOf(item) : list.length);

/** The entries in the order of FMT-1's lists: loss, dtype, output. */
function ordered(a: NotOffered, b: NotOffered): number {
  return (
    rank(LOSSES, a.loss) - rank(LOSSES, b.loss) ||
    rank(DTYPES, a.dtype) - rank(DTYPES, b.dtype) ||
    rank(OUTPUTS, a.output) - rank(OUTPUTS, b.output)
  );
}

export class Coverage {
  private readonly entries = new Map<string, { loss: string; dtype: string; output: string; reasons: Set<string> }>();

  /** `output` was asked for a case of this loss and dtype and not given; `loss` means no output at all. */
  notOffered(loss: string, dtype: string, output: string, reason: string): void {
    const key = `${loss}/${dtype}/${output}`;
    const entry = this.entries.get(key) ?? { loss, dtype, output, reasons: new Set<string>() };
    if (entry.reasons.size < REASONS_KEPT) entry.reasons.add(reason);
    this.entries.set(key, entry);
  }

  /** Another coverage's entries, after this one's (a task's, in the run's order of tasks). */
  add(entries: readonly NotOffered[]): void {
    for (const e of entries) for (const reason of e.reasons) this.notOffered(e.loss, e.dtype, e.output, reason);
  }

  /** What was not offered, in a stable order. */
  list(): NotOffered[] {
    return [...this.entries.values()]
      .map(({ reasons, ...where }) => ({ ...where, reasons: [...reasons] }))
      .sort(ordered);
  }
}
