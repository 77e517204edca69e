/**
 * Every output value of an implementation against the reference under a level
 * (spec/tolerance.md#TOL-LEVEL), with the worst value first.
 */
import { OUTPUTS, hasClassAxis, hasSoftmax, type Dtype, type LossValues, type OutputName } from '../case/types.js';
import type { ValidCase } from '../case/validate.js';
import { analyzeCase } from './analysis.js';
import { judgeValue, type LevelName, type ValueContext, type ValueVerdict } from './levels.js';

export interface ValueComparison extends ValueVerdict {
  readonly output: OutputName;
  readonly index: number;
  readonly actual: number;
  readonly expected: number;
}

export interface CaseComparison {
  readonly pass: boolean;
  /** Every compared value, the failing and worst ones first. */
  readonly values: readonly ValueComparison[];
  /** A missing output or a length that does not fit, if any (FMT-3). */
  readonly shapeProblem?: string;
  /** Its kind, as a fault of the implementation's answer (FMT-5.3). */
  readonly shapeFault?: 'missing-field' | 'wrong-length';
}

/** The type a case's values are analysed in under the level: its opmath type (PRO-26) under `opmath`. */
export function analysisType(c: ValidCase, level: LevelName): Dtype {
  const narrow = c.dtype === 'float16' || c.dtype === 'bfloat16';
  return level === 'opmath' && narrow && c.rules.opmath === 'float32' ? 'float32' : c.dtype;
}

/** The context of each value of a case's outputs (TOL-RUN, TOL-MAG), analysed once. */
export function valueContexts(
  c: ValidCase,
  level: LevelName = 'stable',
): (output: OutputName, index: number) => ValueContext {
  const opmath = analysisType(c, level);
  const analysis = analyzeCase(c, opmath);
  const rowLength = hasClassAxis(c.loss) || hasSoftmax(c.loss) ? c.classes : 1;
  return (output, index) => ({
    dtype: c.dtype,
    loss: c.loss,
    output,
    analysis: analysis[output]![index]!,
    rowLength,
    opmath,
  });
}

/** Compare the outputs the case asks for (and `loss` when given, FMT-3). */
export function compareCase(c: ValidCase, actual: LossValues, expected: LossValues, level: LevelName): CaseComparison {
  const contextOf = valueContexts(c, level);
  const values: ValueComparison[] = [];
  for (const output of OUTPUTS) {
    const want = expected[output];
    if (!want || (output !== 'loss' && !c.outputs.includes(output))) continue;
    const got = actual[output];
    if (!got) return { pass: false, values, shapeProblem: `${output} is missing`, shapeFault: 'missing-field' };
    if (got.length !== want.length)
      return {
        pass: false,
        values,
        shapeProblem: `${output} has ${got.length} values, expected ${want.length} (FMT-3)`,
        shapeFault: 'wrong-length',
      };
    want.forEach((expectedValue, index) => {
      values.push({
        output,
        index,
        actual: got[index]!,
        expected: expectedValue,
        ...judgeValue(level, got[index]!, expectedValue, contextOf(output, index)),
      });
    });
  }
  values.sort((a, b) => Number(a.pass) - Number(b.pass) || b.ulps - a.ulps);
  return { pass: values.every((v) => v.pass), values };
}
