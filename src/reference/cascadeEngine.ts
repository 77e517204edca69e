/**
 * A fast engine in front of a slow one (spec/reference-engine.md#REF-13). Ziv's loop asks for
 * increasing precisions; the cascade answers those the fast engine covers with it, and the rest
 * with the slow engine. Its Ziv loops start at the fast engine's precision: every value
 * is tried in double-double first and only those left undecided are evaluated again by the slow
 * engine. Both return correct enclosures, so a value either decides is RN(v): the same value.
 */
import type { PrecisionBody, ReferenceEngine } from './arithmetic.js';

export interface CascadeEngine extends ReferenceEngine {
  readonly fast: ReferenceEngine;
  readonly slow: ReferenceEngine;
}

export function createCascadeEngine(fast: ReferenceEngine, slow: ReferenceEngine): CascadeEngine {
  return {
    name: 'cascade',
    fast,
    slow,
    minBits: fast.minBits,
    startBits: fast.maxBits,
    maxBits: slow.maxBits,
    run<T>(bits: number, body: PrecisionBody<T>): T {
      if (bits <= fast.maxBits) return fast.run(Math.max(bits, fast.minBits), body);
      return slow.run(Math.max(bits, slow.minBits), body);
    },
    /** Disposes both engines. */
    dispose(): void {
      fast.dispose();
      slow.dispose();
    },
  };
}
