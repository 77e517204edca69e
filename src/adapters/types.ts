/**
 * What every implementation looks like to the runner, built-in or plugged in
 * (spec/formats.md#FMT-5: the plug-in contracts).
 */
import type { LossCase, LossValues } from '../case/types.js';

export interface Implementation {
  /** The name used on the command line and in reports. */
  readonly name: string;
  /**
   * `true` when the implementation implements the case, else the reason it does not.
   * Absent means it implements everything.
   */
  supports?(c: LossCase): true | string;
  /**
   * Evaluate a decoded case. Throwing rejects the case (a `LossInputError` from built-ins,
   * any error from plug-ins); throwing `UnsupportedCaseError` refuses it.
   */
  evaluate(c: LossCase): LossValues | Promise<LossValues>;
  /** Release processes or sessions. */
  close?(): Promise<void>;
}
