import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/case/errors.js';
import { checkReportTargets, checkWritable, writeReports, writeWhole } from '../../src/report/write.js';
import { INTERRUPTED_REPORT } from './sampleReport.js';

const dir = () => mkdtempSync(join(tmpdir(), 'losscheck-write-'));

describe('checkWritable (CLI-3: a report path is checked before the run)', () => {
  it('should make the missing directories of a report', () => {
    const file = join(dir(), 'a', 'b', 'report.json');
    checkWritable(file);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('should refuse, in one line, a path under a file and a path that is a directory', () => {
    const root = dir();
    writeFileSync(join(root, 'file'), '');
    expect(() => checkWritable(join(root, 'file', 'report.json'))).toThrow(UsageError);
    expect(() => checkWritable(join(root, 'file', 'report.json'))).toThrow(/^cannot write .*: ENOTDIR/);
    mkdirSync(join(root, 'taken'));
    expect(() => checkWritable(join(root, 'taken'))).toThrow(/it is a directory$/);
    expect(() => checkReportTargets({ markdown: join(root, 'file', 'r.md') })).toThrow(UsageError);
  });
});

describe('writeWhole and writeReports (CLI-8: each file whole or absent)', () => {
  it('should replace a file whole, through a temporary file that does not stay', () => {
    const root = dir();
    const file = join(root, 'report.json');
    writeWhole(file, 'old');
    writeWhole(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['report.json']);
  });

  it('should write every format asked for, an interrupted report among them', async () => {
    const root = dir();
    const written = await writeReports(INTERRUPTED_REPORT, {
      json: join(root, 'r.json'),
      junit: join(root, 'r.xml'),
      markdown: join(root, 'r.md'),
      html: join(root, 'html'),
    });
    expect(written).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(root, 'r.json'), 'utf8'))).toEqual(INTERRUPTED_REPORT);
    expect(readdirSync(root).sort()).toEqual(['html', 'r.json', 'r.md', 'r.xml']);
  });
});
