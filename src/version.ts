/**
 * losscheck's own package.json: its version, so that `--version`, every report and the installed
 * package agree (spec/formats.md#REP-1), and the ranges of its optional peer dependencies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface PackageManifest {
  readonly name?: string;
  readonly version?: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The package.json above this module: two levels up from src/ and from dist/src/. */
function readManifest(): PackageManifest & { version: string; root: URL } {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const url = new URL(up, import.meta.url);
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as PackageManifest;
      if (pkg.name === 'losscheck' && pkg.version) return { ...pkg, version: pkg.version, root: new URL('.', url) };
    } catch {
      // not at this level: try the next
    }
  }
  throw new Error('losscheck: its package.json cannot be read');
}

export const PACKAGE = readManifest();
export const VERSION = PACKAGE.version;

/** A file shipped with losscheck (examples/, spec/), as a path: `packageFile('examples/manifests/tfjs.json')`. */
export const packageFile = (relative: string): string => fileURLToPath(new URL(relative, PACKAGE.root));
