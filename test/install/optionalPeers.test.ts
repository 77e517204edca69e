/**
 * Installs anywhere npm does (spec/formats.md#CLI-PEER): no module the package's entry points load
 * at start-up imports an optional peer, so a project without onnxruntime or TensorFlow.js runs
 * every command that does not need them. The packed install of test:long proves it end to end;
 * this walks the built modules' static imports in a second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, { default: string }>;
  bin: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const OPTIONAL = Object.keys(PACKAGE.peerDependenciesMeta).filter(
  (name) => PACKAGE.peerDependenciesMeta[name]!.optional,
);

/** Static `import … from '…'` and `export … from '…'` of compiled JavaScript (type imports are erased). */
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gms;

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)].map((m) => (m[1] ?? m[2])!);
}

const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** Every optional peer reached from `entry` by static imports, with the chain that reaches it. */
function optionalPeersReached(entry: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier), [...chain, specifier]);
      else if (OPTIONAL.includes(packageOf(specifier))) found.push(`${[...chain, specifier].join(' → ')}`);
    }
  };
  visit(resolve(entry), [entry]);
  return found;
}

/** Each entry point with the optional peer it exists for (`losscheck/vitest` is vitest's), if any. */
const ENTRIES: [string, string[]][] = [
  ...Object.entries(PACKAGE.exports).map(([key, e]): [string, string[]] => [
    e.default,
    OPTIONAL.filter((peer) => key === `./${peer}`),
  ]),
  ...Object.values(PACKAGE.bin).map((file): [string, string[]] => [file, []]),
];

describe('optional peers are imported on demand (CLI-PEER)', () => {
  it('should know the optional peers and find the built entry points', () => {
    expect(OPTIONAL).toEqual(expect.arrayContaining(['onnxruntime-node', 'onnxruntime-web', '@tensorflow/tfjs-core']));
    for (const [entry] of ENTRIES) expect(existsSync(entry), entry).toBe(true);
  });

  it('should find a static import of a peer where there is one', () => {
    // The module that wraps onnxruntime-node imports it statically: the walk must see it.
    expect(optionalPeersReached(join('dist/src/oracles/onnx/nodeRuntime.js'))).toHaveLength(1);
  });

  for (const [entry, own] of ENTRIES)
    it(`should reach no optional peer from ${entry} by static imports${own.length ? ` but ${own.join(', ')}` : ''}`, () => {
      expect(optionalPeersReached(entry)).toEqual(own.map((peer) => `${entry} → ${peer}`));
    });
});
