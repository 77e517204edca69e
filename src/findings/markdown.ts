/**
 * A peer's findings document (spec/findings/*.md), rendered from collected runs: the verdicts,
 * then what a developer of the peer reads first, each semantic difference and each numerical
 * weakness with its smallest counterexample, its error and the commands that reproduce it; then
 * what passes per loss and dtype and what is not offered.
 */
import { DTYPES, LOSSES, PROFILES } from '../case/types.js';
import { fenced, inline } from '../report/markdown.js';
import { caseLine, errorSize, notOfferedGroups } from '../report/summary.js';
import type { Finding, Findings } from './collect.js';
import { shellLine } from '../report/shellLine.js';
import { DEFAULT_LEVEL } from '../verdict/levels.js';

export interface FindingsContext {
  /** `PyTorch 1.13.0a0`: the peer and its version, as the title names it. */
  readonly peer: string;
  /** The paragraph that says how the runs were made. */
  readonly provenance: string;
  /**
   * The `--impl` the commands name (a `cmd:` as a user types it); absent, the implementation that
   * found each finding. And the manifest the runs applied.
   */
  readonly impl?: string;
  readonly manifest: string;
  /** The peer's answer to each finding's smallest counterexample (a result line), by `findingKey`. */
  readonly answers: ReadonlyMap<string, string>;
  /** The sections a generator adds after the findings (an error distribution, …). */
  readonly appendix?: readonly string[];
}

export const findingKey = (f: Pick<Finding, 'check' | 'reason'>): string => `${f.check}\n${f.reason ?? ''}`;

const parts = (check: string) => check.split('/');

/** `n/m pass`, and how many checks of the cell deviate or are skipped. */
function cell(findings: Findings, loss: string, dtype: string): string {
  const checks = [...findings.checks].filter(([id]) => parts(id).includes(loss) && parts(id).includes(dtype));
  if (checks.length === 0) return '—';
  const passing = checks.filter(([, c]) => c.statuses.size === 1 && c.statuses.has('pass')).length;
  const deviating = checks.filter(([, c]) => c.statuses.has('fail') || c.statuses.has('xfail')).length;
  const skipped = checks.filter(([, c]) => c.statuses.size === 1 && c.statuses.has('skip')).length;
  const notes = [deviating && `${deviating} deviate`, skipped && `${skipped} skipped`].filter(Boolean);
  return `${passing}/${checks.length} pass${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function passTable(findings: Findings): string[] {
  return [
    '| loss | ' + DTYPES.join(' | ') + ' |',
    `|---|${DTYPES.map(() => '---').join('|')}|`,
    ...LOSSES.map((loss) => `| ${loss} | ${DTYPES.map((d) => cell(findings, loss, d)).join(' | ')} |`),
  ];
}

function notOfferedTable(findings: Findings): string[] {
  const groups = notOfferedGroups(findings.notOffered);
  if (groups.length === 0) return ['Every output asked for was offered.'];
  return [
    '| output | losses (dtypes) | the peer says |',
    '|---|---|---|',
    ...groups.map((g) => `| ${inline(g.output)} | ${inline(g.where)} | ${inline(g.reasons)} |`),
  ];
}

/** The commands that show it again: the check by its seed, and the case alone through the peer and the reference. */
function reproduce(f: Finding, ctx: FindingsContext): string {
  const [family, ...rest] = parts(f.check);
  const scope = [
    // torch is check's default profile; another must be named for the check to run at all
    ...PROFILES.filter((p) => p !== 'torch' && rest.includes(p)).flatMap((p) => ['--profile', p]),
    ...LOSSES.filter((l) => rest.includes(l)).flatMap((l) => ['--loss', l]),
    ...DTYPES.filter((d) => rest.includes(d)).flatMap((d) => ['--dtype', d]),
  ];
  const impl = ctx.impl ?? f.implementation;
  const check = shellLine(['npx', 'losscheck', 'check', '--impl', impl, '--family', family!, ...scope]);
  const seeded = `${check} --level ${f.level} --seed ${f.seed} --runs ${f.runs} --manifest ${ctx.manifest}`;
  const json = JSON.stringify(f.smallest.counterexample);
  const evaluate = (name: string) =>
    `echo ${shellLine([json])} | ${shellLine(['npx', 'losscheck', 'eval', '--impl', name])}`;
  return fenced([seeded, evaluate(impl), evaluate('reference')].join('\n'), 'sh');
}

function findingSection(f: Finding, ctx: FindingsContext, findings: Findings): string[] {
  const lines = [`### ${inline(f.check)}`, ''];
  lines.push(f.reason ? inline(f.reason) : '**Not in the manifest**: a failure no entry explains.', '');
  lines.push(`- What losscheck saw: ${inline(f.smallest.message ?? '')}`);
  const size = errorSize(f.smallest);
  if (size) lines.push(`- Error: ${size}`);
  // Runs of several implementations (TF.js's backends): say which one found it and answers.
  const which = implementations(findings).length > 1 ? `${f.implementation}, ` : '';
  const found = `- Found by ${f.foundBy} of ${findings.runs.length} runs; the smallest counterexample`;
  lines.push(`${found} (${which}seed ${f.seed}, ${f.runs} runs):`);
  lines.push('', fenced(caseLine(f.smallest) ?? '', 'json'));
  const answer = ctx.answers.get(findingKey(f));
  const who = which ? `${ctx.peer} (${f.implementation})` : ctx.peer;
  if (answer) lines.push('', `${who} answers:`, '', fenced(answer, 'json'));
  lines.push('', 'Reproduce:', '', reproduce(f, ctx), '');
  return lines;
}

function findingsOf(kind: Finding['kind'], title: string, findings: Findings, ctx: FindingsContext): string[] {
  const of = findings.findings.filter((f) => f.kind === kind);
  const body = of.length === 0 ? ['None found.', ''] : of.flatMap((f) => findingSection(f, ctx, findings));
  return [`## ${title}`, '', ...body];
}

/** `the \`opmath\` level (check's default)`: the level the runs judged at, as a provenance paragraph names it. */
export function levelPhrase(findings: Findings): string {
  const levels = [...new Set(findings.runs.map((r) => r.level))];
  const named = levels.map((l) => `\`${l}\``).join(', ');
  const noun = levels.length === 1 ? 'level' : 'levels';
  return `the ${named} ${noun}${levels.length === 1 && levels[0] === DEFAULT_LEVEL ? " (`losscheck check`'s default)" : ''}`;
}

const implementations = (findings: Findings): string[] => [...new Set(findings.runs.map((r) => r.implementation))];

/** One row per run; with the implementation first when the runs were of several. */
function verdictTable(findings: Findings): string[] {
  const several = implementations(findings).length > 1;
  const row = (cells: readonly (string | number)[]) => `| ${(several ? cells : cells.slice(1)).join(' | ')} |`;
  return [
    row(['implementation', 'seed', 'runs per property', 'verdict']),
    row(['---', '---', '---', '---']).replaceAll(' ', ''),
    ...findings.runs.map((r) => row([r.implementation, r.seed, r.runs, r.verdict])),
  ];
}

export function findingsMarkdown(findings: Findings, ctx: FindingsContext): string {
  const lines = [
    `# ${ctx.peer}: findings`,
    '',
    ctx.provenance,
    '',
    '## Verdicts, with the manifest',
    '',
    ...verdictTable(findings),
    '',
    ...findingsOf('semantic', 'Semantic differences', findings, ctx),
    ...findingsOf('numerical', 'Numerical weaknesses', findings, ctx),
    '## What passes',
    '',
    'Checks that passed in every run, per loss and dtype (the spec cases and the bad inputs are counted in the findings above):',
    '',
    ...passTable(findings),
    '',
    '## Not offered',
    '',
    ...notOfferedTable(findings),
    '',
    ...(ctx.appendix ?? []),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
