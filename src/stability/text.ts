/**
 * The terminal's account of a study (spec/formats.md#CLI-7): one line per threshold reached
 * ("naive float32 softmax_cross_entropy: non-finite from max logit 88.7"), the implementations
 * that never went non-finite, and the series skipped.
 */
import { sweepNamed } from './sweeps/index.js';
import type { StabilityReport, StabilitySeries } from './types.js';

/** A threshold to three significant digits (STAB-4), `1.8e308` rather than `1.80e+308`. */
export function threeDigits(x: number): string {
  return String(Number(x.toPrecision(3))).replace('e+', 'e');
}

interface Line {
  readonly head: string;
  readonly text: string;
}

/** One series' thresholds in words, when it has any. */
function thresholdLine(s: StabilitySeries): Line[] {
  if (s.firstNonFinite === null && s.firstHalfBitsLost === null) return [];
  const sweep = sweepNamed(s.sweep);
  const start = sweep.range(s.dtype)[sweep.toward === 'up' ? 0 : 1];
  const at = (x: number) =>
    `${threeDigits(x)}${x === start ? ' (the first value swept)' : sweep.toward === 'down' ? ' down' : ''}`;
  const halfBits = s.firstHalfBitsLost === null ? '' : `more than half the bits lost from `;
  const text =
    s.firstNonFinite === null
      ? `${halfBits}${s.quantity} ${at(s.firstHalfBitsLost!)}`
      : `non-finite from ${s.quantity} ${at(s.firstNonFinite)}` +
        (s.firstHalfBitsLost === null ? '' : ` (${halfBits}${at(s.firstHalfBitsLost)})`);
  return [{ head: `${s.implementation} ${s.dtype} ${s.loss}:`, text }];
}

/** The threshold table and its notes, for stdout. */
export function formatThresholds(report: StabilityReport): string {
  const lines = report.series.flatMap(thresholdLine);
  const width = Math.max(0, ...lines.map((l) => l.head.length));
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
