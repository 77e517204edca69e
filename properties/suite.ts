/**
 * Every property family, by name: what `losscheck check` runs (`--family` picks some).
 */
import { agreement } from './families/agreement.js';
import { badInputs, strictInputs } from './families/badInputs.js';
import type { Family } from './families/family.js';
import { invariance } from './families/invariance.js';
import { invariants } from './families/invariants.js';
import { edges, spec } from './families/spec.js';
import { stress } from './families/stress.js';

export const FAMILIES: Readonly<Record<string, Family>> = {
  spec,
  agreement,
  edges,
  invariants,
  badInputs,
  strictInputs,
  stress,
  invariance,
};

/**
 * What `check` runs without `--family`: the core semantics and accuracy — not `edges` (framework
 * conventions for special values), `strictInputs` (faults an API rejects by type or signature,
 * which plug-ins reading only the fields they use tend to ignore) nor `invariance` (TOL-INV: no
 * profile promises it; `matrix` reports it apart).
 */
export const DEFAULT_FAMILIES: readonly string[] = ['spec', 'agreement', 'invariants', 'badInputs', 'stress'];
