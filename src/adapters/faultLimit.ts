/**
 * Giving up on an implementation that keeps failing (spec/formats.md#FMT-5.4): after a few
 * process faults in a row, or too many timeouts in all, no further case is sent to it, so that
 * a run against a hanging or crashing implementation ends in bounded time.
 */
import { GaveUpError, ImplementationFault, PROCESS_FAULTS } from '../case/errors.js';
import type { Implementation } from './types.js';

export interface FaultLimits {
  /** Process faults (timeout, crash, not JSON, wrong id) in a row. */
  readonly inARow: number;
  /** Timeouts in all: each costs a whole timeout, so they are bounded even when answers come between them. */
  readonly timeouts: number;
}

export const FAULT_LIMITS: FaultLimits = { inARow: 3, timeouts: 6 };

/** `impl`, refusing every case with GaveUpError once it has exceeded the limits. */
export function withFaultLimit(impl: Implementation, limits: FaultLimits = FAULT_LIMITS): Implementation {
  let inARow = 0;
  let timeouts = 0;
  let gaveUp: string | undefined;
  const count = (fault: ImplementationFault): void => {
    inARow++;
    if (fault.kind === 'timeout') timeouts++;
    if (inARow >= limits.inARow) gaveUp = `${inARow} faults in a row`;
    else if (timeouts >= limits.timeouts) gaveUp = `${timeouts} timeouts`;
    if (gaveUp) gaveUp = `gave up on ${impl.name} after ${gaveUp} (FMT-5.4); the last: ${fault.message}`;
  };
  return {
    name: impl.name,
    ...(impl.supports && { supports: (c) => impl.supports!(c) }),
    evaluate: async (c) => {
      if (gaveUp !== undefined) throw new GaveUpError(gaveUp);
      try {
        const values = await impl.evaluate(c);
        inARow = 0;
        return values;
      } catch (e) {
        if (e instanceof ImplementationFault && PROCESS_FAULTS.has(e.kind)) count(e);
        else inARow = 0; // a rejection, a refusal or a malformed result is still an answer
        throw e;
      }
    },
    close: async () => impl.close?.(),
  };
}
