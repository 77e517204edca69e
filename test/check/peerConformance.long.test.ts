/**
 * The peers declared conformant with their manifests stay so over 1000 runs and several seeds
 * (`npm run test:long`): TF.js (CPU and WebAssembly) under tfjs, ONNX Runtime (native and Web) under onnx,
 * `losscheck check` as a user runs it, each run a process of its own. A failure here is a
 * finding: fix it or add it to the manifest with its reason, never shrink the sweep.
 */
import { describe, expect, it } from 'vitest';
import { checkProcess } from '../properties/checkRuns.js';
import { longSeeds, TEST_SEED } from '../setup.js';

const RUNS = 1000;
const SEEDS = longSeeds(TEST_SEED);

const PEERS = [
  { impl: 'tfjs', profile: 'tfjs', manifest: 'examples/manifests/tfjs.json' },
  { impl: 'tfjs-wasm', profile: 'tfjs', manifest: 'examples/manifests/tfjs.json' },
  { impl: 'ort', profile: 'onnx', manifest: 'examples/manifests/onnxruntime.json' },
  { impl: 'ort-web', profile: 'onnx', manifest: 'examples/manifests/onnxruntime.json' },
] as const;

describe.concurrent(`the peers with their manifests, ${RUNS} runs`, () => {
  for (const peer of PEERS)
    for (const seed of SEEDS)
      it(`${peer.impl} under ${peer.profile} (seed ${seed})`, async () => {
        const run = await checkProcess(peer.impl, seed, [
          ...['--profile', peer.profile, '--runs', String(RUNS), '--manifest', peer.manifest],
        ]);
        expect(run.report?.verdict, run.stdout + run.stderr).toBe('conformant');
        expect(run.status).toBe(0);
        // What the user reads is losscheck's report: a peer's failing node (ORT's Gather of an
        // out-of-range label) is a result, not a line of the runtime's log (runtime.ts, runSession).
        expect(run.stdout + run.stderr).not.toMatch(/\[[EW]:onnxruntime/);
      });
});
