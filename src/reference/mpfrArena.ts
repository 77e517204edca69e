/**
 * A pool of MPFR values at one precision (spec/reference-engine.md#REF-9). Allocating an mpfr_t
 * in WebAssembly costs about 2 µs, ten times an addition, so values are handed out from a pool
 * for the duration of a scope and taken back all at once when the scope ends.
 */
import type { GMPFunctions, mpfr_ptr } from 'gmp-wasm';

/** Values kept allocated between scopes; beyond this a scope's extra values are freed. */
const RETAINED_VALUES = 1 << 20;

export class MpfrArena {
  private readonly pool: mpfr_ptr[] = [];
  private inUse = 0;

  constructor(
    private readonly binding: GMPFunctions,
    readonly bits: number,
  ) {}

  /** Values currently allocated in WebAssembly memory by this arena. */
  get allocated(): number {
    return this.pool.length;
  }

  /** A value for the current scope; its content is whatever the caller sets. */
  take(): mpfr_ptr {
    if (this.inUse < this.pool.length) return this.pool[this.inUse++]!;
    const value = this.binding.mpfr_t();
    this.binding.mpfr_init2(value, this.bits);
    this.pool.push(value);
    this.inUse++;
    return value;
  }

  /** Ends the scope: every value is free for reuse, and a pool grown past the limit shrinks. */
  release(): void {
    this.inUse = 0;
    this.freeFrom(RETAINED_VALUES);
  }

  /** Frees every value. */
  dispose(): void {
    this.inUse = 0;
    this.freeFrom(0);
  }

  private freeFrom(keep: number): void {
    while (this.pool.length > keep) {
      const value = this.pool.pop()!;
      this.binding.mpfr_clear(value);
      this.binding.mpfr_t_free(value);
    }
  }
}
