/**
 * `losscheck export-onnx-cases --out DIR [--cases FILE]` (DESIGN.md's CLI contract, issue 5): the
 * suite's cases as ONNX backend-test directories, expected outputs from the certified reference
 * (MPFR engine). By default the golden cases (fixtures/cases/golden.ts) that ONNX's operators
 * express: softmax CE with index targets and no smoothing, and NLL, profiles onnx and torch,
 * float16/32/64 (caseExport.ts says why each other case is left out).
 */
import type { Writable } from 'node:stream';
import { join } from 'node:path';
import { GOLDEN_CASES } from '../../fixtures/cases/golden.js';
import { caseId, decodeCase } from '../case/decode.js';
import { LossInputError } from '../case/errors.js';
import type { LossCase, LossValues } from '../case/types.js';
import { validateCase } from '../case/validate.js';
import { exportCases, exportRefusal } from './export.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { createReferenceEngine } from '../reference/engines.js';
import { evaluateReference } from '../reference/reference.js';
import { parseCaseLines, readSource } from '../case/file.js';
import { checkWritable } from '../report/write.js';

export interface ExportOnnxOptions {
  readonly out: string;
  readonly cases?: string | undefined;
}

type Prepared =
  { readonly case: LossCase; readonly expected: LossValues } | { readonly id: string; readonly reason: string };

/** Throws anything but a LossInputError; turns that into a reason. */
function rejection(e: unknown, prefix: string): string {
  if (e instanceof LossInputError) return `${prefix}${e.message}`;
  throw e;
}

/**
 * A case with its certified outputs, or why it is left out. The operators have no gradient
 * output, so `grad` is dropped from `outputs` (loss and SCE's log_prob remain).
 */
function prepare(raw: unknown, engine: ReferenceEngine): Prepared {
  let c: LossCase;
  try {
    c = decodeCase(raw);
  } catch (e) {
    return { id: caseId(raw), reason: rejection(e, '') };
  }
  const refusal = exportRefusal(c);
  if (refusal !== undefined) return { id: c.id, reason: refusal };
  const outputs = c.outputs.filter((o) => o !== 'grad');
  const exported: LossCase = { ...c, outputs: outputs.length > 0 ? outputs : ['loss'] };
  try {
    return { case: exported, expected: evaluateReference(validateCase(exported), engine).values };
  } catch (e) {
    return { id: c.id, reason: rejection(e, `profile ${c.profile} rejects it: `) };
  }
}

async function sourceCases(file: string | undefined): Promise<unknown[]> {
  if (file === undefined) return GOLDEN_CASES.map((g) => g.case);
  return parseCaseLines(await readSource(file), file === '-' ? 'stdin' : file);
}

/** Run the command; returns the exit code (0, or 2 through a UsageError for an unreadable case file or --out). */
export async function exportOnnxCasesCommand(
  options: ExportOnnxOptions,
  out: Writable = process.stdout,
): Promise<number> {
  const raws = await sourceCases(options.cases);
  checkWritable(join(options.out, 'model.onnx'));
  const engine = await createReferenceEngine();
  try {
    const prepared = raws.map((raw) => prepare(raw, engine));
    const entries = prepared.filter((p): p is Extract<Prepared, { case: LossCase }> => 'case' in p);
    const summary = await exportCases(entries, options.out);
    for (const p of prepared) if ('reason' in p) out.write(`skipped ${p.id}: ${p.reason}\n`);
    out.write(
      `wrote ${summary.written.length} backend-test directories under ${options.out}; skipped ${raws.length - entries.length}\n`,
    );
    return 0;
  } finally {
    engine.dispose();
  }
}
