// losscheck inside your own vitest suite (spec/formats.md#CHK-8): one test per conformance check,
// judged against the certified reference exactly as `losscheck check` judges it. Put a file like
// this among your tests and run `npx vitest run`.
//
// The implementation is the object a `module:` plug-in default-exports (FMT-5.1). This one
// computes in float64 whatever the dtype, so float32 and narrower have headroom; in float64 its
// plain sum of per-position losses overflows when logits come near the largest double while the
// exact mean stays below it (`losscheck hunt --impl module:examples/modules/logsumexp.mjs --loss
// softmax_cross_entropy --dtype float64 --seed 2` finds such a case).
import { conformanceSuite } from 'losscheck/vitest';
import logsumexp from '../modules/logsumexp.mjs';

conformanceSuite(logsumexp, {
  losses: ['softmax_cross_entropy'],
  dtypes: ['float32', 'float16', 'bfloat16'],
  runs: 20,
});
