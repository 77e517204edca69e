/**
 * An invariant: related cases whose exact values satisfy a relation (spec/tolerance.md#TOL-REL),
 * written once and checked for every loss, dtype and profile where the relation holds.
 */
import type fc from 'fast-check';
import type { LossName } from '../../../src/case/types.js';
import type { LogitRegime } from '../../arbitraries/logits.js';
import type { CaseJson, CheckContext, Family, Judgement, PropertyCheck } from '../family.js';
import { checkId, whereIn, type Where } from '../scoped.js';
import { guarded } from './answers.js';

/** What an invariant's arbitrary draws: the case reported on failure, and its parameters. */
export interface Related {
  readonly json: CaseJson;
}

export interface Invariant<I extends Related> {
  readonly name: string;
  readonly clauses: readonly string[];
  readonly losses: readonly LossName[];
  /** Whether the relation holds under the profile. @defaultValue always */
  applies?(where: Where): boolean;
  arbitrary(where: Where): fc.Arbitrary<I>;
  /** Judges the related answers; may throw NoAnswer (answers.ts). */
  judge(input: I, ctx: CheckContext): Promise<Judgement>;
  /**
   * The relation's input at another case of the same shape and options (PropertyCheck.inputAt):
   * given where the related cases are formed from the case alone; undefined where they cannot be.
   */
  relatedAt?(input: I, json: CaseJson): I | undefined;
  /** Runs instead of the run's default (heavier relations evaluate many cases). */
  readonly runs?: number;
}

/**
 * Logit regimes whose exact values stay finite and far from overflow: relations are judged where
 * they are finite (TOL-REL.3), and the stress family covers masked classes and extreme logits.
 */
export const FINITE_REGIMES: readonly LogitRegime[] = [
  'moderate',
  'wide',
  'dominant',
  'ties',
  'offset',
  'nearOverflow',
  'subnormal',
];

/** relatedAt of a relation whose other parameters fit any case of the same shape and options. */
export const sameRelation = <I extends Related>(input: I, json: CaseJson): I => ({ ...input, json });

/** The family of a list of invariants, one check per invariant and combination of the scope. */
export function invariantFamily(family: string, invariants: readonly Invariant<Related>[]): Family {
  return (scope) =>
    invariants.flatMap((inv) =>
      whereIn(scope, inv.losses)
        .filter((where) => inv.applies?.(where) ?? true)
        .map((where): PropertyCheck<Related> => ({
          id: checkId(family, where, inv.name),
          family,
          clauses: inv.clauses,
          arbitrary: inv.arbitrary(where),
          caseOf: (input) => input.json,
          judge: guarded((input, ctx) => inv.judge(input, ctx)),
          ...(inv.relatedAt && { inputAt: inv.relatedAt }),
          ...(inv.runs !== undefined && { runs: inv.runs }),
        })),
    ) as PropertyCheck<unknown>[];
}
