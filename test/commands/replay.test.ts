import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../properties/suite.js';
import { ImplementationFault } from '../../src/case/errors.js';
import { DTYPES, LOSSES, PROFILES } from '../../src/case/types.js';
import { builtIn } from '../../src/losses/builtins.js';
import { createMpfrEngine } from '../../src/reference/mpfrEngine.js';
import { selectChecks } from '../../src/check/plan.js';
import { readCorpusEntry } from '../../src/check/corpus.js';
import { expectations } from '../../src/check/expectations.js';
import { formatReplay, namedCheck, replayEntry } from '../../src/commands/replay.js';
import { softmaxJson } from '../__helpers__/cases.js';
import { losscheck } from '../__helpers__/cli.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

/** exp(100) overflows float32: naive's softmax-then-log gives an infinite loss and a NaN gradient. */
const overflowing = softmaxJson({
  id: 'overflow',
  dtype: 'float32',
  shape: [1, 2],
  input: [100, 0],
  target: [1],
  outputs: ['loss', 'grad'],
});

function corpusFile(check: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'losscheck-replay-')), 'entry.json');
  writeFileSync(file, JSON.stringify({ check, case: overflowing, seed: 1, path: '0', message: 'found before' }));
  return file;
}

const ctx = (name: 'naive' | 'accurate') => ({
  impl: builtIn(name),
  level: 'stable' as const,
  expect: expectations({ engine }),
});

describe('replay (CHK-2)', () => {
  it("should judge a saved counterexample through the check it names, and show both sides' values", async () => {
    const entry = readCorpusEntry(corpusFile('agreement/softmax_cross_entropy/float32/torch'));
    const outcome = await replayEntry(entry, ctx('naive'));
    expect(outcome.check?.id).toBe(entry.check);
    expect(outcome.judgement).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('NaN where the exact value is finite'),
    });
    const text = formatReplay(entry, outcome, 'naive', 'stable');
    expect(text).toMatch(/^loss {5}naive {5}\["Infinity"\]\n {9}reference \[100\]$/m);
    expect(text).toMatch(/^FAIL: grad\[0\] = NaN, expected 1/m);
    expect((await replayEntry(entry, ctx('accurate'))).judgement.status).toBe('pass');
  });

  it('should judge by agreement with the reference when this version has no check by that name', async () => {
    expect(namedCheck('agreement/softmax_cross_entropy/float32/torch')?.family).toBe('agreement');
    const entry = readCorpusEntry(corpusFile('retired/check'));
    const outcome = await replayEntry(entry, ctx('naive'));
    expect(outcome.check).toBeUndefined();
    expect(outcome.judgement.status).toBe('fail');
    expect(formatReplay(entry, outcome, 'naive', 'stable')).toContain(
      'judged by agreement with the reference (no check retired/check in this version)',
    );
  });

  it("should judge by agreement when the named check's input is more than the case the file keeps", async () => {
    const json = overflowing;
    const compound = selectChecks(Object.keys(FAMILIES), { losses: LOSSES, dtypes: DTYPES, profiles: PROFILES }).find(
      (c) => c.caseOf(json) !== json,
    )!;
    const entry = readCorpusEntry(corpusFile(compound.id));
    const outcome = await replayEntry(entry, ctx('naive'));
    expect([outcome.check, outcome.judgement.status]).toEqual([undefined, 'fail']);
    expect(formatReplay(entry, outcome, 'naive', 'stable')).toContain(
      `(the input of ${compound.id} is more than the case the file keeps)`,
    );
  });

  it('should exit 1 when the case fails, 0 when it passes, 2 for a file that is not a counterexample (CLI-2)', () => {
    const file = corpusFile('agreement/softmax_cross_entropy/float32/torch');
    const failing = losscheck(['replay', file, '--impl', 'naive']);
    expect([failing.status, failing.stdout]).toEqual([1, expect.stringContaining('FAIL: grad[0] = NaN')]);
    expect(losscheck(['replay', file, '--impl', 'accurate', '--level', 'accurate']).status).toBe(0);
    const bad = losscheck(['replay', join(tmpdir(), 'losscheck-missing.json'), '--impl', 'naive']);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      expect.stringMatching(/^losscheck: .*losscheck-missing\.json: not a counterexample file/),
    ]);
  });

  it('should fail a case the implementation gives no answer to, saying what happened (FMT-5.3)', async () => {
    const entry = readCorpusEntry(corpusFile('agreement/softmax_cross_entropy/float32/torch'));
    const crashing = {
      ...ctx('naive'),
      impl: {
        name: 'crashes',
        evaluate: () => {
          throw new ImplementationFault('crash', 'cmd:adapter exited with code 3 before answering');
        },
      },
    };
    const outcome = await replayEntry(entry, crashing);
    expect(outcome.judgement).toEqual({
      status: 'fail',
      kind: 'fault',
      message: 'cmd:adapter exited with code 3 before answering',
    });
    const text = formatReplay(entry, outcome, 'cmd:adapter', 'stable');
    expect(text).toContain('cmd:adapter: no result (crash)');
    expect(text).toContain('FAIL: cmd:adapter exited with code 3 before answering');
  });
});
