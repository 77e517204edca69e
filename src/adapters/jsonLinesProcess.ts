/**
 * A child process spoken to in JSON Lines, one request line for one answer line
 * (spec/formats.md#FMT-5.2). A crash or a timeout fails the request in flight and the process is
 * started again for the next one.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { UsageError } from '../case/errors.js';

type Child = ChildProcessByStdio<Writable, Readable, null>;

interface Waiter {
  resolve(line: { text: string; number: number }): void;
  reject(error: Error): void;
}

export class JsonLinesProcess {
  private child: Child | undefined;
  private readonly answers: { text: string; number: number }[] = [];
  private waiter: Waiter | undefined;
  private linesRead = 0;

  constructor(
    private readonly argv: readonly string[],
    private readonly label: string,
  ) {}

  private async start(): Promise<Child> {
    const [command, ...args] = this.argv;
    const child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new UsageError(`${this.label} could not be started: ${e.message}`)));
    });
    this.linesRead = 0;
    child.stdin.on('error', () => undefined); // a dead process shows up as 'exit'
    createInterface({ input: child.stdout }).on('line', (text) => this.onLine(child, text));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.child = child;
    return child;
  }

  private onLine(child: Child, text: string): void {
    if (child !== this.child) return; // a killed process's last words
    const line = { text, number: ++this.linesRead };
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(line);
    else this.answers.push(line);
  }

  private onExit(child: Child, code: number | null, signal: string | null): void {
    if (this.child !== child) return; // killed on purpose; its request has already failed
    this.child = undefined;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(
      new Error(`${this.label} exited (${signal ?? `code ${code}`}) before answering; restarted for the next case`),
    );
  }

  /** Send one line and wait for the next line of output. */
  async request(line: string, timeoutMs: number): Promise<{ text: string; number: number }> {
    const child = this.child ?? (await this.start());
    child.stdin.write(`${line}\n`);
    const queued = this.answers.shift();
    if (queued) return queued;
    const answer = new Promise<{ text: string; number: number }>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.waiter = undefined;
        this.kill();
        reject(new Error(`${this.label} gave no answer within ${timeoutMs / 1000} s; restarted for the next case`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop the process now. */
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.answers.length = 0;
  }

  /** Close stdin and give the process a moment to exit by itself. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}
