/**
 * Every random test is seeded: fast-check's global seed comes from FC_SEED (default fixed), and
 * every failure prints the seed and path that replay it.
 */
import fc from 'fast-check';

export const TEST_SEED = Number(process.env.FC_SEED ?? 20261128);

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: TEST_SEED });
