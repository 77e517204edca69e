/**
 * The peers' findings documents (spec/findings/pytorch.md, `npm run findings:torch`, most of an
 * hour; spec/findings/tfjs.md, `npm run findings:tfjs`) are checked against what they were
 * generated from, without running the peers again: each finding a document lists is an entry of
 * the peer's manifest as the manifest says it today, and the commands it prints are the ones the
 * generator writes, at the level `losscheck check` judges at by default (TOL-LEVEL.7).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/check/manifest.js';
import { inline } from '../../src/report/markdown.js';
import { DEFAULT_LEVEL } from '../../src/verdict/levels.js';

const PEERS = [
  {
    document: 'spec/findings/pytorch.md',
    manifest: 'examples/adapters/torch-1.13.manifest.json',
    regenerate: 'npm run findings:torch',
    impl: /--impl 'cmd:python3 examples\/adapters\/torch_adapter.py'/,
  },
  {
    document: 'spec/findings/tfjs.md',
    manifest: 'examples/manifests/tfjs.json',
    regenerate: 'npm run findings:tfjs',
    impl: /--impl tfjs(-wasm)? .*--profile tfjs /,
  },
];

describe.each(PEERS)('$document, fresh against $manifest', ({ document, manifest, regenerate, impl }) => {
  const md = readFileSync(document, 'utf8');
  const entries = new Set(loadManifest(manifest).deviations.map((d) => `${inline(d.check)}\n\n${inline(d.reason)}`));
  /** Each finding's heading and the paragraph under it: its check and its reason. */
  const findings = [...md.matchAll(/^### (.+)\n\n(.+)$/gm)].map((m) => `${m[1]}\n\n${m[2]}`);

  it('should list findings, each one an entry of the manifest with its reason as the manifest gives it', () => {
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(entries, `${f}\n(stale: ${regenerate})`).toContain(f);
  });

  it('should have found the peer conformant with its manifest in every run, every failure explained', () => {
    const verdicts = md.slice(md.indexOf('## Verdicts'), md.indexOf('\n## ', md.indexOf('## Verdicts') + 3));
    expect(verdicts).toMatch(/\| conformant \|/);
    expect(verdicts).not.toMatch(/\| nonconformant \|/);
    expect(md).not.toContain('**Not in the manifest**');
  });

  it('should reproduce each finding with the manifest and the implementation the document names', () => {
    const checks = [...md.matchAll(/^npx losscheck check .*$/gm)].map((m) => m[0]);
    expect(checks.length).toBe(findings.length);
    for (const c of checks) expect(c).toContain(`--manifest ${manifest}`);
    for (const c of checks) expect(c).toMatch(impl);
  });

  it("should say it was judged at check's default level, and reproduce each finding at that level", () => {
    const provenance = md.slice(0, md.indexOf('## Verdicts'));
    expect(provenance.replaceAll('\n', ' '), regenerate).toContain(`at the \`${DEFAULT_LEVEL}\` level`);
    const checks = [...md.matchAll(/^npx losscheck check .*$/gm)].map((m) => m[0]);
    for (const c of checks) expect(c, regenerate).toContain(` --level ${DEFAULT_LEVEL} `);
  });
});
