/**
 * Regenerates spec/findings/onnxruntime.md from real ONNX Runtime runs (onnxruntime-node, and
 * onnxruntime-web compared with it value by value), judged against the certified reference (MPFR engine).
 *
 *   npx tsx scripts/ort-findings.ts [OUT_FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import ort from 'onnxruntime-node';
import { resolveImplementation } from '../src/adapters/registry.js';
import { errorDistribution } from '../src/oracles/onnx/findings/errorDistribution.js';
import { invarianceRun } from '../src/oracles/onnx/findings/invariance.js';
import { findingsMarkdown } from '../src/oracles/onnx/findings/report.js';
import { judgeProbes } from '../src/oracles/onnx/findings/probeVerdicts.js';
import { dtypeAcceptance, executedOperators, runProbes } from '../src/oracles/onnx/findings/probes.js';
import { compareRuntimes } from '../src/oracles/onnx/findings/runtimeComparison.js';
import { NODE_RUNTIME } from '../src/oracles/onnx/nodeRuntime.js';
import { WEB_RUNTIME } from '../src/oracles/onnx/webRuntime.js';
import { createMpfrEngine } from '../src/reference/mpfrEngine.js';

/** The error sample: fixed, so that the document changes only when ORT or the graphs do. */
const SAMPLE = { seed: 20261128, perGraph: 200 };
const INVARIANCE = { seed: 20261128, runs: 100 };

const out = process.argv[2] ?? 'spec/findings/onnxruntime.md';
const float16Sce = {
  kind: 'sce',
  opset: 13,
  path: 'operator',
  dtype: 'float16',
  rank: 2,
  reduction: 'mean',
  ignoreIndex: 1,
  weighted: true,
  logProb: true,
} as const;
const engine = await createMpfrEngine();
const invariance = [];
for (const name of ['ort', 'ort-web']) {
  const impl = await resolveImplementation(name);
  invariance.push(await invarianceRun(impl, engine, INVARIANCE));
  await impl.close?.();
}
const markdown = findingsMarkdown({
  ortVersion: ort.env.versions.common,
  acceptance: await dtypeAcceptance(),
  probes: judgeProbes(await runProbes(), engine),
  float16Operators: await executedOperators(float16Sce),
  errors: await errorDistribution(engine, SAMPLE.seed, SAMPLE.perGraph),
  sample: SAMPLE,
  web: {
    description: WEB_RUNTIME.description,
    rows: await compareRuntimes([NODE_RUNTIME, WEB_RUNTIME], SAMPLE.seed, SAMPLE.perGraph),
  },
  invariance: { sample: INVARIANCE, reports: invariance },
});
engine.dispose();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, markdown);
process.stdout.write(`wrote ${out}\n`);
