/**
 * Write the reports a check asks for (spec/formats.md#REP-1..4), each rendered from the JSON
 * report alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { CheckReport } from './types.js';

export interface ReportTargets {
  readonly json?: string | undefined;
  readonly junit?: string | undefined;
  readonly markdown?: string | undefined;
  /** A directory: the page is `report.html` in it. */
  readonly html?: string | undefined;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Write every report that has a target; returns the files written. */
export function writeReports(report: CheckReport, targets: ReportTargets): string[] {
  const renderers: [string | undefined, () => string][] = [
    [targets.json, () => `${JSON.stringify(report, null, 2)}\n`],
    [targets.junit, () => renderJunit(report)],
    [targets.markdown, () => renderMarkdown(report)],
    [targets.html && join(targets.html, 'report.html'), () => renderHtml(report)],
  ];
  const written: string[] = [];
  for (const [file, render] of renderers) {
    if (file === undefined) continue;
    write(file, render());
    written.push(file);
  }
  return written;
}
