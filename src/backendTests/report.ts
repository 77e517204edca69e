/**
 * What `onnx-cases` prints and writes (DESIGN.md's CLI contract): one terminal line per directory,
 * the totals, and the same as JSON (`--json FILE`).
 */
import { encodeNumber } from '../case/decode.js';
import type { DirectoryResult, DirectoryStatus } from './directory.js';
import { combine, type UlpSummary } from './values.js';

export interface OnnxCasesReport {
  readonly command: 'onnx-cases';
  readonly impl: string;
  /** How stored outputs are judged. */
  readonly level: 'framework';
  /** Where the ULPs and bits come from. */
  readonly reference: string;
  readonly verdict: 'pass' | 'fail';
  readonly totals: Readonly<Record<DirectoryStatus | 'directories', number>>;
  /** IMPL against the certified reference over every compared value. */
  readonly overall: UlpSummary | undefined;
  /** The stored outputs against the certified reference over every compared value. */
  readonly storedOverall: UlpSummary | undefined;
  readonly directories: readonly DirectoryResult[];
}

export function onnxCasesReport(
  impl: string,
  reference: string,
  directories: readonly DirectoryResult[],
): OnnxCasesReport {
  const count = (s: DirectoryStatus) => directories.filter((d) => d.status === s).length;
  const totals = { directories: directories.length, pass: count('pass'), fail: count('fail'), skip: count('skip') };
  const overall = combine(directories.flatMap((d) => (d.reference ? [d.reference] : [])));
  const storedOverall = combine(directories.flatMap((d) => (d.storedVsReference ? [d.storedVsReference] : [])));
  return {
    command: 'onnx-cases',
    impl,
    level: 'framework',
    reference,
    verdict: totals.fail > 0 ? 'fail' : 'pass',
    totals,
    overall,
    storedOverall,
    directories,
  };
}

const percent = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;

function ulpText(s: UlpSummary): string {
  return `max ${s.maxUlps} ULP (${s.maxBits.toFixed(2)} bits), mean ${s.meanBits.toFixed(2)} bits, ${percent(s.correctlyRounded)} correctly rounded`;
}

const LABELS: Readonly<Record<string, string>> = { softmax_cross_entropy: 'SCE', negative_log_likelihood: 'NLL' };

/** What ran, how far from the stored outputs, and how far IMPL and the stored outputs are from the reference. */
function passDetail(d: DirectoryResult): string {
  const what =
    d.via === 'model'
      ? 'own model on ORT'
      : `${LABELS[d.loss ?? ''] ?? d.loss}${d.dataSets > 1 ? ` ×${d.dataSets}` : ''}`;
  const parts = [d.worst ? `${what}, ${d.worst.ulps} ULP from stored` : what];
  if (d.reference) parts.push(`reference: ${ulpText(d.reference)}`);
  if (d.storedVsReference) parts.push(`stored vs reference: max ${d.storedVsReference.maxUlps} ULP`);
  return parts.join(' | ');
}

/** `PASS test_sce_mean  SCE, 1 ULP from stored | reference: max 1 ULP (1.00 bits), ... | stored vs reference: max 0 ULP`. */
export function formatDirectoryLine(d: DirectoryResult): string {
  const detail = d.status === 'pass' ? passDetail(d) : (d.reason ?? '');
  return `${d.status.toUpperCase()} ${d.name.padEnd(52)} ${detail}`;
}

export function formatTotals(r: OnnxCasesReport): string {
  const { directories, pass, fail, skip } = r.totals;
  const unrelated = r.directories.filter((d) => d.unrelated).length;
  const unlisted =
    unrelated > 0
      ? `, of which ${unrelated} not SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss tests (not listed)`
      : '';
  const lines = [
    `${directories} directories: ${pass} pass, ${fail} fail, ${skip} skip${unlisted} (--impl ${r.impl})`,
    `stored outputs judged under TOL-FW (the framework level); ULPs and bits against ${r.reference}`,
  ];
  if (r.overall) lines.push(`${r.impl} against the reference over ${r.overall.values} values: ${ulpText(r.overall)}`);
  if (r.storedOverall) lines.push(`the stored outputs against the reference: ${ulpText(r.storedOverall)}`);
  return lines.join('\n');
}

/** The report as JSON; values in FMT-1's number encoding (NaN and ±Infinity as strings). */
export function reportJson(r: OnnxCasesReport): string {
  const directories = r.directories.map((d) =>
    d.worst
      ? { ...d, worst: { ...d.worst, actual: encodeNumber(d.worst.actual), stored: encodeNumber(d.worst.stored) } }
      : d,
  );
  return `${JSON.stringify({ ...r, directories }, null, 2)}\n`;
}
