/**
 * A `module:` plug-in in a worker thread of its own (spec/formats.md#FMT-5.1, FMT-5.3): a case
 * that hangs, even in a synchronous loop, is stopped by terminating the thread; a thread that dies
 * fails its case; either way the next case loads the module again in a new thread.
 */
import type { Worker } from 'node:worker_threads';
import { ImplementationFault, InterruptedError, UsageError } from '../case/errors.js';
import type { LossCase } from '../case/types.js';
import { InFlight, secondsText, withDeadline } from './deadline.js';
import type { WorkerReply, WorkerRequest } from './moduleWorker.js';
import { startWorker } from './workerThread.js';

export type CaseReply = Exclude<WorkerReply, { kind: 'ready' } | { kind: 'load-error' }>;

type Loaded = { kind: 'ready'; name: string } | { kind: 'load-error'; message: string };

export class ModuleThread {
  private worker: Worker | undefined;
  private readonly inFlight = new InFlight<CaseReply>();
  private seq = 0;

  constructor(
    private readonly url: string,
    private readonly label: string,
    /** How long loading may take (FMT-5.5). */
    private readonly loadMs: number,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => this.interrupt(), { once: true });
  }

  private start(): Promise<Loaded> {
    const worker = startWorker(import.meta.url, 'moduleWorker', { workerData: { url: this.url } });
    let failure = '';
    const loaded = new Promise<Loaded>((resolve) => {
      worker.on('message', (m: WorkerReply) => {
        if (m.kind === 'ready' || m.kind === 'load-error') resolve(m);
        else if (m.seq === this.seq) this.inFlight.resolve(m);
      });
      worker.on('error', (e) => (failure = `: ${e.message}`));
      worker.on('exit', (code) => {
        resolve({ kind: 'load-error', message: `stopped while loading (exit code ${code}${failure})` });
        if (this.worker !== worker) return; // stopped on purpose; its case has already failed
        this.worker = undefined;
        const fault = `${this.label} stopped (exit code ${code}${failure}) before answering; restarted for the next case`;
        this.inFlight.reject(new ImplementationFault('crash', fault));
      });
    });
    this.worker = worker;
    return loaded;
  }

  /** Start the thread and wait until the module is loaded, at most `loadMs`; a failure is a setup error. */
  private async started(): Promise<string> {
    const loaded = await withDeadline(this.start(), this.loadMs, () => {
      this.stop();
      return new UsageError(`${this.label} did not load within ${secondsText(this.loadMs)}`);
    });
    if (loaded.kind === 'ready') return loaded.name;
    this.stop();
    throw new UsageError(`${this.label} ${loaded.message}`);
  }

  /** Load the module once, to learn its name (FMT-5.5). */
  load(): Promise<string> {
    return this.started();
  }

  /**
   * One case, answered within `timeoutMs` of being sent. A thread stopped by the case before is
   * started again first, its loading timed apart: a module that no longer loads crashed.
   */
  async request(c: LossCase, timeoutMs: number): Promise<CaseReply> {
    if (this.signal?.aborted) throw InterruptedError.from(this.signal);
    if (!this.worker) await this.started().catch((e: Error) => Promise.reject(this.reloadFault(e)));
    const answer = this.inFlight.next();
    this.worker!.postMessage({ seq: ++this.seq, case: c } satisfies WorkerRequest);
    return withDeadline(answer, timeoutMs, () => {
      this.stop();
      return new ImplementationFault(
        'timeout',
        `${this.label} gave no answer within ${secondsText(timeoutMs)}; stopped, and restarted for the next case`,
      );
    });
  }

  private reloadFault(e: Error): Error {
    if (this.signal?.aborted) return InterruptedError.from(this.signal);
    if (!(e instanceof UsageError)) return e;
    return new ImplementationFault('crash', `${e.message} when started again after the case before`);
  }

  /** Terminate the thread, whatever it is doing. */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private interrupt(): void {
    this.stop();
    this.inFlight.reject(InterruptedError.from(this.signal));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
