/**
 * losscheck's version: the one in its package.json, so that `--version`, every report and the
 * installed package agree (spec/formats.md#REP-1).
 */
import { readFileSync } from 'node:fs';

/** The package.json above this module: two levels up from src/ and from dist/src/. */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'losscheck' && pkg.version) return pkg.version;
    } catch {
      // not at this level: try the next
    }
  }
  throw new Error('losscheck: its package.json cannot be read');
}

export const VERSION = packageVersion();
