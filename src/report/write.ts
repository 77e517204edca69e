/**
 * Write the reports a check asks for (spec/formats.md#REP-1..4), each rendered from the JSON
 * report alone, and each file whole or not at all (CLI-8).
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from '../case/errors.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { fitMarkdown } from './stepSummary.js';
import type { CheckReport } from './types.js';

export interface ReportTargets {
  readonly json?: string | undefined;
  readonly junit?: string | undefined;
  readonly markdown?: string | undefined;
  /** A directory: the page is `report.html` in it. */
  readonly html?: string | undefined;
}

const reason = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** `mkdir -p` from the first ancestor that exists: Node's recursive mkdir never returns under /proc. */
function makeDirectory(dir: string): void {
  if (existsSync(dir)) return;
  makeDirectory(dirname(dir));
  mkdirSync(dir);
}

/**
 * Fail now, before a long run, when `file` could not be written later (CLI-2): its directory
 * made if need be and writable, and the file itself not a directory.
 */
export function checkWritable(file: string): void {
  const dir = dirname(file);
  try {
    makeDirectory(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${reason(e)} for ${dir}`);
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    // not there yet: it will be made
  }
  if (isDirectory) throw new UsageError(`cannot write ${file}: it is a directory`);
}

/**
 * Write a file whole or not at all: a temporary file renamed over it, so that a run interrupted or
 * crashing while it writes never leaves half a report (CLI-8).
 */
export function writeWhole(file: string, text: string): void {
  try {
    makeDirectory(dirname(file));
    writeFileAtomic.sync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${reason(e)}`);
  }
}

/** The files each target names, with how to render it. */
type Render = (report: CheckReport) => string | Promise<string>;

function reportFiles(targets: ReportTargets): [string, Render][] {
  const files: [string | undefined, Render][] = [
    [targets.json, (report) => `${JSON.stringify(report, null, 2)}\n`],
    [targets.junit, renderJunit],
    [targets.markdown, (report) => fitMarkdown(renderMarkdown(report))],
    [targets.html && join(targets.html, 'report.html'), renderHtml],
  ];
  return files.filter((f): f is [string, Render] => f[0] !== undefined);
}

/** Fail before the run when a report could not be written (CLI-2). */
export function checkReportTargets(targets: ReportTargets): void {
  for (const [file] of reportFiles(targets)) checkWritable(file);
}

/** Write every report that has a target; returns the files written. */
export async function writeReports(report: CheckReport, targets: ReportTargets): Promise<string[]> {
  const written: string[] = [];
  for (const [file, render] of reportFiles(targets)) {
    writeWhole(file, await render(report));
    written.push(file);
  }
  return written;
}
