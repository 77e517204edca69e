/**
 * Writes fixtures/onnx/node: directories in the layout of onnx's generated node tests for
 * SoftmaxCrossEntropyLoss and NegativeLogLikelihoodLoss (test_sce_*, test_nllloss_*, each with its
 * _expanded twin), with losscheck's own seeded data (src/backendTests/nodeTests/generate.ts).
 * Deterministic: a rerun writes the same bytes (test/backendTests/nodeTests/generate.test.ts checks
 * the committed copy). OUT_DIR is replaced, so that a test dropped from the catalogue goes too.
 *
 *   npx tsx scripts/gen-onnx-node-tests.ts [OUT_DIR] [SEED]
 */
import { rm } from 'node:fs/promises';
import { writeNodeTests } from '../src/backendTests/nodeTests/generate.js';

const [outDir = 'fixtures/onnx/node', seed = '0'] = process.argv.slice(2);
if (!/^\d+$/.test(seed)) {
  process.stderr.write('usage: npx tsx scripts/gen-onnx-node-tests.ts [OUT_DIR] [SEED]\n');
  process.exit(2);
}
await rm(outDir, { recursive: true, force: true });
const dirs = await writeNodeTests(outDir, Number(seed));
process.stdout.write(`wrote ${dirs.length} directories under ${outDir}\n`);
