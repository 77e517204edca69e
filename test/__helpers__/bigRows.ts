/**
 * The short tests' scope of a whole run: every check but the stress family's big rows (bigRow:
 * 262144 classes; bigVocab: linear CE over 131072 classes). One such case takes seconds through
 * the reference, and each failure's worst-counterexample search (REP-10) evaluates dozens of
 * them; the long tests (`*.long.test.ts`) run them at each of their seeds.
 */
export const WITHOUT_BIG_ROWS = /^(?!stress\/(bigRow|bigVocab)\/)/;

/** The checks `only` selects, but for the big rows. */
export const withoutBigRows = (only: RegExp): RegExp => new RegExp(`${WITHOUT_BIG_ROWS.source}(?:${only.source})`);
