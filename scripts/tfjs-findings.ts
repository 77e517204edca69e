/**
 * Regenerates spec/findings/tfjs.md from real TF.js runs (CPU and WebAssembly backends), judged
 * against the certified reference (MPFR engine) under the tfjs profile.
 *
 *   npx tsx scripts/tfjs-findings.ts [OUT_FILE]      (npm run findings:tfjs)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createMpfrEngine } from '../src/reference/mpfrEngine.js';
import { log1pTiny, oneHotFloat32 } from '../src/oracles/tfjs/findings/apiProbes.js';
import { checkSummary } from '../src/oracles/tfjs/findings/checkSummary.js';
import { tfjsFindingsMarkdown } from '../src/oracles/tfjs/findings/report.js';
import { compareBackends, offsetSweep, runTfjsProbes } from '../src/oracles/tfjs/findings/runs.js';
import { TFJS_NAMES } from '../src/oracles/tfjs/names.js';
import { tfjsImplementation } from '../src/oracles/tfjs/tfjs.js';

/** Fixed seeds and sizes, so that the document changes only when TF.js or losscheck does. */
const CHECK = { seed: 20261128, runs: 100 };
const SAMPLE = { seed: 20261128, perLoss: 200 };

const out = process.argv[2] ?? 'spec/findings/tfjs.md';
const engine = await createMpfrEngine();
const impls = await Promise.all(TFJS_NAMES.map((name) => tfjsImplementation(name)));
const { version_core: version } = await import('@tensorflow/tfjs-core');
const checks = [];
for (const impl of impls) checks.push(await checkSummary(impl, engine, CHECK.seed, CHECK.runs));
const markdown = tfjsFindingsMarkdown({
  version,
  backends: impls.map((i) => i.name),
  checks,
  probes: await runTfjsProbes(impls, engine),
  offsets: await offsetSweep(impls[0]!, engine, [0, 4, 8, 12, 16, 20, 22, 24, 28]),
  backendRows: await compareBackends([impls[0]!, impls[1]!], SAMPLE.seed, SAMPLE.perLoss),
  backendSample: SAMPLE,
  oneHot: await Promise.all(TFJS_NAMES.map(oneHotFloat32)),
  log1p: await Promise.all(TFJS_NAMES.map(log1pTiny)),
});
engine.dispose();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, markdown);
process.stdout.write(`wrote ${out}\n`);
