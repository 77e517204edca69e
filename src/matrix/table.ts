/**
 * The matrix's text: one row per implementation, one cell per loss × dtype (CLI-6).
 */
import { DTYPES, LOSSES } from '../case/types.js';
import type { CheckReport } from '../report/types.js';

/** What a cell says, most severe first. */
export const CELL_LEGEND =
  '✗ a check failed · x only failures the manifest expects (xfail) · ? checks not run (interrupted, or ' +
  'the implementation given up on) · ✓ every check ran and passed · ○ not offered (the implementation ' +
  'declined every check) · - no check';

/** The cell of one loss × dtype in a report. */
export function cell(report: CheckReport, loss: string, dtype: string): string {
  const results = report.results.filter((r) => r.check.includes(`/${loss}/${dtype}/`));
  if (results.some((r) => r.status === 'fail' || r.status === 'error')) return '✗';
  if (results.some((r) => r.status === 'xfail')) return 'x';
  if (results.some((r) => r.status === 'notrun')) return '?';
  if (results.some((r) => r.status === 'pass')) return '✓';
  return results.length > 0 ? '○' : '-';
}

const SHORT: Readonly<Record<string, string>> = {
  softmax_cross_entropy: 'sce',
  binary_cross_entropy: 'bce',
  binary_cross_entropy_with_logits: 'bcel',
  negative_log_likelihood: 'nll',
  linear_cross_entropy: 'lce',
  float64: 'f64',
  float32: 'f32',
  float16: 'f16',
  bfloat16: 'bf16',
};

/** A report's row name: its implementation, shortened for a `cmd:` plug-in's long command. */
const rowName = (r: CheckReport): string =>
  r.implementation.length > 15 ? `${r.implementation.slice(0, 14)}…` : r.implementation;

export function matrixLines(reports: readonly CheckReport[], losses: readonly string[] = LOSSES): string[] {
  const columns = losses.flatMap((loss) =>
    DTYPES.map((dtype) => ({ loss, dtype, label: `${SHORT[loss]}/${SHORT[dtype]}` })),
  );
  const header = `${'implementation'.padEnd(16)}${columns.map((c) => c.label.padEnd(10)).join('')}verdict`;
  const rows = reports.map((r) => {
    const cells = columns.map((c) => cell(r, c.loss, c.dtype).padEnd(10)).join('');
    const counts = `${r.summary.fail} failing, ${r.summary.xfail} xfail`;
    return `${rowName(r).padEnd(16)}${cells}${r.verdict} (${counts})`;
  });
  return [header, ...rows, '', CELL_LEGEND];
}

/**
 * The invariance family's matrix (TOL-INV): softmax and linear CE, whose rows it puts in other
 * batches and checks twice; ✗ where a row's bits moved or a case gave other bits the second time.
 */
export function invarianceLines(reports: readonly CheckReport[]): string[] {
  return matrixLines(reports, ['softmax_cross_entropy', 'linear_cross_entropy']).map((line) =>
    line.replace(/(conformant|nonconformant) \((\d+) failing, \d+ xfail\)$/, (_, verdict: string, n: string) =>
      verdict === 'conformant' ? 'invariant' : `not invariant (${n} failing)`,
    ),
  );
}
