/**
 * Regenerates spec/findings/onnxruntime.md from real ONNX Runtime runs.
 *
 *   npx tsx scripts/ort-findings.ts [OUT_FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import ort from 'onnxruntime-node';
import { findingsMarkdown } from '../src/oracles/onnx/findingsReport.js';
import { dtypeAcceptance, executedOperators, runProbes } from '../src/oracles/onnx/probes.js';

const out = process.argv[2] ?? 'spec/findings/onnxruntime.md';
const float16Sce = { kind: 'sce', opset: 13, path: 'operator', dtype: 'float16', rank: 2, reduction: 'mean', ignoreIndex: 1, weighted: true, logProb: true } as const;
const markdown = findingsMarkdown({
  ortVersion: ort.env.versions.common,
  acceptance: await dtypeAcceptance(),
  probes: await runProbes(),
  float16Operators: await executedOperators(float16Sce),
});
await mkdir(dirname(out), { recursive: true });
await writeFile(out, markdown);
process.stdout.write(`wrote ${out}\n`);
