/**
 * The findings of spec/findings/onnxruntime.md, pinned: if an ORT upgrade changes one of them,
 * this fails and the findings are regenerated (scripts/ort-findings.ts).
 */
import { describe, expect, it } from 'vitest';
import { findingsMarkdown } from '../../../src/oracles/onnx/findingsReport.js';
import { PROBES } from '../../../src/oracles/onnx/probeCatalog.js';
import { ACCEPTANCE_GRAPHS, briefError, dtypeAcceptance, executedOperators, runProbes } from '../../../src/oracles/onnx/probes.js';

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
    for (const row of rows) expect(row.outcome === 'runs', `${row.graph} ${row.dtype}: ${row.outcome}`).toBe(row.dtype !== 'bfloat16');
  });

  it('float16 runs through float32 Casts', async () => {
    const ops = await executedOperators({ kind: 'bce', dtype: 'float16', rank: 1, reduction: 'sum', weighted: false });
    expect(ops[0]).toBe('Cast(to=1)');
    expect(ops.at(-1)).toBe('Cast(to=10)');
  });
});

it('renders the findings', () => {
  const md = findingsMarkdown({ ortVersion: '1.30.0', acceptance: [{ graph: 'g', dtype: 'float32', outcome: 'runs' }], probes: [], float16Operators: ['Cast(to=1)'] });
  expect(md).toContain('| g | runs |');
  expect(briefError("Non-zero status code returned while running Gather node. Name:'' Status Message: indices element out of data bounds")).toBe('Gather: indices element out of data bounds');
});
