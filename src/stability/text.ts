/**
 * The terminal's account of a study (spec/formats.md#CLI-7): one line per threshold reached
 * ("naive float32 softmax_cross_entropy: non-finite from max logit 88.7"), the implementations
 * that never went non-finite, and the series skipped.
 */
import { sweepNamed } from './sweeps/index.js';
import type { StabilityReport, StabilitySeries } from './types.js';

/**
 * A threshold to three significant digits (STAB-4): plain between 10^-7 and 10^21, else
 * `1.8e308` (the digits of `toPrecision`, which never overflow, without `+` or trailing zeros).
 */
export function threeDigits(x: number): string {
  const digits = x.toPrecision(3);
  const abs = Math.abs(x);
  if (abs >= 1e-7 && abs < 1e21) return String(Number(digits));
  const [mantissa, exponent] = digits.split('e') as [string, string];
  return `${mantissa.replace(/\.?0+$/, '')}e${exponent.replace('+', '')}`;
}

const HEAD_WIDTH_LIMIT = 56;

interface Line {
  readonly head: string;
  readonly text: string;
}

/**
 * One series' thresholds in words, when it has any: `non-finite from max logit 88.7; more than
 * half the bits lost from 88.7`, the quantity named once.
 */
function thresholdLine(s: StabilitySeries): Line[] {
  const sweep = sweepNamed(s.sweep);
  const start = sweep.range(s.dtype)[sweep.toward === 'up' ? 0 : 1];
  const at = (x: number) =>
    `${threeDigits(x)}${x === start ? ' (the first value swept)' : sweep.toward === 'down' ? ' down' : ''}`;
  const parts = [
    ...(s.firstNonFinite === null ? [] : [['non-finite from', s.firstNonFinite] as const]),
    ...(s.firstHalfBitsLost === null ? [] : [['more than half the bits lost from', s.firstHalfBitsLost] as const]),
  ];
  if (parts.length === 0) return [];
  // The quantity is named once, and a value repeated from the first part is not annotated again.
  const text = parts
    .map(([what, x], i) =>
      i === 0 ? `${what} ${s.quantity} ${at(x)}` : `${what} ${x === parts[0]![1] ? threeDigits(x) : at(x)}`,
    )
    .join('; ');
  return [{ head: `${s.implementation} ${s.dtype} ${s.loss}:`, text }];
}

/** The threshold table and its notes, for stdout. */
export function formatThresholds(report: StabilityReport): string {
  const lines = report.series.flatMap(thresholdLine);
  // Aligned, unless a long plug-in name would push every line far right.
  const width = Math.min(HEAD_WIDTH_LIMIT, Math.max(0, ...lines.map((l) => l.head.length)));
  const out = ['thresholds (STAB-4; first swept value, 3 significant digits):'];
  out.push(...(lines.length ? lines.map((l) => `  ${l.head.padEnd(width)} ${l.text}`) : ['  none reached']));
  const implementations = [...new Set(report.series.map((s) => s.implementation))];
  const neverNonFinite = implementations.filter((name) =>
    report.series.every((s) => s.implementation !== name || (s.firstNonFinite === null && !s.skipped)),
  );
  if (neverNonFinite.length) out.push(`never non-finite where the exact loss is finite: ${neverNonFinite.join(', ')}`);
  for (const s of report.series.filter((s) => s.skipped))
    out.push(`skipped ${s.implementation} ${s.dtype} ${s.loss} ${s.sweep}: ${s.skipped}`);
  return `${out.join('\n')}\n`;
}
