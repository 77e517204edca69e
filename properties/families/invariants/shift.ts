/**
 * Shift invariance (CE-2.1): adding a constant to every logit of a row changes neither the loss,
 * nor the gradient, nor the log-probabilities. With an exact large offset and a small spread it
 * catches `lse = m + log Σ` then `lse − x_t` (DESIGN), and a maximum taken over the batch instead
 * of each row (rows move apart).
 */
import { shiftableLogits } from '../../arbitraries/shiftableLogits.js';
import { softmaxCase } from '../../arbitraries/softmaxCase.js';
import type { Dtype } from '../../../src/case/types.js';
import { roundTo } from '../../../src/numeric/dtype.js';
import type { CaseJson } from '../family.js';
import { answers } from './answers.js';
import type { Invariant, Related } from './invariant.js';
import { encoded, layoutOf, numbers, rowIndices } from './layout.js';
import { judgeRelations, matchingOutputs } from './relations.js';

interface Shifted extends Related {
  readonly offsets: readonly number[];
}

function shifted(json: CaseJson, offsets: readonly number[]): CaseJson {
  const l = layoutOf(json);
  const input = [...(json.input as number[])];
  offsets.forEach((offset, i) => rowIndices(l, i).forEach((k) => (input[k] = input[k]! + offset)));
  return { ...json, input: encoded(input) };
}

/** The offsets again at another case: only where every shifted logit is exact in the dtype, as the arbitrary draws them. */
function shiftedAt(input: Shifted, json: CaseJson): Shifted | undefined {
  const l = layoutOf(json);
  const round = roundTo((json.dtype as Dtype | undefined) ?? 'float64');
  const values = numbers(json, 'input');
  const exact = input.offsets.every((o, i) =>
    rowIndices(l, i).every((k) => !Number.isFinite(values[k]! + o) || round(values[k]! + o) === values[k]! + o),
  );
  return exact ? { ...input, json } : undefined;
}

export const shift: Invariant<Shifted> = {
  name: 'shift',
  clauses: ['CE-2.1', 'TOL-REL'],
  losses: ['softmax_cross_entropy'],
  arbitrary: ({ dtype, profile }) =>
    // The soft-cap (CAP-1) and the z term (ZL-1) are not shift-invariant.
    softmaxCase({
      dtype,
      profile,
      regime: 'moderate',
      outputs: ['loss', 'grad', 'logProb'],
      languageModel: false,
    }).chain((json) => {
      const l = layoutOf(json);
      return shiftableLogits({ dtype, length: l.positions * l.classes, positions: l.positions }).map((s) => ({
        json: { ...json, input: s.logits },
        offsets: s.offsets,
      }));
    }),
  relatedAt: shiftedAt,
  judge: async ({ json, offsets }, ctx) => {
    const moved = offsets
      .map((o, i) => (o === 0 ? '' : `${o > 0 ? '+' : '−'}2^${Math.log2(Math.abs(o))} on row ${i}`))
      .filter(Boolean)
      .join(', ');
    const [base, other] = await answers(ctx, [
      [json, 'the case'],
      [shifted(json, offsets), 'shifted'],
    ]);
    return judgeRelations(
      matchingOutputs(`shift invariance (CE-2.1), rows shifted by ${moved || 'nothing'}`, base!, other!),
      ctx.level,
    );
  },
};
