import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCase, decodeNumber, encodeCase, encodeNumber } from '../../src/case/decode.js';
import { LossInputError, UsageError } from '../../src/case/errors.js';
import { parseCaseLines } from '../../src/case/file.js';
import { validateCase } from '../../src/case/validate.js';
import { bceJson, bcelJson, softmaxJson } from '../__helpers__/cases.js';
import { onlyTyped } from '../__helpers__/fuzz.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LossInputError) return `${e.code} ${e.field} ${e.clause}`;
    throw e;
  }
  return undefined;
}

describe('decodeNumber (FMT-1)', () => {
  it('should read JSON numbers and the four special strings', () => {
    expect(decodeNumber(1.5, 'x')).toBe(1.5);
    expect(decodeNumber('NaN', 'x')).toBeNaN();
    expect(decodeNumber('Infinity', 'x')).toBe(Infinity);
    expect(decodeNumber('-Infinity', 'x')).toBe(-Infinity);
    expect(Object.is(decodeNumber('-0', 'x'), -0)).toBe(true);
  });

  it('should reject other strings, naming the field', () => {
    expect(codeOf(() => decodeNumber('1.5', 'input[2]'))).toBe('malformed input[2] FMT-1');
  });

  it('should encode what it decodes', () => {
    for (const v of [0, -0, 1e-320, NaN, Infinity, -Infinity, 3.5]) {
      expect(Object.is(decodeNumber(encodeNumber(v), 'x'), v)).toBe(true);
    }
  });
});

describe('decodeCase (FMT-1, DT-1)', () => {
  it('should fill the documented defaults', () => {
    const c = decodeCase(softmaxJson());
    expect(c).toMatchObject({
      dtype: 'float64',
      targetKind: 'index',
      labelSmoothing: 0,
      reduction: 'mean',
      profile: 'torch',
      outputs: ['loss'],
    });
    expect(c.ignoreIndex).toBeUndefined();
    expect(c.input).toBeInstanceOf(Float64Array);
    expect(decodeCase(bcelJson()).targetKind).toBe('probability');
  });

  it('should keep a numeric id as its decimal string', () => {
    expect(decodeCase(softmaxJson({ id: 7 })).id).toBe('7');
  });

  it('should reject an unknown field rather than ignore a typo (FMT-1.1)', () => {
    expect(codeOf(() => decodeCase(softmaxJson({ labelSmothing: 0.1 })))).toBe('unknown_field labelSmothing FMT-1.1');
  });

  it('should name unknown losses, dtypes, profiles and values', () => {
    expect(codeOf(() => decodeCase(softmaxJson({ loss: 'hinge' })))).toBe('unknown_loss loss FMT-1');
    expect(codeOf(() => decodeCase(softmaxJson({ dtype: 'float8' })))).toBe('unknown_dtype dtype FMT-1');
    expect(codeOf(() => decodeCase(softmaxJson({ profile: 'jax' })))).toBe('unknown_profile profile FMT-1');
    expect(codeOf(() => decodeCase(softmaxJson({ reduction: 'avg' })))).toBe('unknown_value reduction FMT-1');
    expect(codeOf(() => decodeCase(softmaxJson({ outputs: ['loss', 'hessian'] })))).toBe(
      'unknown_value outputs[1] FMT-1',
    );
  });

  it('should reject a shape that is not a list of non-negative integers (FMT-1.2)', () => {
    expect(codeOf(() => decodeCase(softmaxJson({ shape: [2, -3] })))).toBe('malformed shape FMT-1.2');
  });

  it('should round-trip through encodeCase with every default written out', () => {
    const c = decodeCase(softmaxJson({ input: [1, 'NaN', '-0', 0.5, -1, 'Infinity'], weight: [1, 2, 3] }));
    const again = decodeCase(JSON.parse(JSON.stringify(encodeCase(c))));
    expect(again).toEqual(c);
    expect(Object.is(again.input[2], -0)).toBe(true);
  });
});

describe('decodeCase and validateCase on any JSON (CLI-3: only typed errors)', () => {
  const FIELDS = [...Object.keys(softmaxJson()), 'dtype', 'weight', 'posWeight', 'ignoreIndex', 'reduction', 'outputs'];
  const anyCase = fc.oneof(
    fc.jsonValue(),
    fc
      .record({
        base: fc.constantFrom(softmaxJson(), bceJson(), bcelJson()),
        edits: fc.array(fc.tuple(fc.constantFrom(...FIELDS, 'extra'), fc.option(fc.jsonValue())), { maxLength: 3 }),
      })
      .map(({ base, edits }) => {
        const json: Record<string, unknown> = { ...base };
        for (const [field, value] of edits)
          if (value === null) delete json[field];
          else json[field] = value;
        return json;
      }),
  );

  it('should decode and validate a case, or say which field breaks which clause', () => {
    fc.assert(fc.property(anyCase, (raw) => onlyTyped(() => validateCase(decodeCase(raw)), [LossInputError])));
  });

  it('should read a case file, or name its first line that is not a JSON object', () => {
    const line = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    const file = fc.array(line, { maxLength: 5 }).map((lines) => lines.join('\n'));
    fc.assert(fc.property(file, (text) => onlyTyped(() => parseCaseLines(text, 'cases.jsonl'), [UsageError])));
  });
});
