/**
 * What a rejected case says: code, field and clause of its `LossInputError`.
 */
import { LossInputError } from '../../src/case/errors.js';

export function rejection(
  f: () => unknown,
): { code: string; field: string; clause: string; message: string } | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LossInputError) return { code: e.code, field: e.field, clause: e.clause, message: e.message };
    throw e;
  }
  return undefined;
}
