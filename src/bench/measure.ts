/**
 * Timing on tinybench: warm-up, then the median of repeated runs. A pair (or group) is measured
 * in the same process run, in alternating rounds, so that a machine shared with other work loads
 * both sides alike; the spread of the per-round ratios says how steady the machine was.
 */
import { Bench } from 'tinybench';

export type Job = () => unknown;

/** The median milliseconds of each job, measured in one Bench (warm-up first). */
export async function medians(
  jobs: Readonly<Record<string, Job>>,
  iterations: number,
): Promise<Record<string, number>> {
  // Kernels over 4M values reach their optimised code only after several runs.
  const bench = new Bench({ iterations, time: 0, warmupIterations: 6, warmupTime: 0 });
  for (const [name, job] of Object.entries(jobs)) bench.add(name, job);
  await bench.run();
  return Object.fromEntries(
    bench.tasks.map((task) => {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`bench ${task.name}: ${result.state}`);
      return [task.name, result.latency.p50];
    }),
  );
}

/** A ratio measured in several rounds: the median and the spread. */
export interface Ratio {
  readonly numeratorMs: number;
  readonly denominatorMs: number;
  readonly ratio: number;
  readonly spread: readonly [number, number];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** `numerator / denominator`, each round a Bench of both; medians over the rounds. */
export async function ratioOf(numerator: Job, denominator: Job, rounds: number, iterations: number): Promise<Ratio> {
  const measured: Record<string, number>[] = [];
  for (let r = 0; r < rounds; r++) measured.push(await medians({ numerator, denominator }, iterations));
  const ratios = measured.map((m) => m.numerator! / m.denominator!);
  return {
    numeratorMs: median(measured.map((m) => m.numerator!)),
    denominatorMs: median(measured.map((m) => m.denominator!)),
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
  };
}

/** Wall-clock seconds of an async job, run once. */
export async function secondsOf<T>(job: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await job();
  return { value, seconds: (performance.now() - started) / 1000 };
}
