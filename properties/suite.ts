/**
 * Every property family, by name: what `losscheck check` runs (`--family` picks some).
 */
import { agreement } from './families/agreement.js';
import type { Family } from './families/family.js';
import { edges, spec } from './families/spec.js';

export const FAMILIES: Readonly<Record<string, Family>> = {
  spec,
  agreement,
  edges,
};

/** What `check` runs without `--family`: every family but the framework-internal edges. */
export const DEFAULT_FAMILIES: readonly string[] = ['spec', 'agreement'];
