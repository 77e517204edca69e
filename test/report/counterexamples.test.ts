import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusEntry } from '../../src/check/corpus.js';
import { expectations } from '../../src/check/expectations.js';
import { withImplementation } from '../../src/commands/options.js';
import { replayEntry } from '../../src/commands/replay.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { counterexampleDir, counterexampleName, replayCommand } from '../../src/report/counterexamples.js';
import type { CheckReport } from '../../src/report/types.js';
import { BUILT_CLI, losscheck } from '../__helpers__/cli.js';
import { TEST_SEED } from '../setup.js';

/** A line run by `sh -c`, as when pasted into a shell. */
function pasted(line: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string }> {
  const child = spawn('sh', ['-c', line], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout: Buffer.concat(out).toString() })));
}

/**
 * A directory to put first on PATH, whose `npx losscheck` runs the built CLI as npx does where the
 * package is installed. Not the real npx: in this clone, on a machine whose npx cache lacks it,
 * npx installs the clone into its cache and runs its `prepare` (a rebuild of dist/ under the
 * other test files' feet). test/install/pack.long.test.ts runs the real npx on the packed package.
 */
function npxOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'losscheck-bin-'));
  const shim = join(bin, 'npx');
  writeFileSync(
    shim,
    `#!/bin/sh\n[ "$1" = losscheck ] || exit 127\nshift\nexec "${process.execPath}" "${resolve(BUILT_CLI)}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return bin;
}

/** `check --impl IMPL` (naive unless named) on one loss and dtype, writing its JSON report into a new directory. */
function naiveRun(loss: string, dtype: string, families: string, level = 'stable', impl = 'naive') {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-reproduce-'));
  const json = join(dir, 'report.json');
  const run = losscheck([
    ...['check', '--impl', impl, '--seed', String(TEST_SEED), '--loss', loss, '--level', level],
    ...['--dtype', dtype, '--family', families, '--workers', '1', '--json', json],
  ]);
  expect(run.status).toBe(1);
  return { dir, run, report: JSON.parse(readFileSync(json, 'utf8')) as CheckReport };
}

/** Each line pasted into a shell whose `npx losscheck` is the built CLI. */
function pasteAll(lines: readonly string[]): Promise<{ status: number | null; stdout: string }[]> {
  const shimmed = { ...process.env, PATH: `${npxOnPath()}:${process.env.PATH}` };
  return Promise.all(lines.map((line) => pasted(line, shimmed)));
}

const engine = await createReferenceEngine();
afterAll(() => engine.dispose());

/** What `replay` judges for a saved counterexample, in this process (the CLI's path without its start-up). */
function replayed(file: string, impl: string, level: 'stable' | 'accurate'): Promise<string | undefined> {
  return withImplementation(impl, {}, async (resolved) => {
    const outcome = await replayEntry(readCorpusEntry(file), {
      impl: resolved,
      level,
      expect: expectations({ engine }),
    });
    return outcome.judgement.status === 'fail' ? outcome.judgement.message : outcome.judgement.status;
  });
}

/**
 * The first failure of each family and kind (spec, agreement, invariants, badInputs, …): a pasted
 * line costs a process, and the lines of one family differ only in the file they name.
 */
function onePerFamily<T extends { check: string; kind?: string }>(failures: readonly T[]): T[] {
  const byFamily = new Map(failures.map((f) => [`${f.check.split('/')[0]} ${f.kind}`, f] as const).reverse());
  return [...byFamily.values()];
}

type Failure = { check: string; kind?: string; message?: string; reproduce?: string };

/** Every failure's saved file, replayed in this process, fails with the failure's message. */
async function expectReplayed(
  failures: readonly Failure[],
  file: (check: string) => string,
  impl: string,
  level: 'stable' | 'accurate',
) {
  for (const f of failures) expect(await replayed(file(f.check), impl, level)).toBe(f.message);
}

/** One line per family and kind, pasted into a shell, reproduces its failure. */
async function expectPasted(failures: readonly Failure[]): Promise<void> {
  const chosen = onePerFamily(failures);
  const replays = await pasteAll(chosen.map((f) => f.reproduce!));
  replays.forEach((replay, i) =>
    expect([replay.status, replay.stdout]).toEqual([1, expect.stringContaining(`\nFAIL: ${chosen[i]!.message}\n`)]),
  );
}

describe('counterexample files and reproduce commands (REP-8)', () => {
  it('should save counterexamples beside the HTML report, else beside the JSON report', () => {
    expect(counterexampleDir({ json: 'out/r.json', html: 'pages' })).toBe(join('pages', 'counterexamples'));
    expect(counterexampleDir({ json: 'out/r.json' })).toBe(join('out', 'counterexamples'));
    expect(counterexampleDir({})).toBeUndefined();
    expect(counterexampleName('invariants/shift/softmax_cross_entropy/float32/torch')).toBe(
      'invariants_shift_softmax_cross_entropy_float32_torch.json',
    );
    expect(replayCommand('a b/c.json', { implementation: 'cmd:python3 x.py', level: 'stable' })).toBe(
      "npx losscheck replay 'a b/c.json' --impl 'cmd:python3 x.py' --level stable",
    );
  });

  it('should give every failure a saved case and one command that reproduces it, pasted into a shell', async () => {
    const { dir, run, report } = naiveRun('softmax_cross_entropy', 'float32', 'spec,agreement,invariants');
    const failed = report.results.filter((r) => r.status === 'fail');
    expect(failed.length).toBeGreaterThan(2);
    for (const r of failed) {
      expect(r.reproduce).toMatch(/^npx losscheck replay /);
      expect(existsSync(join(dir, 'counterexamples', counterexampleName(r.check)))).toBe(true);
      expect(run.stdout).toContain(`replay: ${r.reproduce}`);
    }
    await expectReplayed(failed, (check) => join(dir, 'counterexamples', counterexampleName(check)), 'naive', 'stable');
    await expectPasted(failed);
  });

  it("should reproduce a plug-in's rejection of a valid case and acceptance of a bad one, its --impl as given (REP-7, REP-8)", async () => {
    // A module: plug-in names itself (report.implementation): the replay line must pass its path.
    const kinds = ['label-clamped', 'negative-smoothing-rejected'].map((bug) => {
      const impl = `module:test/properties/bugged/${bug}.mjs`;
      const { dir, report } = naiveRun('softmax_cross_entropy', 'float32', 'spec,badInputs', 'stable', impl);
      return { impl, dir, failed: report.results.filter((r) => r.status === 'fail') };
    });
    const failed = kinds.flatMap((k) => k.failed);
    expect(new Set(failed.map((r) => r.kind))).toEqual(new Set(['accepted-invalid', 'rejected-valid']));
    for (const { impl, dir, failed } of kinds)
      await expectReplayed(failed, (check) => join(dir, 'counterexamples', counterexampleName(check)), impl, 'stable');
    await expectPasted(failed);
  });

  it("should save each failure's worst counterexample beside its minimal, with a command that reproduces it (REP-10)", async () => {
    // naive's BCE with logits in float64 fails beyond the accurate level, a value (agreement) and
    // a relation (invariants/symmetry: the worst keeps the relation's input): the search improves on both.
    const { dir, run, report } = naiveRun(
      'binary_cross_entropy_with_logits',
      'float64',
      'agreement,invariants',
      'accurate',
    );
    const worst = report.results.filter((r) => r.worst !== undefined).map((r) => ({ check: r.check, ...r.worst! }));
    expect(worst.some((w) => w.check.startsWith('agreement/') && w.input === undefined)).toBe(true);
    expect(worst.some((w) => w.check.startsWith('invariants/') && w.input !== undefined)).toBe(true);
    for (const w of worst) {
      expect(existsSync(join(dir, 'counterexamples', counterexampleName(`${w.check}-worst`)))).toBe(true);
      expect(run.stdout).toContain(`replay worst: ${w.reproduce}`);
    }
    const file = (check: string) => join(dir, 'counterexamples', counterexampleName(`${check}-worst`));
    await expectReplayed(worst, file, 'naive', 'accurate');
    await expectPasted(worst);
  });
});
