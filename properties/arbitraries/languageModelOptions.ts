/**
 * The options of the losses language models train with (spec/losses.md#ZL-1, CAP-1): a z-loss
 * coefficient and a logit soft-cap, each often absent, at the values real configurations use
 * (PaLM's and OLMo's 1e-4, Gemma 2's cap of 30) and anywhere in between.
 */
import fc from 'fast-check';

export interface LanguageModelOptions {
  readonly zLoss?: number;
  readonly logitSoftcap?: number;
}

export interface LanguageModelOptionsConstraints {
  /** Whether a z-loss may come (not with class weights: ZL-5). @defaultValue true */
  readonly zLoss?: boolean;
  /** @defaultValue true */
  readonly softcap?: boolean;
}

const zLoss = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(1e-4, 1e-2, 1) },
  { weight: 1, arbitrary: fc.double({ min: 2 ** -20, max: 2, noNaN: true }) },
);

const softcap = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(30, 50, 1) },
  { weight: 1, arbitrary: fc.double({ min: 0.25, max: 64, noNaN: true }) },
);

/** Each option present one time in four: most cases stay plain, every run meets some. */
const sometimes = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

export function languageModelOptions(
  constraints: LanguageModelOptionsConstraints = {},
): fc.Arbitrary<LanguageModelOptions> {
  return fc
    .record({
      zLoss: constraints.zLoss === false ? fc.constant(undefined) : sometimes(zLoss),
      logitSoftcap: constraints.softcap === false ? fc.constant(undefined) : sometimes(softcap),
    })
    .map((o) => ({
      ...(o.zLoss !== undefined && { zLoss: o.zLoss }),
      ...(o.logitSoftcap !== undefined && { logitSoftcap: o.logitSoftcap }),
    }));
}
