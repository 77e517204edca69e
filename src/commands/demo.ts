/**
 * `losscheck demo`: the built-in implementations side by side on a few cases that show where the
 * textbook forms break (spec/tolerance.md#TOL-ACC). The conformance run supersedes it as the main job.
 */
import type { Command } from 'commander';
import { builtIn, BUILT_IN_NAMES } from '../losses/builtins.js';
import { decodeCase } from '../case/decode.js';
import { runDecodedCase } from '../adapters/runCase.js';

interface DemoCase {
  readonly title: string;
  readonly json: Record<string, unknown>;
}

const nine = (v: number): number[] => Array<number>(9).fill(v);

export const DEMO_CASES: readonly DemoCase[] = [
  {
    title: 'moderate logits',
    json: { loss: 'softmax_cross_entropy', shape: [1, 4], input: [1, 2, 0.5, -1], target: [1] },
  },
  {
    title: 'tiny loss: target dominates by 40',
    json: { loss: 'softmax_cross_entropy', shape: [1, 10], input: [40, ...nine(0)], target: [0] },
  },
  {
    title: 'logit 800 (exp overflows)',
    json: { loss: 'softmax_cross_entropy', shape: [1, 3], input: [800, 0, -1], target: [1] },
  },
  {
    title: 'target 800 below the max (exp underflows)',
    json: { loss: 'softmax_cross_entropy', shape: [1, 2], input: [0, -800], target: [1] },
  },
  {
    title: 'float16: logit 12 (exp overflows 65504)',
    json: { loss: 'softmax_cross_entropy', dtype: 'float16', shape: [1, 2], input: [12, 0], target: [0] },
  },
  {
    title: 'smoothing 0.1, weights, ignore',
    json: {
      loss: 'softmax_cross_entropy',
      shape: [3, 4],
      input: [1, 2, 0.5, -1, 0.3, -0.2, 2.5, 0, -1.5, 0.7, 0.1, 3],
      target: [1, -100, 3],
      weight: [0.5, 2, 1, 3],
      labelSmoothing: 0.2,
    },
  },
  {
    title: 'BCE with logits, x = -40, y = 0',
    json: { loss: 'binary_cross_entropy_with_logits', shape: [1], input: [-40], target: [0] },
  },
  {
    title: 'BCE with logits, x = 800, y = 1',
    json: { loss: 'binary_cross_entropy_with_logits', shape: [1], input: [800], target: [1] },
  },
  { title: 'BCE, p = 1e-20, y = 0', json: { loss: 'binary_cross_entropy', shape: [1], input: [1e-20], target: [0] } },
];

function show(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  if ('error' in value) return `error: ${String(value.error)}`;
  const loss = (value as { loss?: Float64Array }).loss;
  return loss ? Array.from(loss, (v) => v.toPrecision(17)).join(', ') : '?';
}

/** Print every built-in's loss on every demo case; returns the exit code. */
export async function runDemo(print: (line: string) => void = console.log): Promise<number> {
  const impls = BUILT_IN_NAMES.map(builtIn);
  for (const [i, demo] of DEMO_CASES.entries()) {
    const c = decodeCase({ id: `demo-${i + 1}`, ...demo.json });
    print(`${c.id}  ${demo.title}  [${c.dtype}]`);
    for (const impl of impls) print(`  ${impl.name.padEnd(9)} ${show(await runDecodedCase(impl, c))}`);
  }
  return 0;
}

export function registerDemo(cli: Command): void {
  cli
    .command('demo')
    .description('the built-in implementations side by side on cases where textbook forms break')
    .action(async () => {
      process.exitCode = await runDemo();
    });
}
