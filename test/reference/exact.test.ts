import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { doubleAsFraction, exactDecimal, exactDecimalString, exactReal } from '../../src/reference/exact.js';

const MAX_DOUBLE_DIGITS =
  '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368';

describe('exactDecimalString (REF-2.1)', () => {
  it('should give the binary value of 0.1, not its shortest string', () => {
    expect(exactDecimalString(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimalString(-0.1)).toBe('-0.1000000000000000055511151231257827021181583404541015625');
  });

  it('should expand the smallest subnormal 2^-1074 to its 751 significant digits', () => {
    const text = exactDecimalString(2 ** -1074);
    const expected = (5n ** 1074n).toString();
    expect(text).toBe(`0.${expected.padStart(1074, '0')}`);
    expect(text.length).toBe(1076);
    expect(
      text.endsWith(
        '4940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359923797965646954457177309266567103559397963987747960107818781263007131903114045278458171678489821036887186360569987307230500063874091535649843873124733972731696151400317153853980741262385655911710266585566867681870395603106249319452715914924553293054565444011274801297099995419319894090804165633245247571478690147267801593552386115501348035264934720193790268107107491703332226844753335720832431936092382893458368060106011506169809753078342277318329247904982524730776375927247874656084778203734469699533647017972677717585125660551199131504891101451037862738167250955837389733598993664809941164205702637090279242767544565229087538682506419718265533447265625',
      ),
    ).toBe(true);
  });

  it('should print the largest double as its 309-digit integer', () => {
    expect(exactDecimalString(Number.MAX_VALUE)).toBe(MAX_DOUBLE_DIGITS);
  });

  it('should keep the sign of zero and name the non-finite values', () => {
    expect(exactDecimalString(-0)).toBe('-0');
    expect(exactDecimalString(0)).toBe('0');
    expect(exactDecimalString(NaN)).toBe('NaN');
    expect(exactDecimalString(-Infinity)).toBe('-Infinity');
  });

  it('should print integers and powers of two exactly', () => {
    expect(exactDecimalString(2 ** 60)).toBe('1152921504606846976');
    expect(exactDecimalString(0.5)).toBe('0.5');
    expect(exactDecimalString(-3)).toBe('-3');
    expect(exactDecimalString(2 ** -3)).toBe('0.125');
  });

  it('should round-trip through Number for every double (a necessary condition)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(exactDecimalString(x)), x)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('exactReal (REF-2.1, REF-2.2)', () => {
  it('should decompose normal, subnormal and zero doubles into an odd dyadic', () => {
    expect(exactReal(0.1)).toEqual({ negative: false, coefficient: 3602879701896397n, exponent: -55, radix: 2 });
    expect(exactReal(-(2 ** -1074))).toEqual({ negative: true, coefficient: 1n, exponent: -1074, radix: 2 });
    expect(exactReal(-0)).toEqual({ negative: true, coefficient: 0n, exponent: 0, radix: 2 });
    expect(exactReal(Number.MAX_VALUE)).toEqual({
      negative: false,
      coefficient: 2n ** 53n - 1n,
      exponent: 971,
      radix: 2,
    });
    expect(() => exactReal(Infinity)).toThrow(RangeError);
  });

  it('should give a fraction with a power-of-two denominator equal to the double', () => {
    expect(doubleAsFraction(0.75)).toEqual({ numerator: 3n, denominator: 4n });
    expect(doubleAsFraction(-(2 ** 70))).toEqual({ numerator: -(2n ** 70n), denominator: 1n });
  });
});

describe('exactDecimal (REF-2.1)', () => {
  it('should differ from new Decimal(x), which is the shortest string', () => {
    expect(new Decimal(0.1).toString()).toBe('0.1');
    expect(exactDecimal(0.1).eq(new Decimal(0.1))).toBe(false);
    expect(exactDecimal(0.1).toFixed()).toBe(exactDecimalString(0.1));
  });

  it('should stay exact in a low-precision constructor', () => {
    const low = Decimal.clone({ precision: 5 });
    const value = exactDecimal(2 ** -1074, low);
    expect(value.toFixed()).toBe(exactDecimalString(2 ** -1074));
    expect(value.neg().toFixed()).toBe(`-${exactDecimalString(2 ** -1074)}`);
  });
});
