import { describe, expect, it } from 'vitest';
import { commandImplementation, splitCommand } from '../../src/adapters/command.js';
import { UsageError } from '../../src/case/errors.js';
import { runDecodedCase } from '../../src/adapters/runCase.js';
import { decoded, softmaxJson } from '../__helpers__/cases.js';

const FIXTURE = 'test/adapters/__fixtures__/lines.mjs';
const good = decoded(softmaxJson({ id: 'good' }));
const bad = decoded(softmaxJson({ id: 'bad' }));

async function sequence(mode: string, timeoutMs = 10_000) {
  const impl = commandImplementation(`node ${FIXTURE} ${mode}`, timeoutMs);
  try {
    return [await runDecodedCase(impl, good), await runDecodedCase(impl, bad), await runDecodedCase(impl, good)];
  } finally {
    await impl.close?.();
  }
}

describe('splitCommand (FMT-5.2)', () => {
  it('should split like a POSIX shell, quotes included', () => {
    expect(splitCommand(`python3 -c 'print("a b")' "x y" z\\ w`)).toEqual([
      'python3',
      '-c',
      'print("a b")',
      'x y',
      'z w',
    ]);
  });

  it('should refuse shell syntax instead of running a shell', () => {
    expect(() => splitCommand('node a.js | tee log')).toThrow(UsageError);
    expect(() => splitCommand('   ')).toThrow(UsageError);
  });
});

describe('commandImplementation (FMT-5.2)', () => {
  it('should exchange one JSON line per case, in order, decoding FMT-1 numbers', async () => {
    const [first] = await sequence('ok');
    expect(first).toMatchObject({ id: 'good' });
    expect(Array.from((first as { loss: Float64Array }).loss)).toEqual([6, NaN]);
  });

  it('should report a crash for that case and restart for the next', async () => {
    const [, crashed, after] = await sequence('crash');
    expect(crashed).toMatchObject({ id: 'bad', error: expect.stringContaining('exited (code 3)') });
    expect(after).toMatchObject({ id: 'good' });
  });

  it('should time out a hang, and restart', async () => {
    const [, hung, after] = await sequence('hang', 1000);
    expect(hung).toMatchObject({ error: expect.stringContaining('no answer within 1 s') });
    expect(after).toMatchObject({ id: 'good', loss: expect.anything() });
  });

  it('should name the line of garbage output and of a result for another case', async () => {
    const [, garbage, after] = await sequence('garbage');
    expect(garbage).toMatchObject({ error: expect.stringMatching(/line 2 of cmd:.* is not JSON: this is not json/) });
    expect(after).toMatchObject({ id: 'good', loss: expect.anything() });
    const [, wrong] = await sequence('wrong-id');
    expect(wrong).toMatchObject({ error: expect.stringContaining('is not the result of case "bad"') });
  });

  it('should pass on refusals and rejections', async () => {
    expect((await sequence('unsupported'))[1]).toEqual({ id: 'bad', unsupported: 'not today' });
    expect((await sequence('error'))[1]).toEqual({ id: 'bad', error: 'rejected by the plug-in' });
  });

  it('should say a command that cannot start is a setup error', async () => {
    const impl = commandImplementation('/nonexistent/program');
    await expect(runDecodedCase(impl, good)).rejects.toThrow(UsageError);
  });
});
