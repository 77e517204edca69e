/**
 * ONNX backend-test directories: `model.onnx` and `test_data_set_<i>/input_<k>.pb`,
 * `output_<k>.pb` (TensorProto), the layout onnx's backend-test-tools writes and runtimes read.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModel, encodeModel } from '../oracles/onnx/graphBuilder.js';
import type { ModelProto } from '../oracles/onnx/onnxProto.js';
import { decodeTensor, encodeTensor, type DecodedTensor, type TensorLayout } from '../oracles/onnx/tensorProto.js';
import { UsageError } from '../case/errors.js';

export interface DataSet {
  readonly name: string;
  /** In the order of the graph's inputs (input_0, input_1, ...). */
  readonly inputs: readonly DecodedTensor[];
  /** In the order of the graph's outputs. */
  readonly outputs: readonly DecodedTensor[];
}

export interface BackendTest {
  /** The directory's name, e.g. `test_sce_mean_weight_ii`. */
  readonly name: string;
  readonly model: ModelProto;
  readonly dataSets: readonly DataSet[];
}

const DATA_SET = /^test_data_set_(\d+)$/;
const MODEL_FILE = 'model.onnx';

/** Entries of `dir` matching `pattern`, in the numeric order of the pattern's first group. */
async function numbered(dir: string, pattern: RegExp): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => pattern.test(n));
  return names.sort((a, b) => Number(pattern.exec(a)![1]) - Number(pattern.exec(b)![1]));
}

/** A file decoded; a file that cannot be read or decoded is a UsageError naming it (CLI-2). */
async function readDecoded<T>(file: string, decode: (bytes: Uint8Array) => T): Promise<T> {
  try {
    return decode(await readFile(file));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function readTensors(dir: string, prefix: 'input' | 'output'): Promise<DecodedTensor[]> {
  const files = await numbered(dir, new RegExp(`^${prefix}_(\\d+)\\.pb$`));
  return Promise.all(files.map((f) => readDecoded(join(dir, f), decodeTensor)));
}

/** A test directory's name: its last path component. */
export const testDirectoryName = (dir: string): string => dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;

/** Only the model of a test directory (its data sets may hold tensors losscheck does not read). */
export async function readBackendModel(dir: string): Promise<ModelProto> {
  return readDecoded(join(dir, MODEL_FILE), decodeModel);
}

export async function readBackendTest(dir: string): Promise<BackendTest> {
  const model = await readBackendModel(dir);
  const dataSets = await Promise.all(
    (await numbered(dir, DATA_SET)).map(async (name) => ({
      name,
      inputs: await readTensors(join(dir, name), 'input'),
      outputs: await readTensors(join(dir, name), 'output'),
    })),
  );
  return { name: testDirectoryName(dir), model, dataSets };
}

/** Write a test under `parent/<test.name>`, tensors as raw_data by default (as onnx does). */
export async function writeBackendTest(
  parent: string,
  test: BackendTest,
  layout: TensorLayout = 'raw',
): Promise<string> {
  const dir = join(parent, test.name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MODEL_FILE), encodeModel(test.model));
  for (const [i, set] of test.dataSets.entries()) {
    const setDir = join(dir, `test_data_set_${i}`);
    await mkdir(setDir, { recursive: true });
    for (const [k, t] of set.inputs.entries()) await writeFile(join(setDir, `input_${k}.pb`), encodeTensor(t, layout));
    for (const [k, t] of set.outputs.entries())
      await writeFile(join(setDir, `output_${k}.pb`), encodeTensor(t, layout));
  }
  return dir;
}

const isTestDir = async (dir: string): Promise<boolean> =>
  (await stat(join(dir, MODEL_FILE)).catch(() => undefined))?.isFile() ?? false;

/** The test directories among `paths`: each path is a test directory or a directory of them (like onnx's data/node). */
export async function backendTestDirs(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    if (await isTestDir(path)) {
      found.push(path);
      continue;
    }
    const children = (await readdir(path)).sort().map((n) => join(path, n));
    for (const child of children) if (await isTestDir(child)) found.push(child);
  }
  return found;
}
