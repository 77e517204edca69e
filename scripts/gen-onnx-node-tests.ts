/**
 * Writes directories in the layout of onnx's generated node tests for SoftmaxCrossEntropyLoss and
 * NegativeLogLikelihoodLoss (test_sce_*, test_sce_*_expanded, test_nllloss_*), with losscheck's
 * own seeded data (src/oracles/onnx/nodeTestGenerate.ts).
 *
 *   npx tsx scripts/gen-onnx-node-tests.ts OUT_DIR [SEED]
 */
import { writeNodeTests } from '../src/oracles/onnx/nodeTestGenerate.js';

const [outDir, seed = '0'] = process.argv.slice(2);
if (outDir === undefined || !/^\d+$/.test(seed)) {
  process.stderr.write('usage: npx tsx scripts/gen-onnx-node-tests.ts OUT_DIR [SEED]\n');
  process.exit(2);
}
const dirs = await writeNodeTests(outDir, Number(seed));
process.stdout.write(`wrote ${dirs.length} directories under ${outDir}\n`);
