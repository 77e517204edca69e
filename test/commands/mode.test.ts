/**
 * `check --mode gate|explore` (spec/formats.md#CI-1): the gate's fixed inputs and read-only
 * corpus, exploration's fresh seeds and many runs writing new counterexamples, and the gate
 * checking from then on what exploration found.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS } from '../../src/check/run.js';
import { DEFAULT_CORPUS, EXPLORE_RUNS, GATE_SEED, parseMode, runInputs } from '../../src/commands/mode.js';
import { losscheck } from '../__helpers__/cli.js';

describe('the modes’ defaults (CI-1)', () => {
  const clock = () => 2 ** 31 + 42;

  it('should give the gate a fixed seed and the committed corpus, never written', () => {
    expect(runInputs('gate', {}, clock)).toEqual({
      seed: GATE_SEED,
      runs: DEFAULT_RUNS,
      corpus: DEFAULT_CORPUS,
      saveTo: undefined,
    });
  });

  it('should give exploration a seed from the clock, more runs, and the corpus to write', () => {
    expect(runInputs('explore', {}, clock)).toEqual({
      seed: 42,
      runs: EXPLORE_RUNS,
      corpus: DEFAULT_CORPUS,
      saveTo: DEFAULT_CORPUS,
    });
  });

  it('should keep what is given, and CHK-1’s defaults without a mode', () => {
    expect(runInputs('gate', { seed: 9, runs: 3, corpus: 'c' }, clock)).toEqual({
      seed: 9,
      runs: 3,
      corpus: 'c',
      saveTo: undefined,
    });
    expect(runInputs(undefined, {}, clock)).toEqual({
      seed: 42,
      runs: DEFAULT_RUNS,
      corpus: undefined,
      saveTo: undefined,
    });
    expect(runInputs(undefined, { corpus: 'c' }, clock).saveTo).toBe('c');
  });

  it('should refuse another mode, naming the choices', () => {
    expect(() => parseMode('gated')).toThrow('--mode takes gate or explore, got "gated" (CI-1)');
  });
});

describe('exploration feeding the gate (CI-1)', () => {
  const scope = [
    '--impl',
    'naive',
    '--loss',
    'binary_cross_entropy',
    '--dtype',
    'float32',
    '--family',
    'agreement',
    '--workers',
    '1',
  ];
  const gate = (corpus: string) => losscheck(['check', ...scope, '--mode', 'gate', '--runs', '3', '--corpus', corpus]);

  it('should check in the gate what exploration wrote into the corpus, the gate writing nothing', () => {
    const corpus = join(mkdtempSync(join(tmpdir(), 'losscheck-modes-')), 'corpus');
    const before = gate(corpus);
    expect([before.status, before.stdout]).toEqual([0, expect.stringContaining('seed 0, 3 runs')]);

    const explore = losscheck(['check', ...scope, '--mode', 'explore', '--seed', '5', '--corpus', corpus]);
    expect([explore.status, explore.stdout]).toEqual([1, expect.stringContaining('seed 5, 200 runs')]);
    const found = readdirSync(corpus);
    expect(found).toHaveLength(1);
    expect(explore.stdout).toContain(
      `1 new counterexample(s) in ${corpus}; commit them and the gate checks them:\n  ${join(corpus, found[0]!)}`,
    );

    const after = gate(corpus);
    expect(after.status).toBe(1);
    expect(after.stdout).toContain('FAIL corpus/agreement/binary_cross_entropy/float32/torch');
    expect(readdirSync(corpus)).toEqual(found);
  }, 120_000);
});
