/**
 * Regenerates fixtures/golden/golden.jsonl from fixtures/cases/golden.ts with the certified
 * reference (decimal.js engine). `npm run fixtures`; CI checks the committed file is fresh.
 */
import { writeFileSync } from 'node:fs';
import { goldenLines } from '../fixtures/generate.js';
import { createDecimalEngine } from '../src/reference/decimalEngine.js';

const OUT = 'fixtures/golden/golden.jsonl';
const engine = createDecimalEngine();
try {
  const lines = goldenLines(engine);
  writeFileSync(OUT, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} golden cases to ${OUT}`);
} finally {
  engine.dispose();
}
