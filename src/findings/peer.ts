/**
 * The runs behind a peer's findings document: the conformance run (CHK-1) of each seed with the
 * peer's manifest, on each of its implementations (TF.js's backends share one manifest), folded
 * into findings, and the peer's own answer to each smallest counterexample (from the
 * implementation that found it), so that the document shows what the peer returns.
 */
import type { Implementation } from '../adapters/types.js';
import { runCase } from '../adapters/runCase.js';
import { encodeResult } from '../case/result.js';
import type { Scope } from '../../properties/families/family.js';
import { DEFAULT_FAMILIES } from '../../properties/suite.js';
import type { ReferenceEngine } from '../reference/arithmetic.js';
import { shortJson } from '../report/summary.js';
import type { CheckReport } from '../report/types.js';
import { runCheck } from '../check/run.js';
import type { Manifest } from '../check/manifest.js';
import { DEFAULT_LEVEL, type LevelName } from '../verdict/levels.js';
import { VERSION } from '../version.js';
import { collectFindings, type Findings } from './collect.js';
import { findingKey } from './markdown.js';

export interface PeerRuns {
  /** The peer's implementations, each run over every seed. */
  readonly impls: readonly Implementation[];
  readonly engine: ReferenceEngine;
  readonly manifest: Manifest;
  /** The level the runs judge at (TOL-LEVEL); `check`'s default when absent (TOL-LEVEL.7). */
  readonly level?: LevelName;
  readonly scope: Scope;
  readonly seeds: readonly number[];
  readonly runs: number;
  /** Run only the checks whose id matches (runCheck's `only`); every check when absent. */
  readonly only?: RegExp;
  /** Called after each seed's run, for progress. */
  readonly onReport?: (report: CheckReport) => void;
}

export async function peerFindings(p: PeerRuns): Promise<{ findings: Findings; answers: Map<string, string> }> {
  const reports: CheckReport[] = [];
  for (const impl of p.impls)
    for (const seed of p.seeds) {
      const { engine, scope, runs, only, level = DEFAULT_LEVEL } = p;
      const options = { impl, engine, level, scope, seed, runs, only };
      const report = await runCheck({ ...options, families: DEFAULT_FAMILIES, manifest: p.manifest }, VERSION);
      p.onReport?.(report);
      reports.push(report);
    }
  const findings = collectFindings(reports);
  const answers = new Map<string, string>();
  for (const f of findings.findings) {
    const impl = p.impls.find((i) => i.name === f.implementation)!; // every report is of one of them
    answers.set(findingKey(f), shortJson(encodeResult(await runCase(impl, f.smallest.counterexample))));
  }
  return { findings, answers };
}
