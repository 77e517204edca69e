import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImplementationFault } from '../../src/case/errors.js';
import { decodeResult, parseResultLine } from '../../src/case/result.js';
import { onlyTyped } from '../__helpers__/fuzz.js';

/** The kind of fault `f` throws, or 'none'. */
function faultOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ImplementationFault) return e.kind;
    throw e;
  }
  return 'none';
}

describe('parseResultLine and decodeResult (FMT-3, FMT-5.3)', () => {
  it('should read values, rejections and refusals, numbers in FMT-1 form', () => {
    expect(parseResultLine('{"id":"a","loss":["-0"],"grad":[1,"NaN"]}', 'a')).toEqual({
      id: 'a',
      loss: Float64Array.of(-0),
      grad: Float64Array.of(1, NaN),
      logProb: undefined,
    });
    expect(decodeResult({ id: 'a', error: 'bad label' }, 'a')).toEqual({ id: 'a', error: 'bad label' });
    expect(decodeResult({ id: 7, unsupported: 'no' }, '7')).toEqual({ id: '7', unsupported: 'no' });
  });

  it('should name the kind of what is not a result', () => {
    expect(faultOf(() => parseResultLine('Traceback (most recent call last):', 'a'))).toBe('not-json');
    expect(faultOf(() => parseResultLine('{"id":"b","loss":[1]}', 'a'))).toBe('wrong-id');
    expect(faultOf(() => parseResultLine('[1, 2]', 'a'))).toBe('missing-field');
    expect(faultOf(() => parseResultLine('{"id":"a","los":[1]}', 'a'))).toBe('missing-field');
    expect(faultOf(() => parseResultLine('{"id":"a","loss":1}', 'a'))).toBe('not-a-number');
    expect(faultOf(() => parseResultLine('{"id":"a","loss":["1e3"]}', 'a'))).toBe('not-a-number');
  });

  it('should return a result or throw an ImplementationFault whatever the line (CLI-3)', () => {
    const result = fc.record(
      { id: fc.constantFrom('a', 'b', 1), loss: fc.jsonValue(), grad: fc.jsonValue(), error: fc.jsonValue() },
      { requiredKeys: [] },
    );
    const line = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      result.map((r) => JSON.stringify(r)),
    );
    fc.assert(fc.property(line, (text) => onlyTyped(() => parseResultLine(text, 'a'), [ImplementationFault])));
  });
});
