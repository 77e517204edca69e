/**
 * A backend-test directory run as it is: its own model.onnx on its own inputs. This is how ORT
 * is compared on every directory, including those that map to no case (NLL, expanded NLL).
 */
import type { InferenceSession } from 'onnxruntime-common';
import type { LossValues } from '../../case/types.js';
import type { BackendTest, DataSet } from '../../backendTests/layout.js';
import { encodeModel } from './graphBuilder.js';
import { NODE_RUNTIME } from './nodeRuntime.js';
import { createSession, runSession, type OrtRuntime } from './runtime.js';
import { tensorOf, tensorValues } from './tensors.js';

async function runDataSet(runtime: OrtRuntime, session: InferenceSession, set: DataSet): Promise<LossValues> {
  const feeds = Object.fromEntries(
    session.inputNames.map((name, k) => {
      const input = set.inputs[k];
      if (!input) throw new Error(`${set.name}: no input_${k}.pb for graph input ${name}`);
      return [name, tensorOf(input)];
    }),
  );
  const results = await runSession(runtime, session, feeds);
  const [loss, logProb] = session.outputNames.map((name) => tensorValues(results[name]!));
  return { loss: loss!, logProb };
}

/** Per data set, the model's outputs as `loss` (output 0) and `logProb` (output 1, if any). */
export async function runBackendModel(test: BackendTest, runtime: OrtRuntime = NODE_RUNTIME): Promise<LossValues[]> {
  const session = await createSession(runtime, encodeModel(test.model));
  try {
    const values: LossValues[] = [];
    for (const set of test.dataSets) values.push(await runDataSet(runtime, session, set));
    return values;
  } finally {
    await session.release();
  }
}
