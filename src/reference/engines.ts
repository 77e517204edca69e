/**
 * The engines the tool certifies with (spec/reference-engine.md#REF-13): the fast double-double
 * engine first, a slow engine for the values it leaves undecided. `--impl reference` falls back
 * to decimal.js, `--impl reference-mpfr` to MPFR; the expectations of `check`, `matrix`, `replay`,
 * `hunt`, `onnx-cases` and losscheck/vitest use MPFR, the faster of the two.
 */
import type { ReferenceEngine } from './arithmetic.js';
import { createCascadeEngine } from './cascadeEngine.js';
import { createDecimalEngine } from './decimalEngine.js';
import { createFastEngine } from './fastEngine.js';

export type SlowEngineName = 'decimal' | 'mpfr';

export async function createReferenceEngine(slow: SlowEngineName = 'mpfr'): Promise<ReferenceEngine> {
  // gmp-wasm is loaded only when MPFR is asked for: it takes a third of a second to load.
  const backing = slow === 'mpfr' ? await (await import('./mpfrEngine.js')).createMpfrEngine() : createDecimalEngine();
  return createCascadeEngine(createFastEngine(), backing);
}
