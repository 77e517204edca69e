/**
 * Tests run the CLI as users do, from the built dist/ (`npm test` builds first). When a single
 * test file is run on its own after an edit, dist/ is rebuilt here if any source is newer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CLI } from './__helpers__/cli.js';

const SOURCES = ['src', 'properties', 'fixtures/cases', 'package.json'];

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export default function setup(): void {
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= Math.max(...SOURCES.map(newestSource))) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
