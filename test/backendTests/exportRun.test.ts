/**
 * `losscheck export-onnx-cases` (issue 5): the golden cases ONNX's operators express, written in
 * the backend-test layout with the certified reference's outputs, read back by the importer,
 * the reference and ORT; `--cases FILE` exports a case file instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendTestCases } from '../../src/backendTests/cases.js';
import { readBackendTest } from '../../src/backendTests/layout.js';
import { onnxCasesCommand } from '../../src/backendTests/run.js';
import type { OnnxCasesReport } from '../../src/backendTests/report.js';
import { losscheck } from '../__helpers__/cli.js';
import { collect } from '../__helpers__/sink.js';

let root: string;
let golden: string;
let exported: ReturnType<typeof losscheck>;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'losscheck-export-'));
  golden = join(root, 'golden');
  exported = losscheck(['export-onnx-cases', '--out', golden]);
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function run(impl: string): Promise<{ code: number; report: OnnxCasesReport }> {
  const json = join(root, `${impl}.json`);
  const code = await onnxCasesCommand({ dirs: [golden], impl, json }, collect().stream);
  return { code, report: JSON.parse(await readFile(json, 'utf8')) as OnnxCasesReport };
}

describe('export-onnx-cases on the golden cases (CLI-5)', () => {
  it('writes what the operators express, and says why it leaves the rest out', () => {
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^wrote \d+ backend-test directories under /m);
    const refusals: [string, string][] = [
      ['sce_smoothed_weighted_ignored_none', 'no label smoothing (LS-1)'],
      ['sce_dense_weighted_mean', 'class indices only'],
      ['bcel_torch_example', 'binary_cross_entropy_with_logits has no ONNX operator'],
      ['sce_keras_mean_ignored', 'profile keras'],
      ['bad_label_torch', 'profile torch rejects it: target[0]: label 7 is outside [0, 3)'],
      ['bad_zloss_weight', 'no z-loss (ZL-1)'],
      ['sce_softcap_gemma', 'no soft-cap (CAP-1)'],
    ];
    for (const [id, reason] of refusals)
      expect(exported.stdout).toMatch(new RegExp(`^skipped ${id}: .*${reason.replace(/[()[\]]/g, '\\$&')}`, 'm'));
  });

  it('reads back under the reference: every directory a case, its stored outputs the reference’s to the ULP', async () => {
    const { code, report } = await run('reference');
    expect(code).toBe(0);
    expect(report.totals.directories).toBeGreaterThanOrEqual(15);
    for (const d of report.directories) {
      expect(d).toMatchObject({ status: 'pass', via: 'case' });
      expect(d.storedVsReference, d.name).toMatchObject({ maxUlps: 0 });
    }
    expect(report.directories.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'test_losscheck_nll_weighted_ignored_mean',
        'test_losscheck_sce_f16_overflowing_sum',
        'test_losscheck_sce_kdim_none',
      ]),
    );
  });

  it('reads back under ORT, which departs from the onnx profile on exactly two: RED-5 and CE-2.2', async () => {
    const { code, report } = await run('ort');
    expect(code).toBe(1);
    const failed = Object.fromEntries(
      report.directories.filter((d) => d.status === 'fail').map((d) => [d.name, d.reason]),
    );
    expect(Object.keys(failed).sort()).toEqual([
      'test_losscheck_sce_empty_batch_mean',
      'test_losscheck_sce_lse_special_rows',
      'test_losscheck_sce_undefined_rows',
    ]);
    expect(failed.test_losscheck_sce_empty_batch_mean).toMatch(/ort rejected the case: Reshape: /);
    expect(failed.test_losscheck_sce_undefined_rows).toMatch(
      /^loss\[1\] = Infinity where test_losscheck_sce_undefined_rows\/test_data_set_0 stores NaN/,
    );
    // CE-2.2 again: a row holding +∞ (LSE-2's golden case).
    expect(failed.test_losscheck_sce_lse_special_rows).toMatch(
      /^loss\[0\] = Infinity where test_losscheck_sce_lse_special_rows\/test_data_set_0 stores NaN/,
    );
  });
});

describe('--cases FILE', () => {
  it('exports the file’s cases; the importer reads each back as it was', async () => {
    const nll = {
      id: 'nll-f16',
      loss: 'negative_log_likelihood',
      profile: 'onnx',
      dtype: 'float16',
      shape: [2, 3],
      input: [-1, -2, -0.5, 0.25, -3, -1],
      target: [2, 0],
      weight: [1, 2, 0.5],
      ignoreIndex: 0,
      reduction: 'sum',
    };
    const lines = [
      nll,
      { id: 'bce', loss: 'binary_cross_entropy', shape: [1], input: [0.5], target: [1] },
      { id: 'typo', loss: 'softmax_cross_entropy', shap: [1] },
    ];
    const file = join(root, 'cases.jsonl');
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const r = losscheck(['export-onnx-cases', '--out', join(root, 'file'), '--cases', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^skipped bce: binary_cross_entropy has no ONNX operator$/m);
    expect(r.stdout).toMatch(/^skipped typo: shap: /m);
    expect(r.stdout).toMatch(/^wrote 1 backend-test directories under .*; skipped 2$/m);
    const mapping = backendTestCases(await readBackendTest(join(root, 'file', 'test_losscheck_nll-f16')));
    if (mapping.kind !== 'cases') throw new Error(mapping.reason);
    const { id: _, ...rest } = nll;
    expect(mapping.cases[0]!.case).toMatchObject({
      ...rest,
      input: Float64Array.from(nll.input),
      target: Float64Array.from(nll.target),
      weight: Float64Array.from(nll.weight),
    });
  });

  it('a case file that cannot be read exits 2 (CLI-2)', () => {
    const r = losscheck(['export-onnx-cases', '--out', join(root, 'none'), '--cases', join(root, 'missing.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^losscheck: cannot read .*missing\.jsonl: ENOENT\n$/);
  });
});
