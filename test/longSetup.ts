/**
 * `npm run test:long`: one reference cache (spec/formats.md#CLI-9) for every `check` process of
 * the sweep — the processes at one seed draw the same rows of 262144 and 131072 classes, which
 * the reference certifies once instead of once per implementation — removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    referenceCache: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-reference-'));
  project.provide('referenceCache', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
