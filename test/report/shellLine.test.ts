import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellLine } from '../../src/report/shellLine.js';

/** The words a real shell reads from `line`. */
function wordsBash(line: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellLine (REP-8)', () => {
  it('should leave plain words as written', () => {
    const words = ['npx', 'losscheck', 'stability', '--impl', 'naive,fused', '--points', '0.2', 'module:a/b.mjs'];
    expect(shellLine(words)).toBe(words.join(' '));
  });

  it('should give a shell back every word, whatever it holds', () => {
    const words = [
      'cmd:/usr/bin/python3 examples/adapters/torch_adapter.py',
      '{"input":[1e308,-0],"target":[0],"id":"it\'s"}',
      '$HOME `x` !y *z',
      '',
      'a\\b',
    ];
    expect(wordsBash(shellLine(words))).toEqual(words);
  });
});
