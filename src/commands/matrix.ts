/**
 * The main job (`npm start`, DESIGN; CLI-6): the built-ins, ONNX Runtime (native and web), TF.js
 * (CPU and WebAssembly) and PyTorch where python3 has it, each through the conformance run under
 * the profile it follows and with the manifest of its known deviations; a matrix of verdicts per
 * loss and dtype, and a report per implementation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPL_FORMS, resolveImplementation } from '../adapters/registry.js';
import { UsageError } from '../case/errors.js';
import { DTYPES, LOSSES } from '../case/types.js';
import { loadManifest } from '../check/manifest.js';
import { runCheck } from '../check/run.js';
import { DEFAULT_WORST_BUDGET } from '../check/worst.js';
import { invarianceLines, matrixLines } from '../matrix/table.js';
import { MATRIX_SURVEYS, surveyOf, torchSurvey, type Survey } from '../matrix/surveys.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import type { CheckReport } from '../report/types.js';
import { saveCounterexamples } from '../report/counterexamples.js';
import { renderIndex } from '../report/indexPage.js';
import { checkWritable, writeReports, writeWhole } from '../report/write.js';
import { packageFile, VERSION } from '../version.js';
import { DEFAULT_FAMILIES } from '../../properties/suite.js';
import { INTERRUPTED_EXIT, interruptible } from './lifetime.js';
import { pattern, positiveInteger, referenceCacheOption, workersOption } from './options.js';
import { DEFAULT_LEVEL } from '../verdict/levels.js';
import { checkProgress } from './progress.js';

export { MATRIX_SURVEYS } from '../matrix/surveys.js';

export interface MatrixOptions {
  readonly out: string;
  /** IMPL forms (CLI-1); MATRIX_SURVEYS and PyTorch when absent. */
  readonly impl?: readonly string[];
  readonly runs: number;
  readonly seed: number;
  /** Threads each implementation's checks are spread over (CHK-10); 1: this thread. */
  readonly workers: number;
  /** Survey only the checks whose id matches (CLI-6): a quicker survey (each report's plan digest differs). */
  readonly only?: RegExp | undefined;
  /** Where the reference's outcomes of large cases are kept (CLI-9); a directory of the run's own when absent. */
  readonly referenceCache?: string | undefined;
  readonly print?: (line: string) => void;
  /** Ends the survey early (CLI-8): the implementation being checked reports what it found. */
  readonly signal?: AbortSignal;
}

/** An implementation's name as a file name: a plug-in's name may hold any character. */
const fileName = (name: string): string => name.replace(/[^\w.-]+/g, '_');

/** The default surveys: every entry of MATRIX_SURVEYS, and PyTorch or the line saying how to add it. */
function defaultSurveys(print: (line: string) => void): Survey[] {
  const torch = torchSurvey();
  if (typeof torch === 'string') print(torch);
  return [...MATRIX_SURVEYS, ...(typeof torch === 'string' ? [] : [torch])];
}

/** The conformance run and, apart, the invariance family (TOL-INV): two reports, one if interrupted before the second. */
async function survey(
  s: Survey,
  engine: ReferenceEngine | undefined,
  o: MatrixOptions & { referenceCache: string },
): Promise<{ report: CheckReport; invariance?: CheckReport }> {
  const impl = await resolveImplementation(s.impl, { signal: o.signal });
  try {
    const manifest = s.manifest ? loadManifest(packageFile(s.manifest), false, s.impl) : undefined;
    const scope = { losses: LOSSES, dtypes: DTYPES, profiles: [s.profile] };
    const options = {
      impl,
      engine,
      level: DEFAULT_LEVEL,
      scope,
      manifest,
      runs: o.runs,
      seed: o.seed,
      signal: o.signal,
      only: o.only,
      referenceCache: o.referenceCache,
    };
    const onResult = checkProgress(`matrix ${impl.name}`);
    const pool = { impl: s.impl, workers: o.workers };
    const worstBudget = DEFAULT_WORST_BUDGET;
    const run = await runCheck({ ...options, families: DEFAULT_FAMILIES, onResult, worstBudget, pool }, VERSION);
    const invariance = o.signal?.aborted
      ? undefined
      : await runCheck({ ...options, families: ['invariance'], onResult, pool }, VERSION);
    const file = fileName(impl.name);
    const targets = { json: join(o.out, `${file}.json`), html: join(o.out, file) };
    const report = saveCounterexamples(run, targets);
    await writeReports(report, targets);
    if (invariance) await writeReports(invariance, { json: join(o.out, `${file}.invariance.json`) });
    return { report, invariance };
  } finally {
    await impl.close?.();
  }
}

/** `job` with the cache in `dir`, or in a directory of its own, removed after it (CLI-9). */
async function withReferenceCache<T>(dir: string | undefined, job: (dir: string) => Promise<T>): Promise<T> {
  if (dir !== undefined) return job(dir);
  const own = mkdtempSync(join(tmpdir(), 'losscheck-reference-'));
  try {
    return await job(own);
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
}

/**
 * Each survey in turn, one reference cache for all: every implementation draws the same cases at
 * one seed, so the largest are certified once (CLI-9).
 */
async function surveyEach(
  surveys: readonly Survey[],
  o: MatrixOptions & { referenceCache: string },
  print: (line: string) => void,
) {
  // With a pool, each worker makes its own engine (CHK-10).
  const engine = o.workers > 1 ? undefined : await createReferenceEngine();
  const reports: CheckReport[] = [];
  const invariance: CheckReport[] = [];
  try {
    for (const s of surveys) {
      if (o.signal?.aborted) break;
      try {
        const surveyed = await survey(s, engine, o);
        const { report } = surveyed;
        reports.push(report);
        if (surveyed.invariance) invariance.push(surveyed.invariance);
        const manifest = s.manifest ? `, manifest ${s.manifest}` : '';
        print(
          `checked ${report.implementation} (profile ${s.profile}${manifest}): ${report.verdict} in ${report.seconds.toFixed(1)} s`,
        );
      } catch (e) {
        // A default peer whose optional package is not installed is left out, saying so (CLI-PEER).
        if (o.impl || !(e instanceof UsageError)) throw e;
        print(`${s.impl}: not surveyed, ${e.message}`);
      }
    }
  } finally {
    engine?.dispose();
  }
  return { reports, invariance };
}

/** Run every survey; returns 0 (the job is a survey: failures are findings, not errors), 130 when interrupted. */
export async function runMatrix(o: MatrixOptions): Promise<number> {
  const print = o.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = performance.now();
  const surveys = o.impl ? o.impl.map(surveyOf) : defaultSurveys(print);
  checkWritable(join(o.out, 'report.json'));
  print(
    `losscheck matrix: seed ${o.seed}, ${o.runs} runs per property (CHK-2: --seed ${o.seed} --runs ${o.runs} repeats it)`,
  );
  const { reports, invariance } = await withReferenceCache(o.referenceCache, (referenceCache) =>
    surveyEach(surveys, { ...o, referenceCache }, print),
  );
  matrixLines(reports).forEach(print);
  print('');
  print('batch invariance and determinism (TOL-INV), apart from the verdicts above:');
  invarianceLines(invariance).forEach(print);
  print(
    `reports: ${o.out}/<implementation>.json, ${o.out}/<implementation>.invariance.json and ${o.out}/<implementation>/report.html`,
  );
  print(`matrix done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // REP-9: the page that links them all, its path last, for a reader to open.
  const index = join(o.out, 'index.html');
  const entries = reports.map((report) => ({ report, href: `${fileName(report.implementation)}/report.html` }));
  writeWhole(index, await renderIndex(entries, `Seed ${o.seed}, ${o.runs} runs per property, level stable.`));
  print(`open ${resolve(index)}`);
  return o.signal?.aborted ? INTERRUPTED_EXIT : 0;
}

export function registerMatrix(cli: Command): void {
  cli
    .command('matrix')
    .description(
      'the main job: the built-ins, ONNX Runtime, TF.js and PyTorch through the conformance run, as a matrix (CLI-6)',
    )
    .option('--out <DIR>', 'where the reports go', 'losscheck-report')
    .option(
      '--impl <IMPL...>',
      `implementations to survey instead of ${MATRIX_SURVEYS.map((s) => s.impl).join(' ')} and PyTorch (${IMPL_FORMS})`,
    )
    .addOption(
      new Option('--runs <N>', 'generated cases per property').default(20).argParser(positiveInteger('--runs')),
    )
    .addOption(
      new Option('--seed <N>', 'seed of every property').default(20261128).argParser(positiveInteger('--seed')),
    )
    .addOption(workersOption())
    .addOption(referenceCacheOption())
    .addOption(
      new Option(
        '--only <REGEX>',
        "survey only the checks whose id matches (e.g. '^(?!stress/(bigRow|bigVocab)/)')",
      ).argParser(pattern('--only')),
    )
    .action(async (o: Omit<MatrixOptions, 'print' | 'signal'>) => {
      process.exitCode = await interruptible((signal) => runMatrix({ ...o, signal }));
    });
}
