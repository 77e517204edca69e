/**
 * Regenerates spec/findings/tfjs.md from real TF.js runs (CPU and WebAssembly backends), judged
 * against the certified reference (MPFR engine) under the tfjs profile: the conformance runs of
 * test/check/peerConformance.long.test.ts with the manifest, then TF.js's own tables.
 *
 *   npx tsx scripts/tfjs-findings.ts [OUT_FILE]      (npm run findings:tfjs; a few minutes)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadManifest } from '../src/check/manifest.js';
import { peerFindings } from '../src/findings/peer.js';
import { createMpfrEngine } from '../src/reference/mpfrEngine.js';
import { log1pTiny, oneHotFloat32, sigmoidOverflow } from '../src/oracles/tfjs/findings/apiProbes.js';
import { tfjsFindingsMarkdown } from '../src/oracles/tfjs/findings/report.js';
import { compareBackends, offsetSweep, runTfjsProbes } from '../src/oracles/tfjs/findings/runs.js';
import { TFJS_NAMES } from '../src/oracles/tfjs/names.js';
import { tfjsImplementation } from '../src/oracles/tfjs/tfjs.js';

/** Fixed seeds and sizes, so that the document changes only when TF.js or losscheck does. */
const RUNS = { seeds: [20261128, 20261129, 20261130], runs: 1000 };
const SAMPLE = { seed: 20261128, perLoss: 200 };
const MANIFEST = 'examples/manifests/tfjs.json';

const out = process.argv[2] ?? 'spec/findings/tfjs.md';
const engine = await createMpfrEngine();
const impls = await Promise.all(TFJS_NAMES.map((name) => tfjsImplementation(name)));
const { version_core: version } = await import('@tensorflow/tfjs-core');
const { findings, answers } = await peerFindings({
  impls,
  engine,
  manifest: loadManifest(MANIFEST),
  scope: {
    losses: ['softmax_cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits'],
    dtypes: ['float32'],
    profiles: ['tfjs'],
  },
  ...RUNS,
  onReport: (r) =>
    process.stderr.write(`${r.implementation} seed ${r.seed}: ${r.verdict} in ${r.seconds.toFixed(0)} s\n`),
});
const markdown = tfjsFindingsMarkdown({
  version,
  backends: impls.map((i) => i.name),
  findings,
  manifest: MANIFEST,
  answers,
  probes: await runTfjsProbes(impls, engine),
  offsets: await offsetSweep(impls[0]!, engine, [0, 4, 8, 12, 16, 20, 22, 24, 28]),
  backendRows: await compareBackends([impls[0]!, impls[1]!], SAMPLE.seed, SAMPLE.perLoss),
  backendSample: SAMPLE,
  oneHot: await Promise.all(TFJS_NAMES.map(oneHotFloat32)),
  log1p: await Promise.all(TFJS_NAMES.map(log1pTiny)),
  sigmoidOverflow: await Promise.all(TFJS_NAMES.map(sigmoidOverflow)),
});
engine.dispose();
await mkdir(dirname(out), { recursive: true });
await writeFile(out, markdown);
process.stdout.write(`wrote ${out}\n`);
