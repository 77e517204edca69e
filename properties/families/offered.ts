/**
 * What an implementation offers for a case (spec/formats.md#CHK-9): every family puts its cases
 * to the implementation here. An output it declines (`supports`, an `unsupported` result) or
 * leaves out of its result is *not offered*: recorded as coverage, and the case is judged on the
 * outputs it gives, unless `--require` names the output, which makes its absence a failure.
 */
import { runCase } from '../../src/adapters/runCase.js';
import type { CaseResult } from '../../src/case/types.js';
import type { CaseJson, CheckContext, Judgement } from './family.js';

export interface Offered {
  /** The case as judged: its `outputs` narrowed to those given. */
  readonly json: CaseJson;
  readonly result: CaseResult;
  /** A required output that was not offered: the failure to return instead of a judgement. */
  readonly missingRequired?: Judgement & { readonly status: 'fail' };
}

/** What the case asks for (FMT-1: `loss` by default; repeats mean one). */
const askedFor = (json: CaseJson): string[] => [...new Set((json.outputs as string[] | undefined) ?? ['loss'])];

const asking = (json: CaseJson, outputs: readonly string[]): CaseJson => ({ ...json, outputs });

/** The case asking for its outputs but those missing. */
const without = (json: CaseJson, missing: ReadonlyMap<string, string>): CaseJson =>
  asking(
    json,
    askedFor(json).filter((o) => !missing.has(o)),
  );

type Answer = { json: CaseJson; result: CaseResult; missing: Map<string, string> };

/** The values of one output in a result, if it has them. */
const valuesOf = (result: CaseResult, output: string): unknown =>
  (result as unknown as Record<string, unknown>)[output];

const ABSENT = 'absent from its result';

/** The outputs asked for and absent from a result with values. */
function absent(result: CaseResult, outputs: readonly string[]): Map<string, string> {
  return new Map(outputs.filter((o) => valuesOf(result, o) === undefined).map((o) => [o, ABSENT]));
}

/**
 * After a refusal: `loss` alone, then each other output with `loss` (the refusal itself, when
 * there is one other), so that one output declined does not hide the others.
 */
async function probe(ctx: CheckContext, json: CaseJson, refusal: CaseResult, optional: string[]): Promise<Answer> {
  const lossOnly = await runCase(ctx.impl, asking(json, ['loss']));
  if ('unsupported' in lossOnly || 'error' in lossOnly)
    return { json: asking(json, ['loss']), result: lossOnly, missing: new Map() };
  const merged: Record<string, unknown> = { ...lossOnly };
  const missing = new Map<string, string>();
  for (const output of optional) {
    const withOutput = asking(json, ['loss', output]);
    const r = optional.length === 1 ? refusal : await runCase(ctx.impl, withOutput);
    if ('error' in r) return { json: withOutput, result: r, missing: new Map() }; // a rejection is judged
    if ('unsupported' in r) missing.set(output, r.unsupported);
    else if (valuesOf(r, output) === undefined) missing.set(output, ABSENT);
    else merged[output] = valuesOf(r, output);
  }
  return { json, result: merged as CaseResult, missing };
}

async function answer(ctx: CheckContext, json: CaseJson): Promise<Answer> {
  const outputs = askedFor(json);
  const result = await runCase(ctx.impl, json);
  if ('error' in result) return { json, result, missing: new Map() };
  if (!('unsupported' in result)) return { json, result, missing: absent(result, outputs) };
  const optional = outputs.filter((o) => o !== 'loss');
  return optional.length === 0 ? { json, result, missing: new Map() } : probe(ctx, json, result, optional);
}

/** The implementation's answer to the case, judged on what it offers; coverage recorded in `ctx`. */
export async function offered(ctx: CheckContext, json: CaseJson): Promise<Offered> {
  const got = await answer(ctx, json);
  const where = [String(json.loss), String(json.dtype ?? 'float64')] as const;
  if ('unsupported' in got.result) ctx.coverage?.notOffered(...where, 'loss', got.result.unsupported);
  for (const [output, reason] of got.missing) ctx.coverage?.notOffered(...where, output, reason);
  const narrowed = got.missing.size === 0 ? got.json : without(got.json, got.missing);
  const required = [...got.missing.keys()].find((o) => ctx.require?.includes(o));
  if (required === undefined) return { json: narrowed, result: got.result };
  const message = `${required} is not offered (${got.missing.get(required)}): --require ${required} makes that a failure (CHK-9)`;
  return {
    json: narrowed,
    result: got.result,
    missingRequired: { status: 'fail' as const, kind: 'missing-output' as const, message },
  };
}
