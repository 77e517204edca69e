/**
 * A located threshold against a predicted one (spec/tolerance.md#TOL-THR): they agree when they
 * are no further apart than the bisection's resolution, half a dtype ulp (the swept value
 * reaches the case rounded into the dtype) and the prediction's own slack.
 */
import type { Dtype } from '../case/types.js';
import { ulpOf } from '../numeric/ulp.js';
import type { Prediction } from '../stability/predictions.js';
import { resolution } from '../stability/bisect.js';

export function thresholdTolerance(located: number, predicted: Prediction, dtype: Dtype): number {
  return resolution(located) + ulpOf(predicted.threshold, dtype) / 2 + predicted.slack;
}

export function thresholdAgrees(located: number, predicted: Prediction, dtype: Dtype): boolean {
  return Math.abs(located - predicted.threshold) <= thresholdTolerance(located, predicted, dtype);
}
