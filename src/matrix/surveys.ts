/**
 * What the matrix (`npm start`, CLI-6) surveys: each implementation under the profile it follows,
 * peers with the manifest of their known deviations (CHK-4), PyTorch when python3 can import it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ProfileName } from '../case/types.js';
import { packageFile } from '../version.js';

export interface Survey {
  /** IMPL (CLI-1). */
  readonly impl: string;
  readonly profile: ProfileName;
  /** A manifest shipped with losscheck (examples/), for a peer whose deviations are known. */
  readonly manifest?: string;
}

/** The adapter that plugs PyTorch in, run by a python3 that imports torch. */
const TORCH_ADAPTER = 'examples/adapters/torch_adapter.py';
const TORCH_MANIFEST = 'examples/adapters/torch-1.13.manifest.json';

/** The built-ins and the JavaScript peers, in the order the matrix prints them. */
export const MATRIX_SURVEYS: readonly Survey[] = [
  { impl: 'naive', profile: 'torch' },
  { impl: 'fused', profile: 'torch' },
  { impl: 'accurate', profile: 'torch' },
  { impl: 'ort', profile: 'onnx', manifest: 'examples/manifests/onnxruntime.json' },
  { impl: 'ort-web', profile: 'onnx', manifest: 'examples/manifests/onnxruntime.json' },
  { impl: 'tfjs', profile: 'tfjs', manifest: 'examples/manifests/tfjs.json' },
  { impl: 'tfjs-wasm', profile: 'tfjs', manifest: 'examples/manifests/tfjs.json' },
];

/** The profile an IMPL is surveyed under when named with --impl: its own where it has one. */
export function surveyOf(impl: string): Survey {
  return MATRIX_SURVEYS.find((s) => s.impl === impl) ?? { impl, profile: 'torch' };
}

/** The first python3 that imports torch: the one on PATH, or Debian's (python3-torch installs there). */
export function torchPython(): string | undefined {
  const imports = (python: string) =>
    spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
  return ['python3', '/usr/bin/python3'].find(imports);
}

/** PyTorch's survey, or the line that says how to add it. */
export function torchSurvey(): Survey | string {
  const python = torchPython();
  if (python === undefined)
    return 'PyTorch: not surveyed, python3 cannot import torch (install it, e.g. apt-get install python3-torch, and run again)';
  const manifest = existsSync(packageFile(TORCH_MANIFEST)) ? TORCH_MANIFEST : undefined;
  return { impl: `cmd:${python} '${packageFile(TORCH_ADAPTER)}'`, profile: 'torch', ...(manifest && { manifest }) };
}
