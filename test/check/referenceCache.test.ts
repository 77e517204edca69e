/**
 * `--reference-cache DIR` (spec/formats.md#CLI-9): the reference's outcome of a large case kept on
 * disk and read back bit for bit, small cases never kept, a bad file certified again and replaced.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Expected } from '../../properties/families/family.js';
import { expectations } from '../../src/check/expectations.js';
import { CACHED_VALUES } from '../../src/check/referenceCache.js';
import type { ReferenceEngine } from '../../src/reference/arithmetic.js';
import { createReferenceEngine } from '../../src/reference/engines.js';
import { softmaxJson } from '../__helpers__/cases.js';

const engine = await createReferenceEngine();
const dirs: string[] = [];
afterAll(() => {
  engine.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const cacheDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'losscheck-reference-'));
  dirs.push(dir);
  return dir;
};

/** The engine under another name, or one that fails if asked to certify anything. */
const refusing = (name: ReferenceEngine['name'] = engine.name): ReferenceEngine => ({
  ...engine,
  name,
  run: () => {
    throw new Error('certified again');
  },
});

/** Two rows of CACHED_VALUES / 2 classes, per position: a NaN logit in the first (CE-2.2), logits to 700 in the second. */
const classes = CACHED_VALUES / 2;
const bigCase = softmaxJson({
  id: 'big',
  shape: [2, classes],
  input: Array.from({ length: 2 * classes }, (_, i) => (i === 5 ? 'NaN' : ((i * 7919) % 1401) / 2)),
  target: [3, classes - 1],
  reduction: 'none',
  outputs: ['loss', 'lse'],
});

const bits = (e: Expected): Record<string, string> => {
  if (e.kind !== 'values') throw new Error(`expected values, got ${e.kind}`);
  return Object.fromEntries(
    Object.entries(e.values).map(([name, v]) => [name, Buffer.from((v as Float64Array).buffer).toString('hex')]),
  );
};

/** The big case certified once, into its own cache: its file's name, and its outcome. */
const kept = cacheDir();
const certified = await expectations({ engine, referenceCache: kept })(bigCase);
const [file] = readdirSync(kept);

describe('the reference cache (CLI-9)', () => {
  it('should keep a large case in one file and give its outcome back bit for bit, without certifying it again', async () => {
    expect(readdirSync(kept)).toEqual([file]);
    const read = await expectations({ engine: refusing(), referenceCache: kept })(bigCase);
    expect(bits(read)).toEqual(bits(certified));
    expect(bits(read).loss).toMatch(/^000000000000f87f/); // the NaN position's loss, kept as NaN
    expect(read.kind === 'values' && read.case.classes).toBe(classes);
  });

  it('should keep no small case, and share no file between engines', async () => {
    const dir = cacheDir();
    await expectations({ engine, referenceCache: dir })(softmaxJson());
    expect(readdirSync(dir)).toEqual([]);
    await expect(expectations({ engine: refusing('decimal'), referenceCache: kept })(bigCase)).rejects.toThrow(
      'certified again',
    );
  });

  it.each([
    ['not JSON', '{"kind": "val'],
    ['a value that is not 8-byte IEEE bits', JSON.stringify({ kind: 'values', values: { loss: 'AAAA' } })],
    ['no loss', JSON.stringify({ kind: 'values', values: {} })],
    ['an unknown output', JSON.stringify({ kind: 'values', values: { loss: 'AAAAAAAAAAA=', gain: 'AAAAAAAAAAA=' } })],
    ['an unknown kind', JSON.stringify({ kind: 'guess', message: 'x' })],
  ])('should certify again and replace a file holding %s', async (_, text) => {
    const dir = cacheDir();
    writeFileSync(join(dir, file!), text);
    const again = await expectations({ engine, referenceCache: dir })(bigCase);
    expect(bits(again)).toEqual(bits(certified));
    expect(readFileSync(join(dir, file!), 'utf8')).toBe(readFileSync(join(kept, file!), 'utf8'));
  });
});
