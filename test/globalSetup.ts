/**
 * Tests run the CLI as users do, from the built dist/ (`npm test` builds first). When a single
 * test file is run on its own after an edit, dist/ is rebuilt here if any source is newer. Each
 * run also has a directory for the runs several files share (__helpers__/sharedMatrix.ts),
 * removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILT_CLI } from './__helpers__/cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedRuns: string;
  }
}

const SOURCES = ['src', 'properties', 'fixtures/cases', 'package.json'];

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function buildWhenStale(): void {
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= Math.max(...SOURCES.map(newestSource))) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}

export default function setup(project: TestProject): () => void {
  buildWhenStale();
  const shared = mkdtempSync(join(tmpdir(), 'losscheck-shared-'));
  project.provide('sharedRuns', shared);
  return () => rmSync(shared, { recursive: true, force: true });
}
