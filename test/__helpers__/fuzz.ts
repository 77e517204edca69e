/**
 * Fuzzing losscheck's decoders (spec/formats.md#CLI-3): whatever the input, a decoder returns or
 * throws one of losscheck's typed errors, never a TypeError or RangeError from inside.
 */
import fc from 'fast-check';

type ErrorClass = abstract new (...args: never[]) => Error;

/** True when `decode` returns or throws one of `allowed`; any other error fails the property with itself. */
export function onlyTyped(decode: () => unknown, allowed: readonly ErrorClass[]): boolean {
  try {
    decode();
  } catch (e) {
    if (allowed.some((type) => e instanceof type)) return true;
    throw e;
  }
  return true;
}

/** A valid encoding damaged as files are: cut short, bytes overwritten, bytes inserted. */
export function damaged(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: Math.max(0, bytes.length - 1) });
  const cut = at.map((n) => bytes.slice(0, n));
  const overwritten = fc
    .array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((edits) => {
      const copy = bytes.slice();
      for (const [i, b] of edits) copy[i] = b;
      return copy;
    });
  const inserted = fc
    .tuple(at, fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([i, extra]) => Uint8Array.from([...bytes.slice(0, i), ...extra, ...bytes.slice(i)]));
  return fc.oneof(cut, overwritten, inserted);
}
