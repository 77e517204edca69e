/**
 * Worker threads for any command whose work splits into independent tasks (check, matrix; the
 * stability sweep can use it the same way): tinypool over a worker module that default-exports
 * `(request) => Promise<answer>` and exports `teardown()` (called as the pool closes, to release
 * what the worker opened). A worker answers `{ stop }` for an error that ends the run — an
 * unusable setup (UsageError), an implementation given up on (GaveUpError) — which is thrown
 * again here (an error's class does not survive the thread). Answers come back in the order of
 * requests, whatever order the workers finish in; an aborted signal ends the pool
 * (InterruptedError).
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { GaveUpError, InterruptedError, UsageError } from '../case/errors.js';

/** Workers when `--workers` is not given: one per core. */
export const DEFAULT_WORKERS = availableParallelism();

/** What a worker module answers for an error that ends the run. */
export interface StopAnswer {
  readonly stop: { readonly kind: 'usage' | 'gaveUp'; readonly message: string };
}

const isStop = (answer: unknown): answer is StopAnswer =>
  typeof answer === 'object' && answer !== null && 'stop' in answer;

const rethrown = ({ stop }: StopAnswer): Error =>
  stop.kind === 'usage' ? new UsageError(stop.message) : new GaveUpError(stop.message);

/**
 * Run `requests` on `workers` threads of `worker`; `onAnswer(answer, k)` as request k finishes.
 * Throws the first error that ends the run, once no request is running any more.
 */
export async function runOnThreads<Request, Answer>(
  worker: URL,
  requests: readonly Request[],
  workers: number,
  onAnswer: (answer: Answer, k: number) => void = () => {},
  signal?: AbortSignal,
): Promise<Answer[]> {
  const threads = Math.max(1, Math.min(workers, requests.length));
  const pool = new Tinypool({
    filename: worker.href,
    minThreads: threads,
    maxThreads: threads,
    isolateWorkers: false,
    teardown: 'teardown',
  });
  let stopped: Error | undefined;
  const stop = (e: Error) => {
    stopped ??= e;
    pool.cancelPendingTasks();
  };
  // An interruption does not wait for the checks running: their threads are ended at once.
  const onAbort = () => {
    stop(InterruptedError.from(signal));
    void pool.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const answers = await Promise.allSettled(
      requests.map(async (request, k) => {
        const answer = (await pool.run(request)) as Answer | StopAnswer;
        if (isStop(answer)) {
          const e = rethrown(answer);
          stop(e);
          throw e;
        }
        if (stopped === undefined) onAnswer(answer, k);
        return answer;
      }),
    );
    const failure = answers.find((a) => a.status === 'rejected');
    if (stopped) throw stopped;
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return answers.map((a) => (a as PromiseFulfilledResult<Answer>).value);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
}

/** A worker module's entry: an error that ends the run becomes `{ stop }`. */
export async function answerOrStop<T>(run: () => Promise<T>): Promise<T | StopAnswer> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError) return { stop: { kind: 'usage', message: e.message } };
    if (e instanceof GaveUpError) return { stop: { kind: 'gaveUp', message: e.message } };
    throw e;
  }
}

/**
 * A worker module's state, opened once per setup (the same setup, sent with every request, opens
 * it once; another closes it and opens anew), and closed as the pool closes (`teardown`).
 */
export function stateBySetup<Setup, State>(
  open: (setup: Setup) => Promise<State>,
  close: (state: State) => Promise<void>,
): { stateFor(setup: Setup): Promise<State>; teardown(): Promise<void> } {
  let state: Promise<State> | undefined;
  let key = '';
  const teardown = async () => {
    const closing = state;
    state = undefined;
    if (closing === undefined) return;
    const s = await closing.catch(() => undefined);
    if (s !== undefined) await close(s);
  };
  const stateFor = async (setup: Setup) => {
    const wanted = JSON.stringify(setup);
    if (state === undefined || key !== wanted) {
      await teardown();
      key = wanted;
      state = open(setup);
    }
    return state;
  };
  return { stateFor, teardown };
}
