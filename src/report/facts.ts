/**
 * REP-10 as every report shows it: a failure's condition number and attribution (TOL-4,
 * TOL-ATTR), and its worst counterexample beside the minimal, each with its error in ULPs and
 * bits and its own replay line.
 */
import { formatCondition } from '../verdict/attribution.js';
import { errorSize, shortJson } from './summary.js';
import type { CheckResult, WorstCounterexample } from './types.js';

type Described = Pick<CheckResult, 'condition' | 'attribution'>;

/** `κ = 12 (TOL-4); implementation: 40.0 bits lost where …`, when the failure has them. */
export function factsLine(r: Described): string | undefined {
  if (r.condition === undefined) return undefined;
  const kappa = `κ = ${formatCondition(r.condition)} (TOL-4)`;
  return r.attribution ? `${kappa}; ${r.attribution.text}` : kappa;
}

/** Whether the search found an input that errs by more bits than the minimal counterexample. */
export const worseThanMinimal = (r: CheckResult): boolean =>
  r.worst !== undefined && (r.worst.bits ?? 0) > (r.bits ?? 0);

/** The worst counterexample's heading: how it was found, and whether it is the minimal one. */
export function worstHeading(r: CheckResult, w: WorstCounterexample): string {
  const how = `worst of ${w.evaluations} inputs searched from the minimal (REP-10)`;
  return worseThanMinimal(r) ? how : `${how}: none errs more than the minimal`;
}

/** The worst counterexample as lines: heading, message, error and facts, case, replay line; else why there is none (REP-10.4). */
export function worstLines(r: CheckResult): { label: string; text: string }[] {
  const w = r.worst;
  if (!w) return r.noWorst === undefined ? [] : [{ label: 'worst', text: r.noWorst }];
  const lines = [
    { label: 'worst', text: worstHeading(r, w) },
    { label: 'worst message', text: w.message },
  ];
  const size = errorSize(w);
  if (size) lines.push({ label: 'worst error', text: size });
  const facts = factsLine(w);
  if (facts) lines.push({ label: 'worst conditioning', text: facts });
  lines.push({ label: 'worst counterexample', text: shortJson(w.counterexample) });
  if (w.reproduce) lines.push({ label: 'replay worst', text: w.reproduce });
  return lines;
}
