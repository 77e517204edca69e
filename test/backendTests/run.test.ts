/**
 * `losscheck onnx-cases` (CLI-2, CLI-3, issue 5): the generated node tests of fixtures/onnx/node
 * pass under the certified reference and under ORT; a directory whose stored output is wrong
 * fails, naming the directory and the value; unusable arguments exit 2 with one line.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTensor, encodeTensor } from '../../src/oracles/onnx/index.js';
import { onnx } from '../../src/oracles/onnx/onnxProto.js';
import { onnxCasesCommand } from '../../src/backendTests/run.js';
import type { OnnxCasesReport } from '../../src/backendTests/report.js';
import { losscheck } from '../__helpers__/cli.js';
import { collect } from '../__helpers__/sink.js';

const FIXTURES = 'fixtures/onnx/node';
let root: string;
beforeAll(async () => (root = await mkdtemp(join(tmpdir(), 'losscheck-onnx-cases-'))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('onnx-cases on the node tests of fixtures/onnx/node (CLI-4, issue 5)', () => {
  it('pass with --impl reference: every directory, expanded NLL twins read back from their bodies', async () => {
    const json = join(root, 'reference.json');
    const sink = collect();
    expect(await onnxCasesCommand({ dirs: [FIXTURES], impl: 'reference', json }, sink.stream)).toBe(0);
    expect(sink.text()).toContain('104 directories: 104 pass, 0 fail, 0 skip (--impl reference)');
    const report = JSON.parse(await readFile(json, 'utf8')) as OnnxCasesReport;
    expect(report).toMatchObject({
      verdict: 'pass',
      level: 'framework',
      totals: { directories: 104, pass: 104, fail: 0, skip: 0 },
    });
    // The generator rounds float64 values once into float32: its stored outputs are the reference's to the ULP.
    expect(report.storedOverall).toMatchObject({ maxUlps: 0, correctlyRounded: 1 });
  }, 300_000);

  it('pass with --impl ort (the CLI’s exit code)', () => {
    const r = losscheck(['onnx-cases', FIXTURES, '--impl', 'ort']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('104 directories: 104 pass, 0 fail, 0 skip (--impl ort)');
    expect(r.stdout).toMatch(
      /^PASS test_nllloss_NCd1_ii_expanded +NLL, \d+ ULP from stored \| reference: max \d+ ULP/m,
    );
    expect(r.stdout).toMatch(/^PASS test_nllloss_NCd1_ii +NLL, \d+ ULP from stored \| reference: max \d+ ULP/m);
    expect(r.stdout).toContain('against the certified reference (MPFR engine)');
  });
});

/** Copy a fixture directory and multiply its stored loss by `factor`. */
async function corrupted(name: string, factor: number): Promise<{ dir: string; stored: number; wrong: number }> {
  const dir = join(root, 'bad', name);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  const file = join(dir, 'test_data_set_0', 'output_0.pb');
  const t = decodeTensor(await readFile(file));
  const wrong = Math.fround(t.values[0]! * factor);
  await writeFile(file, encodeTensor({ ...t, values: Float64Array.from(t.values, (v, i) => (i === 0 ? wrong : v)) }));
  return { dir, stored: t.values[0]!, wrong };
}

describe('a directory whose stored output is wrong', () => {
  it('fails (exit 1), the message naming the directory and the value; the others still pass', async () => {
    const { stored, wrong } = await corrupted('test_sce_mean', 1.5);
    await cp(join(FIXTURES, 'test_nllloss_NC'), join(root, 'bad', 'test_nllloss_NC'), { recursive: true });
    const r = losscheck(['onnx-cases', join(root, 'bad'), '--json', join(root, 'bad.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL test_sce_mean `);
    expect(r.stdout).toContain(
      `loss[0] = ${stored} where test_sce_mean/test_data_set_0 stores ${wrong}: beyond TOL-FW float32`,
    );
    expect(r.stdout).toMatch(/^PASS test_nllloss_NC /m);
    expect(JSON.parse(await readFile(join(root, 'bad.json'), 'utf8'))).toMatchObject({
      verdict: 'fail',
      totals: { pass: 1, fail: 1 },
    });
  });

  it('fails under ort when it is an expanded NLL, read back from its body', async () => {
    const { dir, wrong } = await corrupted('test_nllloss_NC_expanded', -2);
    const r = losscheck(['onnx-cases', dir, '--impl', 'ort']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL test_nllloss_NC_expanded +loss\\[0\\] = \\S+ where test_nllloss_NC_expanded/test_data_set_0 stores ${wrong}`,
        'm',
      ),
    );
  });
});

/** An expanded NLL whose loss passes through an Identity at the end: a body onnx does not write. */
async function unreadableBody(): Promise<string> {
  const dir = join(root, 'identity', 'test_nllloss_NC_expanded');
  await cp(join(FIXTURES, 'test_nllloss_NC_expanded'), dir, { recursive: true });
  const file = join(dir, 'model.onnx');
  const model = onnx.ModelProto.decode(await readFile(file));
  const graph = model.graph!;
  const loss = graph.output![0]!.name!;
  const last = graph.node!.find((n) => n.output!.includes(loss))!;
  last.output = ['before_identity'];
  graph.node!.push(onnx.NodeProto.create({ opType: 'Identity', input: ['before_identity'], output: [loss] }));
  await writeFile(file, onnx.ModelProto.encode(model).finish());
  return dir;
}

describe('a loss test whose model maps to no case', () => {
  it('is skipped with the reason under reference, and run as its own model under ort', async () => {
    const dir = await unreadableBody();
    const reference = losscheck(['onnx-cases', dir]);
    expect(reference.status, reference.stderr).toBe(0);
    expect(reference.stdout).toMatch(
      /^SKIP test_nllloss_NC_expanded +unmapped: an expanded NegativeLogLikelihoodLoss whose loss comes from Identity/m,
    );
    const ort = losscheck(['onnx-cases', dir, '--impl', 'ort']);
    expect(ort.status, ort.stderr).toBe(0);
    expect(ort.stdout).toMatch(/^PASS test_nllloss_NC_expanded +own model on ORT, \d+ ULP from stored$/m);
  });
});

/** onnx's data/node holds every operator's tests: an Abs test on uint8, whose tensors losscheck does not read. */
async function unrelatedTest(parent: string): Promise<void> {
  const dir = join(parent, 'test_abs');
  await mkdir(join(dir, 'test_data_set_0'), { recursive: true });
  const uint8 = { elemType: onnx.TensorProto.DataType.UINT8, shape: { dim: [{ dimValue: 2 }] } };
  const graph = {
    name: 'test_abs',
    node: [{ opType: 'Abs', input: ['x'], output: ['y'] }],
    input: [{ name: 'x', type: { tensorType: uint8 } }],
    output: [{ name: 'y', type: { tensorType: uint8 } }],
  };
  await writeFile(
    join(dir, 'model.onnx'),
    onnx.ModelProto.encode({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph }).finish(),
  );
  const tensor = onnx.TensorProto.encode({
    name: 'x',
    dataType: onnx.TensorProto.DataType.UINT8,
    dims: [2],
    rawData: Uint8Array.of(1, 2),
  }).finish();
  await writeFile(join(dir, 'test_data_set_0', 'input_0.pb'), tensor);
}

describe('a folder of every operator’s tests, like onnx’s data/node', () => {
  it.each(['reference', 'ort'])(
    '--impl %s: other operators’ tests are skipped unread, counted, not listed',
    async (impl) => {
      const folder = join(root, `mixed-${impl}`);
      await cp(join(FIXTURES, 'test_nllloss_NC'), join(folder, 'test_nllloss_NC'), { recursive: true });
      await unrelatedTest(folder);
      const sink = collect();
      expect(await onnxCasesCommand({ dirs: [folder], impl }, sink.stream)).toBe(0);
      expect(sink.text()).not.toContain('test_abs');
      expect(sink.text()).toContain(
        `2 directories: 1 pass, 0 fail, 1 skip, of which 1 not SoftmaxCrossEntropyLoss or NegativeLogLikelihoodLoss tests (not listed) (--impl ${impl})`,
      );
    },
  );
});

describe('unusable arguments (CLI-2, CLI-3)', () => {
  it.each([
    [['onnx-cases', '/no/such/dir'], /^losscheck: \/no\/such\/dir: no such file or directory\n$/],
    [
      ['onnx-cases', 'spec'],
      /^losscheck: no ONNX backend-test directory \(model\.onnx and test_data_set_\*\) in spec\n$/,
    ],
    [['onnx-cases', FIXTURES, '--impl', 'nope'], /^losscheck: unknown implementation "nope"/],
    [['onnx-cases'], /missing required argument/],
  ])('%j exits 2 with one line, no stack trace', (args, message) => {
    const r = losscheck(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
