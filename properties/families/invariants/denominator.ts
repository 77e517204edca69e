/**
 * The `mean` denominator D of a case (RED-3, PRO-6), as the spec defines it — written here, from
 * the case model, so that the check does not borrow it from an implementation.
 */
import { hasClassAxis } from '../../../src/case/types.js';
import { Label } from '../../../src/case/validate.js';
import type { CaseJson } from '../family.js';
import { validated } from './twins.js';

export function meanDenominator(json: CaseJson): number {
  const c = validated(json);
  const { weight, labels, rules } = c;
  if (!hasClassAxis(c.loss) && c.loss !== 'linear_cross_entropy') {
    // RED-3.3; PRO-6 tfjs: the elements whose broadcast weight is nonzero.
    if (rules.binaryMeanDenominator === 'elements' || !weight) return c.positions;
    return Array.from({ length: c.positions }, (_, i) => weight[i % weight.length]!).filter((w) => w !== 0).length;
  }
  // RED-3.2 (probability targets) and PRO-6's position count.
  if (labels === undefined || rules.indexMeanDenominator === 'positions') return c.positions;
  const kept = Array.from(labels).filter((label) => label !== Label.ignored);
  if (rules.indexMeanDenominator === 'nonIgnoredCount' || !weight) return kept.length;
  return kept.reduce((sum, label) => sum + weight[label]!, 0); // RED-3.1: Σ w_t
}
