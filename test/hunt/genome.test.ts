import { describe, expect, it } from 'vitest';
import { layout, toGenome } from '../../src/hunt/genome.js';
import { bcelJson, softmaxJson } from '../__helpers__/cases.js';

describe('the hunt’s layout of a case (CHK-7.2)', () => {
  it('should give a binary case one position per element, or per row of the last axis under keras (PRO-18)', () => {
    const grid = { shape: [2, 3], input: [0, 1, 2, 3, 4, 5], target: [0, 1, 0, 1, 0, 1] };
    const elements = layout(toGenome(bcelJson(grid)));
    expect([elements.positions, elements.classes, elements.at(4, 0)]).toEqual([6, 1, 4]);
    const rows = layout(toGenome(bcelJson({ ...grid, profile: 'keras' })));
    expect([rows.positions, rows.classes, rows.at(1, 2)]).toEqual([2, 3, 5]);
  });

  it('should find class j of position i on the class axis (CE-1.1)', () => {
    const l = layout(toGenome(softmaxJson({ shape: [1, 2, 2], input: [0, 1, 2, 3], target: [0, 1] })));
    expect([l.positions, l.classes, l.at(1, 1)]).toEqual([2, 2, 3]);
  });
});
