// Bug: gradient accumulation over micro-batches of two positions, each reduced by its own mean
// and the means averaged (huggingface/transformers PR 34191): the mean over the whole batch is
// Σℓ / D with the global D (RED-3), not the mean of per-chunk means.
import { ordinary, reduction } from '../plugins/ordinary.mjs';

const CHUNK = 2;

function chunkedMean(c, losses, terms, r) {
  if (c.reduction !== 'mean') return reduction(c, losses, terms, r);
  const chunks = Math.ceil(losses.length / CHUNK);
  const denominators = Array.from({ length: chunks }, (_, k) =>
    terms.slice(k * CHUNK, (k + 1) * CHUNK).reduce((s, v) => r(s + v), 0),
  );
  const means = denominators.map((D, k) =>
    r(losses.slice(k * CHUNK, (k + 1) * CHUNK).reduce((s, v) => r(s + v), 0) / D),
  );
  const loss = r(means.reduce((s, v) => r(s + v), 0) / chunks);
  return { loss: [loss], scaleGrad: (g, i) => r(g / r(denominators[Math.floor(i / CHUNK)] * chunks)) };
}

export default ordinary({ name: 'chunked-mean', parts: { reduction: chunkedMean } });
