/**
 * The main job (`npm start`, DESIGN): every built-in implementation and ONNX Runtime through the
 * conformance run, a matrix of verdicts per loss and dtype, and a report per implementation.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPL_FORMS, resolveImplementation } from '../adapters/registry.js';
import { DTYPES, LOSSES, type ProfileName } from '../case/types.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { CheckReport } from '../report/types.js';
import { writeReports } from '../report/write.js';
import { DEFAULT_FAMILIES } from '../../properties/suite.js';
import { runCheck } from '../check/run.js';
import { positiveInteger } from './options.js';

export const MATRIX_IMPLEMENTATIONS = ['naive', 'fused', 'accurate', 'ort'] as const;

/** The profile each implementation is surveyed under: ONNX Runtime follows ONNX's; the rest PyTorch's. */
const SURVEY_PROFILE: Readonly<Record<string, ProfileName>> = { ort: 'onnx', 'ort-unstable': 'onnx' };

export interface MatrixOptions {
  readonly out: string;
  /** IMPL forms (CLI-1); MATRIX_IMPLEMENTATIONS when absent. */
  readonly impl?: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly print?: (line: string) => void;
}

/** ✓ every property of the cell passed, ✗ one failed, · nothing ran (unsupported, or no such case). */
function cell(report: CheckReport, loss: string, dtype: string): string {
  const results = report.results.filter((r) => r.check.includes(`/${loss}/${dtype}/`));
  const ran = results.filter((r) => r.status !== 'skip');
  if (ran.length === 0) return '·';
  return ran.some((r) => r.status === 'fail' || r.status === 'error') ? '✗' : '✓';
}

const SHORT: Readonly<Record<string, string>> = {
  softmax_cross_entropy: 'sce',
  binary_cross_entropy: 'bce',
  binary_cross_entropy_with_logits: 'bcel',
  negative_log_likelihood: 'nll',
  float64: 'f64',
  float32: 'f32',
  float16: 'f16',
  bfloat16: 'bf16',
};

function matrixLines(reports: readonly CheckReport[]): string[] {
  const columns = LOSSES.flatMap((loss) =>
    DTYPES.map((dtype) => ({ loss, dtype, label: `${SHORT[loss]}/${SHORT[dtype]}` })),
  );
  const header = `${'implementation'.padEnd(16)}${columns.map((c) => c.label.padEnd(10)).join('')}verdict`;
  const rows = reports.map(
    (r) =>
      `${r.implementation.padEnd(16)}${columns.map((c) => cell(r, c.loss, c.dtype).padEnd(10)).join('')}${r.verdict} (${r.summary.fail} failing)`,
  );
  return [header, ...rows];
}

/** An implementation's name as a file name: a plug-in's name may hold any character. */
const fileName = (name: string): string => name.replace(/[^\w.-]+/g, '_');

/** Run every implementation; returns 0 (the job is a survey: failures are findings, not errors). */
export async function runMatrix(options: MatrixOptions): Promise<number> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const engine = await createReferenceEngine();
  const reports: CheckReport[] = [];
  mkdirSync(options.out, { recursive: true });
  try {
    for (const spec of options.impl ?? MATRIX_IMPLEMENTATIONS) {
      const impl = await resolveImplementation(spec);
      try {
        const profile = SURVEY_PROFILE[spec] ?? 'torch';
        const scope = { losses: LOSSES, dtypes: DTYPES, profiles: [profile] };
        const report = await runCheck(
          { impl, engine, level: 'stable', scope, families: DEFAULT_FAMILIES, runs: options.runs, seed: options.seed },
          'matrix',
        );
        const file = fileName(impl.name);
        writeReports(report, { json: join(options.out, `${file}.json`), html: join(options.out, file) });
        reports.push(report);
        print(`checked ${impl.name} (profile ${profile}): ${report.verdict} in ${report.seconds.toFixed(1)} s`);
      } finally {
        await impl.close?.();
      }
    }
  } finally {
    engine.dispose();
  }
  matrixLines(reports).forEach(print);
  print(`reports: ${options.out}/<implementation>.json and ${options.out}/<implementation>/report.html`);
  return 0;
}

export function registerMatrix(cli: Command): void {
  cli
    .command('matrix')
    .description('the main job: every built-in and ONNX Runtime through the conformance run, as a matrix (CLI-6)')
    .option('--out <DIR>', 'where the reports go', 'reports')
    .option(
      '--impl <IMPL...>',
      `implementations to survey instead of ${MATRIX_IMPLEMENTATIONS.join(' ')} (${IMPL_FORMS})`,
    )
    .addOption(
      new Option('--runs <N>', 'generated cases per property').default(20).argParser(positiveInteger('--runs')),
    )
    .addOption(
      new Option('--seed <N>', 'seed of every property').default(20261128).argParser(positiveInteger('--seed')),
    )
    .action(async (o: { out: string; impl?: string[]; runs: number; seed: number }) => {
      process.exitCode = await runMatrix(o);
    });
}
