/**
 * What `losscheck hunt` prints (spec/formats.md#CHK-7.3): every island's best score, then the
 * worst case with its worst value, its verdict under the level and how to replay it.
 */
import type { Judgement } from '../../properties/families/family.js';
import type { LevelName } from '../verdict/levels.js';
import type { HuntResult } from './search.js';
import type { Worst } from './score.js';

export interface HuntText {
  readonly result: HuntResult;
  readonly judgement?: Judgement | undefined;
  readonly file?: string | undefined;
  readonly impl: string;
  readonly level: LevelName;
  readonly seed: number;
  /** The `--evaluations` that repeats the hunt (islands.ts). */
  readonly evaluations: string;
}

function valueLine(w: Worst): string {
  if (w.ulps === undefined || w.bits === undefined) return `  ${w.message}`;
  return `  ${w.message} (${w.ulps} ULPs, ${w.bits.toFixed(1)} bits, TOL-1, TOL-2)`;
}

function verdict(j: Judgement, level: LevelName): string {
  if (j.status === 'fail') return `FAIL at level ${level}: ${j.message}`;
  return j.status === 'pass' ? `passes level ${level}` : `SKIP: ${j.reason}`;
}

export function formatHunt(t: HuntText): string {
  const { result } = t;
  const lines = [
    `losscheck hunt: ${t.impl}, seed ${t.seed}, ${result.evaluations} evaluations in ${result.seconds.toFixed(1)} s (reproduce: --seed ${t.seed} --evaluations ${t.evaluations})`,
    ...result.islands.map(
      ({ check, best }) =>
        `  ${check.id.padEnd(56)} ${best ? `${best.worst.score.toFixed(1).padStart(5)} bits` : 'no supported case'}`,
    ),
  ];
  if (result.stopped) lines.push(`stopped early: ${result.stopped.message}; the worst case found so far follows`);
  const worst = result.worst?.best;
  if (!worst) return `${[...lines, 'no supported valid case was found'].join('\n')}\n`;
  lines.push(
    `worst: ${result.worst!.check.id}, ${worst.worst.score.toFixed(1)} bits of its magnitude (CHK-7.1)`,
    valueLine(worst.worst),
    `  case: ${JSON.stringify(worst.input)}`,
  );
  if (t.judgement) lines.push(verdict(t.judgement, t.level));
  if (t.file) lines.push(`saved: ${t.file} (losscheck replay ${t.file} --impl ${t.impl} --level ${t.level})`);
  return `${lines.join('\n')}\n`;
}
