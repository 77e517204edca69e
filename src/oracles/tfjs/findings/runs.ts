/**
 * Real runs behind spec/findings/tfjs.md: the probes on each backend, the error of the softmax CE
 * loss as a row's common offset grows, and the CPU and WebAssembly backends value by value.
 */
import fc from 'fast-check';
import { lossCase } from '../../../../properties/arbitraries/lossCase.js';
import { runCase, runDecodedCase } from '../../../adapters/runCase.js';
import type { Implementation } from '../../../adapters/types.js';
import { decodeCase } from '../../../case/decode.js';
import type { CaseResult, LossName, LossValues } from '../../../case/types.js';
import { validateCase } from '../../../case/validate.js';
import { bitsOfError, ulpDistance } from '../../../numeric/ulp.js';
import type { ReferenceEngine } from '../../../reference/arithmetic.js';
import { evaluateReference } from '../../../reference/reference.js';
import { judgeResult, type ProbeVerdict } from '../../onnx/findings/probeVerdicts.js';
import { formatValue } from '../../onnx/findings/probes.js';
import { TFJS_PROBES, type TfjsProbe } from './probeCatalog.js';

const formatValues = (v: LossValues): string => `[${Array.from(v.loss, formatValue).join(', ')}]`;

/** A result as the findings print it: the loss values, or what TF.js threw. */
export function outcomeText(r: CaseResult): string {
  if ('error' in r) return `throws (${r.error.split('\n')[0]})`;
  return 'unsupported' in r ? `unsupported: ${r.unsupported}` : formatValues(r);
}

export interface ProbeRow {
  readonly probe: TfjsProbe;
  /** Per implementation: its outcome and its verdict against the profile. */
  readonly outcomes: readonly { readonly outcome: string; readonly verdict: ProbeVerdict }[];
}

export async function runTfjsProbes(impls: readonly Implementation[], engine: ReferenceEngine): Promise<ProbeRow[]> {
  const rows: ProbeRow[] = [];
  for (const probe of TFJS_PROBES) {
    const outcomes = [];
    for (const impl of impls) {
      const result = await runCase(impl, probe.case);
      outcomes.push({ outcome: outcomeText(result), verdict: judgeResult(probe.case, result, engine) });
    }
    rows.push({ probe, outcomes });
  }
  return rows;
}

export interface OffsetRow {
  readonly offset: number;
  readonly exact: number;
  readonly loss: number;
  readonly bits: number;
}

/** The row `[m, m, m, m]`, target 0, for m = 2^k (exactly log 4 for every m): the loss TF.js gives and its error. */
export async function offsetSweep(
  impl: Implementation,
  engine: ReferenceEngine,
  powers: readonly number[],
): Promise<OffsetRow[]> {
  const rows: OffsetRow[] = [];
  for (const k of powers) {
    const m = 2 ** k;
    const json = {
      id: `offset-${k}`,
      loss: 'softmax_cross_entropy',
      dtype: 'float32',
      profile: 'tfjs',
      shape: [1, 4],
      input: [m, m, m, m],
      target: [0],
    };
    const c = validateCase(decodeCase(json));
    const exact = evaluateReference(c, engine).values.loss[0]!;
    const result = await runDecodedCase(impl, c);
    const loss = 'loss' in result ? result.loss[0]! : NaN;
    rows.push({ offset: m, exact, loss, bits: bitsOfError(ulpDistance(loss, exact, 'float32')) });
  }
  return rows;
}

export interface BackendRow {
  readonly loss: LossName;
  readonly cases: number;
  readonly values: number;
  readonly identical: number;
  readonly maxUlps: number;
  readonly worst?: string;
}

/** Both backends on a seeded sample of valid tfjs cases per loss, every output value compared. */
export async function compareBackends(
  impls: readonly [Implementation, Implementation],
  seed: number,
  perLoss: number,
): Promise<BackendRow[]> {
  const rows: BackendRow[] = [];
  for (const loss of ['softmax_cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits'] as const) {
    const jsons = fc.sample(lossCase({ loss, dtype: 'float32', profile: 'tfjs' }), { seed, numRuns: perLoss });
    let values = 0,
      identical = 0,
      maxUlps = 0,
      worst: string | undefined;
    for (const json of jsons) {
      const [a, b] = [await runCase(impls[0], json), await runCase(impls[1], json)];
      if (!('loss' in a) || !('loss' in b)) continue;
      for (const output of ['loss', 'grad', 'logProb'] as const) {
        const [x, y] = [a[output], b[output]];
        if (!x || !y) continue;
        x.forEach((v, i) => {
          const d = Number.isNaN(v) && Number.isNaN(y[i]!) ? 0 : ulpDistance(v, y[i]!, 'float32');
          values++;
          if (d === 0) identical++;
          if (d > maxUlps) [maxUlps, worst] = [d, JSON.stringify(json)];
        });
      }
    }
    rows.push({ loss, cases: jsons.length, values, identical, maxUlps, worst });
  }
  return rows;
}
