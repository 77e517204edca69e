import { describe, expect, it } from 'vitest';
import { loadModuleImplementation } from '../../src/adapters/module.js';
import { UsageError } from '../../src/case/errors.js';
import { runDecodedCase } from '../../src/adapters/runCase.js';
import { bceJson, decoded, softmaxJson } from '../__helpers__/cases.js';
import { run } from '../__helpers__/run.js';
import { analysedExpectation, expectWithinAccurateBound } from '../__helpers__/bounds.js';

const EXAMPLE = 'examples/modules/logsumexp.mjs';
const FIXTURES = 'test/adapters/__fixtures__';

describe('loadModuleImplementation (FMT-5.1)', () => {
  it('should evaluate through the default export, values as Float64Array', async () => {
    const impl = await loadModuleImplementation(EXAMPLE);
    try {
      const json = softmaxJson({ weight: [1, 2, 3], labelSmoothing: 0.1, outputs: ['loss', 'grad'] });
      const result = await runDecodedCase(impl, decoded(json));
      if (!('loss' in result)) throw new Error(JSON.stringify(result));
      expect(result.loss).toBeInstanceOf(Float64Array);
      // The example computes in float64 the ordinary way: within a few ULPs of `accurate`.
      expectWithinAccurateBound(result.loss[0]!, run('accurate', json).loss[0]!, analysedExpectation(json, 0));
    } finally {
      await impl.close?.();
    }
  });

  it('should turn supports() answers into refusals and throws into rejections', async () => {
    const impl = await loadModuleImplementation(EXAMPLE);
    try {
      expect(await runDecodedCase(impl, decoded(bceJson()))).toEqual({
        id: 'bce',
        unsupported: 'binary_cross_entropy is not implemented',
      });
      expect(await runDecodedCase(impl, decoded(softmaxJson({ target: [0, 5] })))).toEqual({
        id: 'sce',
        error: 'Target 5 is out of bounds.',
      });
    } finally {
      await impl.close?.();
    }
  });

  it('should refuse a module that is missing, throws on import or lacks { name, evaluate }, in one line (FMT-5.5)', async () => {
    await expect(loadModuleImplementation('test/__helpers__/cases.ts')).rejects.toThrow(/must default-export/);
    await expect(loadModuleImplementation('no/such/module.mjs')).rejects.toThrow(/no such file/);
    const broken = loadModuleImplementation(`${FIXTURES}/throwsOnImport.mjs`);
    await expect(broken).rejects.toThrow(UsageError);
    await expect(broken).rejects.toThrow(/could not be loaded: libloss.so: cannot open shared object file$/);
  });
});

describe('a module: plug-in in its own thread (FMT-5.3)', () => {
  it('should stop a case that loops forever, and load the module again for the next', async () => {
    const impl = await loadModuleImplementation(`${FIXTURES}/spin.mjs`, { timeoutMs: 500 });
    try {
      await expect(runDecodedCase(impl, decoded(softmaxJson({ id: 'bad' })))).rejects.toMatchObject({
        kind: 'timeout',
        message: expect.stringContaining('gave no answer within 0.5 s'),
      });
      expect(await runDecodedCase(impl, decoded(softmaxJson({ id: 'ok-next' })))).toMatchObject({ id: 'ok-next' });
    } finally {
      await impl.close?.();
    }
  });

  it('should say how a thread that died ended, and start it again for the next case', async () => {
    const impl = await loadModuleImplementation(`${FIXTURES}/exits.mjs`, { timeoutMs: 30_000 });
    const answer = (id: string) => runDecodedCase(impl, decoded(softmaxJson({ id }))).catch((e: unknown) => e);
    try {
      expect(await answer('bad')).toMatchObject({ kind: 'crash', message: /stopped \(exit code 3\) before answering/ });
      expect(await answer('ok')).toMatchObject({ id: 'ok' });
      expect(await answer('late')).toMatchObject({ kind: 'crash', message: /exit code 1: out of device memory/ });
      expect(await answer('ok')).toMatchObject({ id: 'ok' });
    } finally {
      await impl.close?.();
    }
  });

  it('should read array-likes, and name what is not a result', async () => {
    const impl = await loadModuleImplementation(`${FIXTURES}/results.mjs`);
    const answer = (id: string) => runDecodedCase(impl, decoded(softmaxJson({ id }))).catch((e: unknown) => e);
    try {
      expect(await answer('tensor')).toEqual({ id: 'tensor', loss: Float64Array.of(0.5) });
      expect(await answer('missing-field')).toMatchObject({ kind: 'missing-field' });
      expect(await answer('uncloneable')).toMatchObject({ kind: 'not-a-number', message: /cannot be read/ });
      expect(await answer('text')).toMatchObject({ kind: 'not-a-number', message: /loss\[0\]: expected a number/ });
    } finally {
      await impl.close?.();
    }
  });
});
