/**
 * Coverage by regime (spec/formats.md#REG-3, REP-1 `regimes`): how many of the cases a run judged
 * fell in each regime, per loss and dtype, so that a reader sees what was exercised — and
 * `--min-coverage N` can fail a run that exercised a regime fewer than N times.
 */
import { decodeCase } from '../case/decode.js';
import { LossInputError } from '../case/errors.js';
import { DTYPES, LOSSES } from '../case/types.js';
import { validateCase, type ValidCase } from '../case/validate.js';
import type { RegimeCount, Shortfall } from '../report/types.js';
import { caseRegimes, REGIMES, regimesOf, type Regime } from '../verdict/regimes.js';

const rank = (list: readonly string[], item: string) => list.indexOf(item);

export class RegimeCounts {
  private readonly entries = new Map<
    string,
    { loss: string; dtype: string; cases: number; regimes: Map<Regime, number> }
  >();

  /** A case judged (not skipped): counted for its loss and dtype, and in each of its regimes. */
  count(c: ValidCase): void {
    const key = `${c.loss}/${c.dtype}`;
    const entry = this.entries.get(key) ?? { loss: c.loss, dtype: c.dtype, cases: 0, regimes: new Map() };
    // Every regime the loss can be in under this profile is listed, 0 included (REG-1).
    for (const regime of regimesOf(c.loss, c.rules)) entry.regimes.set(regime, entry.regimes.get(regime) ?? 0);
    for (const regime of caseRegimes(c)) entry.regimes.set(regime, entry.regimes.get(regime)! + 1);
    entry.cases++;
    this.entries.set(key, entry);
  }

  /** Another count's entries (a task's, merged in the run's order of tasks). */
  add(counts: readonly RegimeCount[]): void {
    for (const { loss, dtype, cases, regimes } of counts) {
      const key = `${loss}/${dtype}`;
      const entry = this.entries.get(key) ?? { loss, dtype, cases: 0, regimes: new Map() };
      entry.cases += cases;
      for (const [regime, n] of Object.entries(regimes) as [Regime, number][])
        entry.regimes.set(regime, (entry.regimes.get(regime) ?? 0) + n);
      this.entries.set(key, entry);
    }
  }

  /** A case as FMT-1 JSON: counted when it is valid (a bad input is in no regime). */
  countJson(json: Record<string, unknown>): void {
    let c: ValidCase;
    try {
      c = validateCase(decodeCase(json));
    } catch (e) {
      if (e instanceof LossInputError) return;
      throw e;
    }
    this.count(c);
  }

  /** The counts in FMT-1's order of losses and dtypes, regimes in REGIMES' order. */
  list(): RegimeCount[] {
    return [...this.entries.values()]
      .sort((a, b) => rank(LOSSES, a.loss) - rank(LOSSES, b.loss) || rank(DTYPES, a.dtype) - rank(DTYPES, b.dtype))
      .map(({ loss, dtype, cases, regimes }) => ({
        loss,
        dtype,
        cases,
        regimes: Object.fromEntries(REGIMES.filter((r) => regimes.has(r)).map((r) => [r, regimes.get(r)!])),
      }));
  }
}

/** REG-3: the regimes of each loss and dtype judged that got fewer than `min` cases. */
export function shortfalls(counts: readonly RegimeCount[], min: number): Shortfall[] {
  return counts.flatMap(({ loss, dtype, regimes }) =>
    Object.entries(regimes)
      .filter(([, cases]) => cases < min)
      .map(([regime, cases]) => ({ loss, dtype, regime: regime as Regime, cases })),
  );
}
