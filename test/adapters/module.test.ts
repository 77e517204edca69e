import { describe, expect, it } from 'vitest';
import { loadModuleImplementation } from '../../src/adapters/module.js';
import { UsageError } from '../../src/case/errors.js';
import { runDecodedCase } from '../../src/adapters/runCase.js';
import { bceJson, decoded, softmaxJson } from '../__helpers__/cases.js';
import { run } from '../__helpers__/run.js';
import { expectWithinAccurateBound } from '../__helpers__/bounds.js';

const EXAMPLE = 'examples/modules/logsumexp.mjs';

describe('loadModuleImplementation (FMT-5.1)', () => {
  it('should evaluate through the default export, values as Float64Array', async () => {
    const impl = await loadModuleImplementation(EXAMPLE);
    const json = softmaxJson({ weight: [1, 2, 3], labelSmoothing: 0.1, outputs: ['loss', 'grad'] });
    const result = await runDecodedCase(impl, decoded(json));
    if (!('loss' in result)) throw new Error(JSON.stringify(result));
    expect(result.loss).toBeInstanceOf(Float64Array);
    // The example computes in float64 the ordinary way: within a few ULPs of `accurate`.
    expectWithinAccurateBound(result.loss[0]!, run('accurate', json).loss[0]!, {
      loss: 'softmax_cross_entropy',
      underflow: 5,
    });
  });

  it('should turn supports() answers into refusals and throws into rejections', async () => {
    const impl = await loadModuleImplementation(EXAMPLE);
    expect(await runDecodedCase(impl, decoded(bceJson()))).toEqual({
      id: 'bce',
      unsupported: 'binary_cross_entropy is not implemented',
    });
    expect(await runDecodedCase(impl, decoded(softmaxJson({ target: [0, 5] })))).toEqual({
      id: 'sce',
      error: 'Target 5 is out of bounds.',
    });
  });

  it('should refuse a module without { name, evaluate } as a setup error', async () => {
    await expect(loadModuleImplementation('test/__helpers__/cases.ts')).rejects.toThrow(UsageError);
    await expect(loadModuleImplementation('no/such/module.mjs')).rejects.toThrow(/could not be loaded/);
  });
});
