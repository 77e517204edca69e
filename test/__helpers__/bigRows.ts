/**
 * The short tests' scope of a whole run: every check but the stress family's big rows (bigRow:
 * 262144 classes; bigVocab: linear CE over 131072 classes). One such case takes seconds through
 * the reference, and each failure's worst-counterexample search (REP-10) evaluates dozens of
 * them; the long tests (`*.long.test.ts`) run them at each of their seeds.
 */
export const WITHOUT_BIG_ROWS = /^(?!stress\/(bigRow|bigVocab)\/)/;

/** The checks `only` selects, but for the big rows. */
export const withoutBigRows = (only: RegExp): RegExp => new RegExp(`${WITHOUT_BIG_ROWS.source}(?:${only.source})`);

/**
 * The checks of the language models' forms (issue 13): linear CE, the invariance family, the
 * z-loss and chunk invariants, softmax CE's upstream invariant (the binary losses' stays in the
 * short run: it meets naive's float16 BCE entry), the stress family's confident and all-ignored rows.
 * Over every family, loss, dtype and profile they doubled the short built-in runs (123 s against
 * 57 s, measured): the short tests run one check of each at few runs (LANGUAGE_MODEL_CHECKS) and
 * leave their breadth to the long tests, which run every check.
 */
const LANGUAGE_MODEL = String.raw`(invariance/|invariants/(zLoss|chunks)/|invariants/upstream/softmax_cross_entropy/|stress/(confident|allIgnored)/|.*/linear_cross_entropy/)`;
export const LANGUAGE_MODEL_CHECKS = new RegExp(`${WITHOUT_BIG_ROWS.source}${LANGUAGE_MODEL}`);

/** Every check but the big rows and the language models' forms. */
export const WITHOUT_LANGUAGE_MODEL_CHECKS = new RegExp(`${WITHOUT_BIG_ROWS.source}(?!${LANGUAGE_MODEL})`);
