import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImplementationFault } from '../../src/case/errors.js';
import { checkLengths, decodeResult, parseResultLine } from '../../src/case/result.js';
import { bceJson, decoded, softmaxJson } from '../__helpers__/cases.js';
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

describe('checkLengths (FMT-3, FMT-5.3)', () => {
  const sce = decoded(softmaxJson({ outputs: ['loss', 'grad', 'logProb'] }));
  const values = (loss: number, grad: number) => ({ loss: new Float64Array(loss), grad: new Float64Array(grad) });

  it('should want one loss under mean and sum, one per position under none, grad and logProb as the input', () => {
    expect(faultOf(() => checkLengths(sce, values(1, 6)))).toBe('none');
    expect(faultOf(() => checkLengths(sce, values(2, 6)))).toBe('wrong-length');
    expect(faultOf(() => checkLengths(sce, values(1, 5)))).toBe('wrong-length');
    const none = decoded(softmaxJson({ reduction: 'none' }));
    expect(faultOf(() => checkLengths(none, values(2, 0)))).toBe('none');
    expect(faultOf(() => checkLengths(decoded(bceJson({ reduction: 'none' })), values(3, 0)))).toBe('none');
  });

  it('should leave alone a case whose shape does not fit its input: rejecting it is the answer due', () => {
    expect(faultOf(() => checkLengths(decoded(softmaxJson({ shape: [2, 2] })), values(7, 0)))).toBe('none');
  });
});
