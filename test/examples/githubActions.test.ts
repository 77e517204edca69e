/**
 * examples/ci/github-actions.yml (spec/formats.md#CI-2): the recipe a team adopts — a sharded
 * gate, a merge job, the HTML report uploaded, the corpus cached, the nightly exploration — and
 * every losscheck command it runs parses against the CLI.
 */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { program } from '../../src/commands/program.js';
import { parseMode } from '../../src/commands/mode.js';
import { VERSION } from '../../src/version.js';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly strategy?: { matrix?: Record<string, unknown[]> };
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflow = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as Workflow;

/** The words of a shell command line: quotes removed, `$NAME` from the workflow's env. */
function words(line: string, env: Record<string, string>): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) =>
    (m[1] ?? m[2] ?? m[3]!).replace(/\$(\w+)/g, (_, name: string) => env[name] ?? `$${name}`),
  );
}

/** Every `npx losscheck` command of a job, once per value of its matrix's `shard`. */
function commands(job: Job): string[][] {
  const shards = job.strategy?.matrix?.shard ?? [undefined];
  const lines = job.steps.flatMap((s) => (s.run ?? '').split('\n')).filter((l) => l.startsWith('npx losscheck'));
  return shards.flatMap((shard) =>
    lines.map((l) => words(l.replace(/\$\{\{ matrix\.shard \}\}/g, String(shard)), workflow.env).slice(2)),
  );
}

/** Parse ARGS as `losscheck ARGS` would, running nothing: the parse error's message, or undefined. */
async function parseError(args: readonly string[]): Promise<string | undefined> {
  const cli = await program(VERSION);
  const quiet = { writeOut: () => {}, writeErr: () => {} };
  cli.configureOutput(quiet);
  for (const command of cli.commands) {
    command.configureOutput(quiet);
    command.action((...given: unknown[]) => {
      if (command.name() === 'check') parseMode((given.at(-2) as { mode?: string }).mode);
    });
  }
  try {
    await cli.parseAsync([...args], { from: 'user' });
    return undefined;
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) return undefined;
    return (e as Error).message;
  }
}

const all = Object.values(workflow.jobs).flatMap(commands);

describe('examples/ci/github-actions.yml (CI-2)', () => {
  it('should run losscheck check, merge and hunt', () => {
    expect(new Set(all.map((args) => args[0]))).toEqual(new Set(['--version', 'check', 'merge', 'hunt']));
  });

  it('should have every losscheck command parse against the CLI', async () => {
    const errors = await Promise.all(all.map(async (args) => [args.join(' '), await parseError(args)]));
    expect(errors.filter(([, e]) => e !== undefined)).toEqual([]);
  });

  it('should tell a command the CLI refuses', async () => {
    expect(await parseError(['check', '--impl', 'naive', '--shards', '1/3'])).toMatch(/unknown option '--shards'/);
    expect(await parseError(['check', '--impl', 'naive', '--mode', 'nightly'])).toMatch(/--mode takes gate or explore/);
    expect(await parseError(['merge'])).toMatch(/missing required argument/);
  });

  it('should shard the gate, and merge every shard of it', () => {
    const gate = workflow.jobs.gate!;
    const shards = gate.strategy!.matrix!.shard!;
    const checks = commands(gate).filter((a) => a[0] === 'check');
    expect(checks.map((a) => [a[a.indexOf('--mode') + 1], a[a.indexOf('--shard') + 1]])).toEqual(
      shards.map((i) => ['gate', `${String(i)}/${shards.length}`]),
    );
    const [merge] = commands(workflow.jobs.merge!).filter((a) => a[0] === 'merge');
    expect(merge!.filter((a) => a.startsWith('shards/'))).toEqual(shards.map((i) => `shards/shard-${String(i)}.json`));
    expect(workflow.jobs.merge!.needs).toBe('gate');
  });

  it('should write the step summary, upload the HTML report, and cache the corpus for the nightly exploration', () => {
    const merge = workflow.jobs.merge!.steps;
    expect(merge.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
    const upload = merge.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.path)).toMatch(/^report$/m);
    const explore = workflow.jobs.explore!;
    expect(explore.if).toContain("github.event_name == 'schedule'");
    expect(Object.keys(workflow.on)).toContain('schedule');
    const cache = explore.steps.find((s) => s.uses?.startsWith('actions/cache'));
    expect(cache?.with?.path).toBe('.losscheck/corpus');
    expect(commands(explore).find((a) => a[0] === 'check')).toEqual(expect.arrayContaining(['--mode', 'explore']));
  });
});
