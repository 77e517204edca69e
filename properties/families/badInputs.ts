/**
 * Bad inputs (spec/profiles.md, FMT-4): for each profile, valid cases made invalid — or moved to
 * where the profile decides — judged against what the reference says the profile makes of them:
 * an error, NaN, a clamp, or (losscheck's own domain rules, judge.ts) any answer. `badInputs`:
 * labels out of range, sizes that do not fit, ε outside [0, 1], probabilities outside [0, 1],
 * non-finite weights, a loss the profile does not define. `strictInputs`: what a framework's API
 * rejects by type or signature (fractional labels, non-finite ε, options the profile does not
 * define, PRO-2), which must be rejected rather than ignored.
 */
import fc from 'fast-check';
import { PROFILE_RULES } from '../../src/case/profiles.js';
import type { Dtype, LossName, ProfileName } from '../../src/case/types.js';
import { lossCase, profileDefines } from '../arbitraries/lossCase.js';
import { STRICT_MUTATIONS, VALUE_MUTATIONS, type Mutation } from './badInputs/mutations.js';
import type { CaseJson, Family, PropertyCheck } from './family.js';
import { judgeAgainstReference } from './judge.js';

interface BadCase {
  readonly json: CaseJson;
  readonly mutation: string;
}

type Mutations = Readonly<Record<string, Mutation>>;

/**
 * A case of the loss (generated under torch where the profile does not define the loss: that
 * alone is the fault), mutated by one of the mutations that apply to it. Softmax CE's base case
 * has no z-loss and no soft-cap: no mutation touches them, and a plug-in without them declines
 * such a case whole (CHK-9), which would lose the draw (nearly half of them) to coverage.
 */
function badCase(
  mutations: Mutations,
  loss: LossName,
  profile: ProfileName,
  dtypes: readonly Dtype[],
): fc.Arbitrary<BadCase> {
  const rules = PROFILE_RULES[profile];
  const source = profileDefines(loss, profile) ? profile : 'torch';
  return fc
    .constantFrom(...dtypes)
    .chain((dtype) =>
      lossCase({ loss, dtype, profile: source, outputs: ['loss', 'grad'], softmax: { languageModel: false } }),
    )
    .map((valid): CaseJson => ({ ...valid, profile }))
    .chain((json) => {
      const applicable = Object.entries(mutations).flatMap(([mutation, mutate]) => {
        const mutated = mutate(json, rules);
        return mutated ? [mutated.map((bad) => ({ json: bad, mutation }))] : [];
      });
      return applicable.length > 0
        ? fc.oneof(...applicable)
        : fc.constant({ json, mutation: `${loss} under ${profile}` });
    });
}

async function judgeBadCase(input: BadCase, ctx: Parameters<typeof judgeAgainstReference>[1]) {
  const judgement = await judgeAgainstReference(input.json, ctx);
  return judgement.status === 'fail'
    ? { ...judgement, message: `${judgement.message} (bad input: ${input.mutation})` }
    : judgement;
}

function mutationFamily(family: string, mutations: Mutations, clauses: readonly string[]): Family {
  return (scope) =>
    scope.losses.flatMap((loss) =>
      scope.profiles.map((profile): PropertyCheck<BadCase> => ({
        id: `${family}/${loss}/${profile}`,
        family,
        clauses,
        arbitrary: badCase(mutations, loss, profile, scope.dtypes),
        caseOf: (input) => input.json,
        judge: judgeBadCase,
      })),
    ) as PropertyCheck<unknown>[];
}

export const badInputs = mutationFamily('badInputs', VALUE_MUTATIONS, [
  'FMT-2',
  'FMT-4',
  'CE-3.2',
  'LS-6',
  'BCE-4',
  'PRO-3',
  'PRO-4',
  'PRO-10',
  'PRO-16',
]);
export const strictInputs = mutationFamily('strictInputs', STRICT_MUTATIONS, [
  'FMT-4',
  'CE-3.1',
  'IGN-2',
  'LS-6',
  'PRO-2',
  'PRO-5',
  'PRO-14',
]);
