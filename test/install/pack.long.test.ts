/**
 * Installs anywhere npm does (issue 8, item 6; spec/formats.md#CLI-PEER): the packed tarball
 * installs into a new project from the npm registry alone (the local cache first), without the
 * optional peers, and a conformance test and `npx losscheck check` run there.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const project = mkdtempSync(join(tmpdir(), 'losscheck-install-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const ourPackage = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  overrides?: Record<string, string>;
};
const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

function run(command: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: project,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, CI: '' },
  });
}

const output = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

/** The conformance test a user writes: the shipped example plug-in, through losscheck/vitest (CHK-8). */
const CONFORMANCE_TEST = `import { conformanceSuite } from 'losscheck/vitest';
import impl from './logsumexp.mjs';

conformanceSuite(impl, { losses: ['softmax_cross_entropy'], dtypes: ['float64', 'float32'], runs: 5, seed: 1 });
`;

let install: SpawnSyncReturns<string>;

beforeAll(() => {
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(pack.status, output(pack)).toBe(0);
  const tarball = join(project, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  // The project's own pins (vite) hold in the new project too: the registry lacks what they avoid.
  const manifest = { name: 'uses-losscheck', private: true, type: 'module', overrides: ourPackage.overrides };
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  install = run('npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    tarball,
    `vitest@${installedVersion('vitest')}`,
  ]);
  expect(install.status, output(install)).toBe(0);
  copyFileSync(join(project, 'node_modules/losscheck/examples/modules/logsumexp.mjs'), join(project, 'logsumexp.mjs'));
}, 900_000);

describe('the packed package in a new project', () => {
  it('should install without the optional peers, and without npm warning about its configuration', () => {
    expect(install.stderr).not.toMatch(/Unknown (project|user|env) config/);
    const installed = run('npm', ['ls', '--json', '--depth', '0']);
    const dependencies = (JSON.parse(installed.stdout) as { dependencies: Record<string, unknown> }).dependencies;
    expect(Object.keys(dependencies).sort()).toEqual(['losscheck', 'vitest']);
    const peers = ['onnxruntime-node', 'onnxruntime-web', '@tensorflow/tfjs-core'];
    for (const peer of peers) expect(run('node', ['-e', `require.resolve('${peer}')`]).status, peer).not.toBe(0);
  });

  it('should run a losscheck/vitest conformance test there', () => {
    writeFileSync(join(project, 'logsumexp.conformance.test.mjs'), CONFORMANCE_TEST);
    const vitest = run('npx', ['vitest', 'run', '--reporter=json', '--outputFile=results.json']);
    expect(vitest.status, output(vitest)).toBe(0);
    const results = JSON.parse(readFileSync(join(project, 'results.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThan(10);
  });

  it('should run npx losscheck check there, and say which package to install for --impl ort (exit 2)', () => {
    const check = run('npx', [
      'losscheck',
      'check',
      ...['--impl', 'module:logsumexp.mjs', '--loss', 'softmax_cross_entropy', '--dtype', 'float64'],
      ...['--runs', '5', '--seed', '1'],
    ]);
    expect(check.status, output(check)).toBe(0);
    expect(check.stdout).toMatch(/^verdict: conformant/m);
    const ort = run('npx', ['losscheck', 'check', '--impl', 'ort']);
    expect([ort.status, ort.stderr.trim()]).toEqual([
      2,
      expect.stringContaining(
        '--impl ort needs onnxruntime-node, an optional peer dependency that is not installed: npm install onnxruntime-node@',
      ),
    ]);
    expect(ort.stderr.trim().split('\n')).toHaveLength(1);
  });
});
