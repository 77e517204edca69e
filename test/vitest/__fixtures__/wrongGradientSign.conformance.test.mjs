// A deliberately broken plug-in for the vitest integration's meta-test: the example's softmax
// cross-entropy with the gradient's sign flipped, a common bug (issue 4). Its suite must fail.
import { conformanceSuite } from 'losscheck/vitest';
import logsumexp from '../../../examples/modules/logsumexp.mjs';

const wrongSign = {
  name: 'wrong-gradient-sign',
  supports: (c) => logsumexp.supports(c),
  evaluate: (c) => {
    const values = logsumexp.evaluate(c);
    return { ...values, grad: values.grad?.map((g) => -g) };
  },
};

conformanceSuite(wrongSign, { losses: ['softmax_cross_entropy'], dtypes: ['float32'], runs: 20 });
