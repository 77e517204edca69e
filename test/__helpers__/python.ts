/**
 * Debian's Python with PyTorch and mpmath (installed by .ci/run). Outside CI a missing module
 * skips the tests that need it, with the reason; in CI it fails them.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

export function pythonHas(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0;
}

/** True when tests needing `module` must be skipped (never in CI). */
export function skipWithout(module: string): boolean {
  if (pythonHas(module)) return false;
  if (process.env.CI)
    throw new Error(`${PYTHON} lacks ${module}: .ci/run installs python3-${module === 'torch' ? 'torch' : module}`);
  console.warn(`skipping: ${PYTHON} lacks ${module} (apt-get install python3-${module})`);
  return true;
}
