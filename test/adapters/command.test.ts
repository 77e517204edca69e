import { describe, expect, it } from 'vitest';
import { commandImplementation, splitCommand } from '../../src/adapters/command.js';
import { ImplementationFault, InterruptedError, UsageError } from '../../src/case/errors.js';
import { runDecodedCase } from '../../src/adapters/runCase.js';
import { decoded, softmaxJson } from '../__helpers__/cases.js';

const FIXTURE = 'test/adapters/__fixtures__/lines.mjs';
const good = decoded(softmaxJson({ id: 'good' }));
const bad = decoded(softmaxJson({ id: 'bad' }));

/** good, bad, good through the fixture in `mode`: what the bad case gave, and whether the run went on. */
async function sequence(mode: string, timeoutMs = 10_000) {
  const impl = commandImplementation(`node ${FIXTURE} ${mode}`, { timeoutMs });
  const settle = (c: typeof good) => runDecodedCase(impl, c).catch((e: unknown) => e);
  try {
    return [await settle(good), await settle(bad), await settle(good)];
  } finally {
    await impl.close?.();
  }
}

const fault = (kind: string, message: RegExp | string) =>
  expect.objectContaining({ name: 'ImplementationFault', kind, message: expect.stringMatching(message) });

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

describe('commandImplementation (FMT-5.2, FMT-5.3)', () => {
  it('should exchange one JSON line per case, decoding FMT-1 numbers', async () => {
    const [first] = await sequence('ok');
    expect(first).toMatchObject({ id: 'good' });
    expect(Array.from((first as { loss: Float64Array }).loss)).toEqual([NaN]);
  });

  it('should report a crash with its exit code and the end of its stderr, and restart for the next case', async () => {
    const [, crashed, after] = await sequence('crash');
    expect(crashed).toEqual(fault('crash', /exited with code 3 before answering .*RuntimeError: out of memory/));
    expect((crashed as ImplementationFault).case).toMatchObject({ id: 'bad', loss: 'softmax_cross_entropy' });
    expect(after).toMatchObject({ id: 'good', loss: expect.anything() });
  });

  it('should time out a hang, and restart', async () => {
    const [, hung, after] = await sequence('hang', 1000);
    expect(hung).toEqual(fault('timeout', 'gave no answer within 1 s'));
    expect(after).toMatchObject({ id: 'good', loss: expect.anything() });
  });

  it('should name the line of output that is not a result, and its kind', async () => {
    const [, garbage, after] = await sequence('garbage');
    expect(garbage).toEqual(fault('not-json', /^line 2 of cmd:.*'s output: not JSON: this is not json/));
    expect(after).toMatchObject({ id: 'good', loss: expect.anything() });
    expect((await sequence('wrong-id'))[1]).toEqual(fault('wrong-id', 'the result of case "bad" has id "other"'));
    expect((await sequence('missing-field'))[1]).toEqual(fault('missing-field', 'the result has no "loss"'));
  });

  it('should pass on refusals and rejections', async () => {
    expect((await sequence('unsupported'))[1]).toEqual({ id: 'bad', unsupported: 'not today' });
    expect((await sequence('error'))[1]).toEqual({ id: 'bad', error: 'rejected by the plug-in' });
  });

  it('should say a command that cannot start is a setup error', async () => {
    const impl = commandImplementation('/nonexistent/program');
    await expect(runDecodedCase(impl, good)).rejects.toThrow(UsageError);
  });

  it('should stop the process when the run is interrupted (CLI-8)', async () => {
    const controller = new AbortController();
    const impl = commandImplementation(`node ${FIXTURE} hang`, { timeoutMs: 60_000, signal: controller.signal });
    await runDecodedCase(impl, good);
    const pending = runDecodedCase(impl, bad);
    controller.abort();
    await expect(pending).rejects.toThrow(InterruptedError);
    await expect(runDecodedCase(impl, good)).rejects.toThrow(InterruptedError);
  });
});
