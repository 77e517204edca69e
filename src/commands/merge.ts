/**
 * `losscheck merge REPORT.json...` (spec/formats.md#MRG-1..3): the shard reports of one run into
 * the whole run's report, summary and verdict; exit 2, naming the shard, when they are not one
 * run's shards, each once.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../case/errors.js';
import { mergeReports, type ShardReport } from '../check/merge.js';
import type { CheckReport } from '../report/types.js';
import { checkReportTargets, type ReportTargets } from '../report/write.js';
import { publish } from './outcome.js';

/** A JSON report as read; a file that cannot be read or parsed is a usage error of `command`. */
export function readReport(file: string, command = 'merge'): ShardReport {
  try {
    return { file, report: JSON.parse(readFileSync(file, 'utf8')) as CheckReport };
  } catch (e) {
    throw new UsageError(`${command}: ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** `losscheck merge`; returns the exit code: 0 conformant, 1 nonconformant. */
export async function mergeCommand(files: readonly string[], targets: ReportTargets): Promise<number> {
  checkReportTargets(targets);
  const report = mergeReports(files.map((f) => readReport(f)));
  await publish(report, targets);
  return report.verdict === 'conformant' ? 0 : 1;
}

export function registerMerge(cli: Command): void {
  cli
    .command('merge')
    .description('merge the shard reports of one run (check --shard I/N --json) into its report and verdict')
    .argument('<REPORT...>', 'the JSON report of every shard')
    .option('--json <FILE>', 'write the merged JSON report')
    .option('--junit <FILE>', 'write a JUnit XML report')
    .option('--markdown <FILE>', 'write a Markdown report')
    .option('--html <DIR>', 'write DIR/report.html')
    .action(async (files: string[], o: ReportTargets) => {
      process.exitCode = await mergeCommand(files, o);
    });
}
