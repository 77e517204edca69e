import { describe, expect, it } from 'vitest';
import { CoefficientBuilder } from '../../src/losses/coefficients.js';
import { accurateKernels } from '../../src/losses/accurate.js';
import { fromScaled } from '../../src/numeric/scaled.js';
import { matchesNotes } from '../../src/verdict/tolerances.js';
import { softmaxJson, valid } from '../__helpers__/cases.js';

const kernels = accurateKernels();

describe('CoefficientBuilder', () => {
  it('should smooth [1, 0, 0] with ε = 0.1 into [0.9333, 0.0333, 0.0333] (LS-4, TOL-5)', () => {
    const c = valid(softmaxJson({ shape: [1, 3], input: [0, 0, 0], target: [0], labelSmoothing: 0.1 }));
    const terms = new CoefficientBuilder(c, kernels).at(0);
    if (typeof terms === 'string') throw new Error('expected coefficients');
    const given = [0.9333, 0.0333, 0.0333];
    terms.a.map(fromScaled).forEach((a, j) => expect(matchesNotes(a, given[j]!), `${a} vs ${given[j]}`).toBe(true));
    expect(terms.only).toBe(-1);
  });

  it('should give the target mass 1 − ε + ε/K, never ε/(K − 1) (LS-1)', () => {
    const c = valid(softmaxJson({ shape: [1, 4], input: [0, 0, 0, 0], target: [2], labelSmoothing: 0.5 }));
    const terms = new CoefficientBuilder(c, kernels).at(0);
    if (typeof terms === 'string') throw new Error('expected coefficients');
    expect(terms.a.map(fromScaled)).toEqual([0.125, 0.125, 0.625, 0.125]);
    expect(fromScaled(terms.mass)).toBe(1);
  });

  it('should weight every class term with its own weight (LS-2)', () => {
    const c = valid(softmaxJson({ shape: [1, 2], input: [0, 0], target: [0], weight: [2, 4], labelSmoothing: 0.5 }));
    const terms = new CoefficientBuilder(c, kernels).at(0);
    if (typeof terms === 'string') throw new Error('expected coefficients');
    expect(terms.a.map(fromScaled)).toEqual([2 * 0.75, 4 * 0.25]);
  });

  it('should keep only the target term without smoothing (CE-3.3, PRO-15) and every term under tfjs', () => {
    const torch = valid(softmaxJson({ target: [1, 2], weight: [1, 3, 5] }));
    expect(new CoefficientBuilder(torch, kernels).at(0)).toMatchObject({ only: 1, mass: { m: 0.75, e: 2 } });
    const tfjs = valid(softmaxJson({ target: [1, 2], profile: 'tfjs' }));
    expect(new CoefficientBuilder(tfjs, kernels).at(0)).toMatchObject({
      only: -1,
      mass: { m: 0.5, e: 1 },
      unitMass: true,
    });
  });

  it('should mark ignored positions and optax NaN labels (IGN-1, PRO-3)', () => {
    expect(new CoefficientBuilder(valid(softmaxJson({ target: [-100, 0] })), kernels).at(0)).toBe('ignored');
    expect(new CoefficientBuilder(valid(softmaxJson({ target: [9, 0], profile: 'optax' })), kernels).at(0)).toBe('nan');
  });
});
