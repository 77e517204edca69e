import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

function testSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return testSources(path);
    return /\.(test\.ts|py)$/.test(entry) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the spec (every clause is cited by a test)', () => {
  it('should have every clause id cited by at least one test, a sub-clause counting for its group', () => {
    const tests = [...testSources('test'), ...testSources('properties')].join('\n');
    const cited = (id: string) => new RegExp(`(?<![A-Z0-9.-])${id.replace(/\./g, '\\.')}(?![0-9])`).test(tests);
    const clauses = definedClauses();
    const uncited = [...clauses.keys()].filter(
      (id) => !cited(id) && ![...clauses.keys()].some((other) => other.startsWith(`${id}.`) && cited(other)),
    );
    expect(clauses.size).toBeGreaterThan(50);
    expect(uncited, `clauses no test cites: ${uncited.map((id) => `${id} (${clauses.get(id)})`).join(', ')}`).toEqual(
      [],
    );
  });
});
