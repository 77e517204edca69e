/**
 * `losscheck manifest --from REPORT.json` (spec/formats.md#CHK-4.2): a starting manifest of known
 * deviations from a check report's failures.
 */
import type { Command } from 'commander';
import { UsageError } from '../case/errors.js';
import { startingManifest } from '../check/startingManifest.js';
import type { CheckReport } from '../report/types.js';
import { checkWritable, writeWhole } from '../report/write.js';
import { readReport } from './merge.js';

export interface ManifestCommandOptions {
  readonly from: string;
  readonly out?: string | undefined;
  readonly expires?: string | undefined;
}

/** Returns the exit code: 0 written. */
export function manifestCommand(o: ManifestCommandOptions): number {
  if (o.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.expires))
    throw new UsageError(`--expires takes a date YYYY-MM-DD, got "${o.expires}" (CHK-4.2)`);
  if (o.out !== undefined) checkWritable(o.out);
  const report = readReport(o.from, 'manifest --from').report as Partial<CheckReport> | null;
  if (report?.tool !== 'losscheck' || !Array.isArray(report.results))
    throw new UsageError(`manifest --from: ${o.from} is not a losscheck check report (REP-1)`);
  const manifest = startingManifest(report as CheckReport, o.expires);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (o.out === undefined) process.stdout.write(text);
  else writeWhole(o.out, text);
  const n = manifest.deviations.length;
  process.stderr.write(`${n} entr${n === 1 ? 'y' : 'ies'} from ${o.from}: give each a reason (CHK-4)\n`);
  return 0;
}

export function registerManifest(cli: Command): void {
  cli
    .command('manifest')
    .description("write a starting manifest of known deviations from a check report's failures")
    .requiredOption('--from <REPORT>', 'the JSON report of a check run (check --json)')
    .option('--out <FILE>', 'write the manifest to FILE (default: stdout)')
    .option('--expires <YYYY-MM-DD>', 'the date every entry expires')
    .action((o: ManifestCommandOptions) => {
      process.exitCode = manifestCommand(o);
    });
}
