/**
 * Every random test is seeded: fast-check's global seed comes from FC_SEED (default fixed), and
 * every failure prints the seed and path that replay it.
 */
import fc from 'fast-check';

export const TEST_SEED = Number(process.env.FC_SEED ?? 20261128);

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: TEST_SEED });

/**
 * How many consecutive seeds each long sweep covers (`npm run test:long`): two by default, so that
 * CI's whole run ends within its 90 minutes (three took an hour of the long sweeps alone on 2
 * cores); `LOSSCHECK_LONG_SEEDS=3 npm run test:long` sweeps more.
 */
const LONG_SEED_COUNT = Number(process.env.LOSSCHECK_LONG_SEEDS ?? 2);
if (!Number.isInteger(LONG_SEED_COUNT) || LONG_SEED_COUNT < 1)
  throw new Error(`LOSSCHECK_LONG_SEEDS must be a positive integer, got "${process.env.LOSSCHECK_LONG_SEEDS}"`);

/** The long sweeps' seeds from `first` on. */
export const longSeeds = (first: number): number[] => Array.from({ length: LONG_SEED_COUNT }, (_, k) => first + k);
