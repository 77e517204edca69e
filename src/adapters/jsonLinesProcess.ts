/**
 * A child process spoken to in JSON Lines, one request line for one answer line
 * (spec/formats.md#FMT-5.2, FMT-5.3). A crash or a timeout fails the request in flight with a
 * fault that says what happened — the exit code or signal and the last lines of stderr — and
 * the process is started again for the next request. Its stderr passes through.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { ImplementationFault, InterruptedError, UsageError } from '../case/errors.js';
import { InFlight, secondsText, withDeadline } from './deadline.js';

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

export interface Line {
  readonly text: string;
  /** Counted from 1 since the process started. */
  readonly number: number;
}

/**
 * Process groups alive now: stopped when losscheck exits however it does (a second Ctrl-C, an
 * internal error), so that no plug-in outlives the run (CLI-8).
 */
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of liveGroups) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** Lines of stderr kept for the message of a crash. */
const TAIL_LINES = 5;

/** The last lines a process wrote to stderr, for the message of its crash. */
class StderrTail {
  private text = '';

  push(chunk: Buffer): void {
    this.text = (this.text + chunk.toString()).slice(-4096);
  }

  toString(): string {
    const lines = this.text.split('\n').filter((l) => l.trim() !== '');
    return lines.length === 0 ? 'nothing on stderr' : `stderr ended: ${lines.slice(-TAIL_LINES).join(' ⏎ ')}`;
  }
}

export class JsonLinesProcess {
  private child: Child | undefined;
  private readonly answers: Line[] = [];
  private readonly inFlight = new InFlight<Line>();
  private linesRead = 0;

  constructor(
    private readonly argv: readonly string[],
    private readonly label: string,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => this.interrupt(), { once: true });
  }

  /** Whether the process is up: the next request does not pay for its start. */
  get running(): boolean {
    return this.child !== undefined;
  }

  private async start(): Promise<Child> {
    const [command, ...args] = this.argv;
    // A process group of its own: stopping it stops whatever it started too.
    const child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new UsageError(`${this.label} could not be started: ${e.message}`)));
    });
    this.linesRead = 0;
    const pid = child.pid!;
    liveGroups.add(pid);
    child.once('exit', () => liveGroups.delete(pid));
    const tail = new StderrTail();
    child.stdin.on('error', () => undefined); // a dead process shows up as 'close'
    child.stderr.on('data', (chunk: Buffer) => {
      tail.push(chunk);
      process.stderr.write(chunk);
    });
    createInterface({ input: child.stdout }).on('line', (text) => this.onLine(child, text));
    child.once('close', (code, signal) => this.onClose(child, code, signal, tail));
    this.child = child;
    return child;
  }

  private onLine(child: Child, text: string): void {
    if (child !== this.child) return; // a stopped process's last words
    const line = { text, number: ++this.linesRead };
    if (!this.inFlight.resolve(line)) this.answers.push(line);
  }

  /** After exit and the end of its output, so that its last answer and stderr are in. */
  private onClose(child: Child, code: number | null, signal: string | null, tail: StderrTail): void {
    if (this.child !== child) return; // stopped on purpose; its request has already failed
    this.child = undefined;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.inFlight.reject(
      new ImplementationFault('crash', `${this.label} ${how} before answering (${tail}); restarted for the next case`),
    );
  }

  /** Send one line and wait for the next line of output, at most `timeoutMs`. */
  async request(line: string, timeoutMs: number): Promise<Line> {
    if (this.signal?.aborted) throw InterruptedError.from(this.signal);
    const child = this.child ?? (await this.start());
    const answer = this.inFlight.next();
    child.stdin.write(`${line}\n`);
    const queued = this.answers.shift();
    if (queued) this.inFlight.resolve(queued);
    return withDeadline(answer, timeoutMs, () => {
      this.kill();
      return new ImplementationFault(
        'timeout',
        `${this.label} gave no answer within ${secondsText(timeoutMs)}; stopped, and restarted for the next case`,
      );
    });
  }

  /** Stop the process and everything it started, now. */
  kill(): void {
    const child = this.child;
    this.child = undefined;
    this.answers.length = 0;
    if (child?.pid !== undefined) killGroup(child.pid);
  }

  private interrupt(): void {
    this.kill();
    this.inFlight.reject(InterruptedError.from(this.signal));
  }

  /** Close stdin and give the process a moment to exit by itself. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}
