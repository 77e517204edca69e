/**
 * The generated tables of spec/findings/onnxruntime.md: which graphs run per dtype, the error
 * distribution against the certified reference, the departures from the profiles per clause, and
 * every probe with its verdict.
 */
import type { ErrorRow } from './errorDistribution.js';
import type { RuntimeRow } from './runtimeComparison.js';
import type { JudgedProbe } from './probeVerdicts.js';
import type { Acceptance } from './probes.js';

export const cell = (s: string): string => s.replace(/\|/g, '\\|');
const percent = (f: number): string => `${(100 * f).toFixed(1)}%`;

export function acceptanceTable(rows: readonly Acceptance[]): string[] {
  const graphs = [...new Set(rows.map((r) => r.graph))];
  const dtypes = [...new Set(rows.map((r) => r.dtype))];
  const outcome = (g: string, d: string) => rows.find((r) => r.graph === g && r.dtype === d)!.outcome;
  return [
    `| graph | ${dtypes.join(' | ')} |`,
    `|---|${dtypes.map(() => '---').join('|')}|`,
    ...graphs.map((g) => `| ${g} | ${dtypes.map((d) => cell(outcome(g, d))).join(' | ')} |`),
  ];
}

export function errorTable(rows: readonly ErrorRow[]): string[] {
  return [
    '| dtype | graph | cases | values | mean bits | max bits | correctly rounded | within `stable` | ORT threw |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows
      .map((r) =>
        [
          r.dtype,
          r.graph,
          r.cases,
          r.values,
          r.meanBits.toFixed(2),
          r.maxBits.toFixed(2),
          percent(r.correctlyRounded),
          percent(r.withinLevel),
          r.rejected,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
}

function probeCase(p: JudgedProbe): string {
  const c = p.probe.case as { dtype?: string; input?: unknown; target?: unknown; profile?: string; loss?: string };
  const loss = c.loss === 'negative_log_likelihood' ? 'NLL, ' : '';
  return `${loss}${c.dtype ?? 'float64'}, ${c.profile ?? 'torch'}: x=${JSON.stringify(c.input)}, t=${JSON.stringify(c.target)}`;
}

export function probeTable(rows: readonly JudgedProbe[]): string[] {
  return [
    '| topic | implementation | case | ORT | profile says | verdict |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (p) =>
        `| ${p.probe.topic} | ${p.probe.variant} | ${cell(probeCase(p))} | ${cell(p.outcome)} | ${p.probe.expected} | ${p.verdict} |`,
    ),
  ];
}

/** Per clause the probes pin: how many conform, and every departure with what ORT did. */
export function departureTable(rows: readonly JudgedProbe[]): string[] {
  const clauses = [...new Set(rows.flatMap((p) => p.clauses))].sort();
  const lines = clauses.map((clause) => {
    const pinned = rows.filter((p) => p.clauses.includes(clause) && p.verdict !== 'not run');
    const departing = pinned.filter((p) => p.verdict === 'departs');
    const what = departing.map((p) => `${p.probe.topic} (${p.probe.variant}): ${p.outcome}`).join('; ');
    return `| ${clause} | ${pinned.length - departing.length} | ${departing.length} | ${cell(what || '—')} |`;
  });
  return [
    '| clause | probes conforming | departing | where ORT departs: what it does |',
    '|---|---|---|---|',
    ...lines,
  ];
}

/** float16 over the whole sample: how its float32 computation lands against DT-3's expected values. */
export function float16Summary(rows: readonly ErrorRow[]): string {
  const f16 = rows.filter((r) => r.dtype === 'float16');
  const values = f16.reduce((n, r) => n + r.values, 0);
  const weighted = (f: (r: ErrorRow) => number) => f16.reduce((a, r) => a + f(r) * r.values, 0) / (values || 1);
  return `over the ${values} float16 values of the sample, ${percent(weighted((r) => r.correctlyRounded))} are correctly rounded and ${percent(weighted((r) => r.withinLevel))} are within \`stable\``;
}

/** onnxruntime-web against onnxruntime-node, per graph and dtype. */
export function runtimeTable(rows: readonly RuntimeRow[]): string[] {
  return [
    '| dtype | graph | cases | values | identical | max ULPs apart | accepted by one only |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.dtype} | ${r.graph} | ${r.cases} | ${r.values} | ${percent(r.values ? r.identical / r.values : 1)} | ${r.maxUlps} | ${r.outcomeDiffers} |`,
    ),
  ];
}

/** The case of each largest difference, to replay with `losscheck eval --impl ort` and `--impl ort-web`. */
export function runtimeWorstCases(rows: readonly RuntimeRow[]): string[] {
  return rows
    .filter((r) => r.worst !== undefined)
    .map((r) => `- ${r.dtype}, ${r.graph} (${r.maxUlps} ULPs): \`${r.worst}\``);
}
