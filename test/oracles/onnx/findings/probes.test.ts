/**
 * The findings of spec/findings/onnxruntime.md, pinned: if an ORT upgrade changes one of them,
 * this fails and the findings are regenerated (scripts/ort-findings.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  errorDistribution,
  SAMPLED_DTYPES,
  SAMPLED_GRAPHS,
} from '../../../../src/oracles/onnx/findings/errorDistribution.js';
import { findingsMarkdown } from '../../../../src/oracles/onnx/findings/report.js';
import { PROBES } from '../../../../src/oracles/onnx/findings/probeCatalog.js';
import { judgeProbes } from '../../../../src/oracles/onnx/findings/probeVerdicts.js';
import {
  ACCEPTANCE_GRAPHS,
  briefError,
  dtypeAcceptance,
  executedOperators,
  runProbes,
} from '../../../../src/oracles/onnx/findings/probes.js';
import { createMpfrEngine } from '../../../../src/reference/mpfrEngine.js';
import type { CheckReport } from '../../../../src/report/types.js';

const engine = await createMpfrEngine();
afterAll(() => engine.dispose());

const outcomeOf = async (topic: string, variant = 'ort') => {
  const probe = PROBES.find((p) => p.topic === topic && p.variant === variant);
  if (!probe) throw new Error(`no probe ${topic} / ${variant}`);
  return (await runProbes([probe]))[0]!.outcome;
};

describe('edge behaviour of onnxruntime-node', () => {
  it.each([
    ['every target ignored, mean', '[NaN]'],
    ['every target ignored, sum', '[−0]'],
    ['label −1, no ignore_index', '[0.4076059644, 0.4076059644]'],
    ['label −1, torch profile (ignore_index −100)', '[0.4076059644, 2.407605964]'],
    ['label C', 'throws (GatherElements: GatherElements op: Out of range value in index tensor)'],
    ['+∞ logit', '[NaN, 1.098612289]'],
    ['logits ±65504, float16', '[+∞]'],
    ['losses 40000 + 40000, float16, mean', '[40000]'],
    ['empty batch, probability targets, mean', '[0]'],
  ])('%s → %s', async (topic, outcome) => {
    expect(await outcomeOf(topic)).toBe(outcome);
  });

  it('the operator throws on an empty batch; LogSoftmax + NLL gives 0', async () => {
    expect(await outcomeOf('empty batch N = 0, mean')).toMatch(/^throws \(Reshape: /);
    expect(await outcomeOf('empty batch N = 0, mean', 'ort (LogSoftmax+NLL)')).toBe('[0]');
  });

  it('the exporter graph saturates where the stable one does not', async () => {
    expect(await outcomeOf('BCE with logits, large |x|, float32', 'ort-unstable')).toBe('[15.94238472, +∞, NaN, NaN]');
    expect(await outcomeOf('BCE with logits, large |x|, float32')).toBe('[17, 18, 9.357622912e-14, 3.783505854e-44]');
  });
});

describe('dtypes', () => {
  it('every graph runs in float64, float32 and float16, none in bfloat16', async () => {
    const rows = await dtypeAcceptance();
    expect(rows).toHaveLength(Object.keys(ACCEPTANCE_GRAPHS).length * 4);
    for (const row of rows)
      expect(row.outcome === 'runs', `${row.graph} ${row.dtype}: ${row.outcome}`).toBe(row.dtype !== 'bfloat16');
  });

  it('float16 runs through float32 Casts', async () => {
    const ops = await executedOperators({ kind: 'bce', dtype: 'float16', rank: 1, reduction: 'sum', weighted: false });
    expect(ops[0]).toBe('Cast(to=1)');
    expect(ops.at(-1)).toBe('Cast(to=10)');
  });
});

describe('departures from the profiles, judged against the certified reference', () => {
  it.each([
    ['label −1, no ignore_index', 'departs', ['PRO-3']],
    ['label −100, no ignore_index', 'conforms', ['PRO-1', 'PRO-3']],
    ['every target ignored, mean', 'conforms', ['RED-4', 'PRO-7']],
    ['+∞ logit on another class', 'departs', ['CE-2.2']],
    ['NLL: empty batch N = 0, mean', 'departs', ['RED-5', 'NLL-2']],
    ['BCE p outside [0, 1] and NaN, torch', 'departs', ['PRO-10']],
    ['logits ±1.7e38, float32', 'conforms', ['DT-3']],
  ])('%s: %s (%j)', async (topic, verdict, clauses) => {
    const [judged] = judgeProbes(
      await runProbes(PROBES.filter((p) => p.topic === topic && p.variant === 'ort')),
      engine,
    );
    expect(judged).toMatchObject({ verdict, clauses });
  });
});

describe('error distribution against the reference', () => {
  it('measures every graph in every dtype ORT runs, the same on every run of a seed', async () => {
    const [a, b] = [await errorDistribution(engine, 7, 3), await errorDistribution(engine, 7, 3)];
    expect(a).toHaveLength(SAMPLED_GRAPHS.length * SAMPLED_DTYPES.length);
    expect(a).toEqual(b);
    for (const row of a) {
      expect(row.cases).toBe(3);
      expect(row.values).toBeGreaterThan(0);
      expect(row.maxBits).toBeGreaterThanOrEqual(row.meanBits);
    }
  });
});

/** What the invariance table reads of a report: its implementation, and its results' ids, statuses and messages. */
const invarianceReport = (implementation: string, results: [string, 'pass' | 'fail', string?][]): CheckReport =>
  ({
    implementation,
    results: results.map(([check, status, message]) => ({ check, status, message })),
  }) as unknown as CheckReport;

it('renders the findings', () => {
  const errors = [
    {
      graph: 'SCE',
      dtype: 'float16' as const,
      cases: 1,
      rejected: 0,
      undetermined: 0,
      values: 4,
      meanBits: 0.5,
      maxBits: 1,
      correctlyRounded: 0.5,
      withinLevel: 1,
    },
  ];
  const md = findingsMarkdown({
    ortVersion: '1.30.0',
    acceptance: [{ graph: 'g', dtype: 'float32', outcome: 'runs' }],
    probes: [],
    float16Operators: ['Cast(to=1)'],
    errors,
    sample: { seed: 1, perGraph: 1 },
    web: {
      description: 'onnxruntime-web 1.30.0 (WebAssembly backend)',
      rows: [
        {
          graph: 'SCE',
          dtype: 'float32',
          cases: 2,
          values: 4,
          identical: 3,
          maxUlps: 7,
          outcomeDiffers: 0,
          worst: '{}',
        },
      ],
    },
    invariance: {
      sample: { seed: 7, runs: 3 },
      reports: [
        invarianceReport('ort', [
          ['invariance/batch/softmax_cross_entropy/float32/onnx', 'fail', 'loss[0] of row 1: 1 in the case, 2 alone'],
          ['invariance/determinism/softmax_cross_entropy/float32/onnx', 'pass'],
        ]),
        invarianceReport('ort-web', [['invariance/batch/softmax_cross_entropy/float32/onnx', 'pass']]),
      ],
    },
  });
  expect(md).toContain('| g | runs |');
  expect(md).toContain('seed 7, 3 runs per check');
  expect(md).toContain('- `ort`: 1 of 2 checks invariant.\n- `ort-web`: 1 of 1 checks invariant.');
  expect(md).toContain(
    '| `ort` | `invariance/batch/softmax_cross_entropy/float32/onnx` | loss[0] of row 1: 1 in the case, 2 alone |',
  );
  expect(md).toContain('| float32 | SCE | 2 | 4 | 75.0% | 7 | 0 |');
  expect(md).toContain('- float32, SCE (7 ULPs): `{}`');
  expect(md).toContain('| float16 | SCE | 1 | 4 | 0.50 | 1.00 | 50.0% | 100.0% | 0 |');
  expect(md).toContain(
    'over the 4 float16 values of the sample, 50.0% are correctly rounded and 100.0% are within `stable`',
  );
  expect(
    briefError(
      "Non-zero status code returned while running Gather node. Name:'' Status Message: indices element out of data bounds",
    ),
  ).toBe('Gather: indices element out of data bounds');
});
