/**
 * One request in flight to something that may never answer (spec/formats.md#FMT-5.3): it settles
 * with the answer, with the fault of the process or thread that died, or with a timeout.
 */

export class InFlight<T> {
  private waiter: { resolve(value: T): void; reject(error: Error): void } | undefined;

  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /** The answer to the request about to be sent. */
  next(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  resolve(value: T): boolean {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(value);
    return waiter !== undefined;
  }

  reject(error: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

/** `answer`, or the error `onTimeout` returns after `ms` (it stops what hangs first). */
export async function withDeadline<T>(answer: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds for a message: `2.5 s`. */
export const secondsText = (ms: number): string => `${Number((ms / 1000).toPrecision(3))} s`;
