/**
 * The MPFR engine (spec/reference-engine.md#REF-8, REF-9): GNU MPFR compiled to WebAssembly by
 * gmp-wasm (LGPL-3.0, used unmodified as a dependency). WebAssembly memory is not garbage
 * collected: values come from per-precision arenas, released when each scope ends and freed by
 * `dispose`.
 */
import { init, type GMPFunctions } from 'gmp-wasm';
import { checkBits, type PrecisionBody, type ReferenceEngine } from './arithmetic.js';
import { EnclosureArithmetic } from './interval.js';
import { MpfrArena } from './mpfrArena.js';
import { MpfrEndpoints, type MpfrScratch } from './mpfrEndpoints.js';

/** 53 bits hold every double exactly (fromDouble, REF-2). */
export const MPFR_MIN_BITS = 53;
export const MPFR_MAX_BITS = 1 << 16;

export interface MpfrEngine extends ReferenceEngine {
  /** MPFR values currently allocated in WebAssembly memory (0 after dispose). */
  readonly allocatedValues: number;
}

/** One WebAssembly instance per process: gmp-wasm's binding is a module-level singleton. */
let binding: Promise<GMPFunctions> | undefined;

function gmpBinding(): Promise<GMPFunctions> {
  binding ??= init().then((lib) => lib.binding);
  return binding;
}

function allocateScratch(gmp: GMPFunctions): MpfrScratch {
  const integer = gmp.mpz_t();
  gmp.mpz_init(integer);
  return { integer, exponent: gmp.malloc(4) };
}

function freeScratch(gmp: GMPFunctions, scratch: MpfrScratch): void {
  gmp.mpz_clear(scratch.integer);
  gmp.mpz_t_free(scratch.integer);
  gmp.free(scratch.exponent);
}

export async function createMpfrEngine(): Promise<MpfrEngine> {
  const gmp = await gmpBinding();
  const arenas = new Map<number, MpfrArena>();
  let scratch: MpfrScratch | undefined = allocateScratch(gmp);
  let running = false;
  const arenaFor = (bits: number): MpfrArena => {
    let arena = arenas.get(bits);
    if (arena === undefined) arenas.set(bits, (arena = new MpfrArena(gmp, bits)));
    return arena;
  };
  return {
    name: 'mpfr',
    minBits: MPFR_MIN_BITS,
    maxBits: MPFR_MAX_BITS,
    get allocatedValues(): number {
      return [...arenas.values()].reduce((total, arena) => total + arena.allocated, 0);
    },
    run<T>(bits: number, body: PrecisionBody<T>): T {
      checkBits(bits, MPFR_MIN_BITS, MPFR_MAX_BITS);
      if (scratch === undefined) throw new Error('the MPFR engine has been disposed');
      // A nested scope would hand out values the outer scope still uses.
      if (running) throw new Error('MPFR engine scopes cannot be nested');
      const arena = arenaFor(bits);
      running = true;
      try {
        return body(new EnclosureArithmetic(new MpfrEndpoints(gmp, arena, scratch)));
      } finally {
        running = false;
        arena.release();
      }
    },
    dispose(): void {
      for (const arena of arenas.values()) arena.dispose();
      arenas.clear();
      if (scratch !== undefined) freeScratch(gmp, scratch);
      scratch = undefined;
    },
  };
}
