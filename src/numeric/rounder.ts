/**
 * Rounding into a working precision as a method of one object per format. The textbook kernels
 * are one code for every dtype: a rounding function passed in makes each of their calls see two
 * or more functions, which V8 leaves as indirect calls in the hot loops (3× slower once a process
 * has run float64 and float32, as `check` and `losscheck bench` do); a method read from objects of
 * two or three classes is inlined for each of them.
 */
import type { Dtype } from '../case/types.js';
import { roundTo } from './dtype.js';
import type { Rounding } from './sum.js';

export interface Rounder {
  /** The double rounded to nearest-even in the format. */
  round(x: number): number;
  /** The same map as a function, for what is not in a hot loop. */
  readonly rounding: Rounding;
}

class Binary64 implements Rounder {
  readonly rounding = roundTo('float64');
  round(x: number): number {
    return x;
  }
}

class Binary32 implements Rounder {
  readonly rounding = roundTo('float32');
  round(x: number): number {
    return Math.fround(x);
  }
}

/** float16 and bfloat16: rounding in software, slow whichever way it is called. */
class Narrow implements Rounder {
  constructor(readonly rounding: Rounding) {}
  round(x: number): number {
    return this.rounding(x);
  }
}

/** The rounder of a dtype (DT-3). */
export function rounderFor(dtype: Dtype): Rounder {
  if (dtype === 'float64') return new Binary64();
  return dtype === 'float32' ? new Binary32() : new Narrow(roundTo(dtype));
}
