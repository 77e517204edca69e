import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedIds } from './citations.js';

/** Clause ids the spec defines: bold `**CE-1.1**`, headings `## TOL-1`, table rows `| PRO-3 |`. */
function definedClauses(): Map<string, string> {
  const defined = new Map<string, string>();
  for (const file of readdirSync('spec').filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join('spec', file), 'utf8');
    const patterns = [/\*\*([A-Z]+-[A-Z0-9.]+)\*\*/g, /^#+ ([A-Z]+-[A-Z0-9.]+)\b/gm, /^\| ([A-Z]+-[A-Z0-9.]+) \|/gm];
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) defined.set(m[1]!, file);
  }
  return defined;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return testFiles(path);
    return entry.endsWith('.test.ts') ? [path] : [];
  });
}

/** A clause is cited when it, or one of its sub-clauses (`CE-2` by `CE-2.1`), is. */
const citedIn = (cited: ReadonlySet<string>) => (id: string) =>
  cited.has(id) || [...cited].some((other) => other.startsWith(`${id}.`));

describe('the spec (every clause is cited by a test that asserts)', () => {
  it('should count an id in an asserting test, never one in a comment or in a test without assertions', () => {
    const text = [
      '// XX-1 in a comment',
      "describe('group (XX-2)', () => {",
      "  it('asserts (XX-3)', () => expect(f('XX-4')).toBe(1));",
      "  it('asserts nothing (XX-5)', () => f('XX-6'));",
      "  it.each([1])('each (XX-7)', (x) => { fc.assert(p(x)); });",
      '});',
      "describe('no assertion in it (XX-8)', () => { it('x', () => {}); });",
    ].join('\n');
    expect([...citedIds('example.test.ts', text)].sort()).toEqual(['XX-2', 'XX-3', 'XX-4', 'XX-7']);
  });

  it('should have every clause id cited by at least one asserting test, a sub-clause counting for its group', () => {
    const cited = new Set(
      [...testFiles('test'), ...testFiles('properties')].flatMap((file) => [
        ...citedIds(file, readFileSync(file, 'utf8')),
      ]),
    );
    const clauses = definedClauses();
    const uncited = [...clauses.keys()].filter((id) => !citedIn(cited)(id));
    expect(clauses.size).toBeGreaterThan(50);
    expect(uncited, `clauses no test cites: ${uncited.map((id) => `${id} (${clauses.get(id)})`).join(', ')}`).toEqual(
      [],
    );
  });
});
