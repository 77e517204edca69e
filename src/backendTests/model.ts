/**
 * A loss test that maps to no case (a model the importer cannot read as a loss node or body),
 * run by ORT as its own model and judged against its stored outputs under TOL-FW. There is no case, so there is no certified reference to measure against.
 */
import type { Dtype, LossValues } from '../case/types.js';
import { briefError, runBackendModel, type DecodedTensor } from '../oracles/onnx/index.js';
import type { BackendTest } from './layout.js';
import type { DirectoryResult } from './directory.js';
import { describeFailure, frameworkValues, worse, type StoredValue } from './values.js';

function floatDtype(t: DecodedTensor | undefined): Dtype | undefined {
  return t && t.dtype !== 'int32' && t.dtype !== 'int64' ? t.dtype : undefined;
}

export async function runOwnModel(test: BackendTest, path: string, unmapped: string): Promise<DirectoryResult> {
  const base = { path, name: test.name, via: 'model' as const, dataSets: test.dataSets.length };
  const dtype = floatDtype(test.dataSets[0]?.outputs[0]);
  if (dtype === undefined)
    return { ...base, status: 'skip', reason: `unmapped (${unmapped}), and output_0 is not a float tensor to compare` };
  let runs: LossValues[];
  try {
    runs = await runBackendModel(test);
  } catch (e) {
    return {
      ...base,
      status: 'fail',
      reason: `${test.name}: ORT cannot run the model: ${briefError((e as Error).message)}`,
    };
  }
  let worst: StoredValue | undefined;
  for (const [i, set] of test.dataSets.entries()) {
    const stored = { loss: set.outputs[0]!.values, logProb: set.outputs[1]?.values };
    const values = frameworkValues(set.name, runs[i]!, stored, dtype);
    if (typeof values === 'string') return { ...base, status: 'fail', reason: `${test.name}/${set.name}: ${values}` };
    const first = values[0];
    if (first && (!worst || worse(first, worst))) worst = first;
  }
  if (!worst || worst.pass) return { ...base, status: 'pass', worst };
  return { ...base, status: 'fail', worst, reason: describeFailure(test.name, worst, dtype) };
}
