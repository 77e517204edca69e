/**
 * The `losscheck` program (spec/formats.md#CLI-1..6): every command, each registered by its
 * own module. A process that names its command loads that command's module only: the modules of
 * every command together took a third of a second to load, which each `losscheck eval` or
 * `check` paid at start. `--version` loads none; help, or a name that is no command, loads them all.
 */
import { Command } from 'commander';

type Register = (cli: Command, version: string) => void;

/** The commands in the order help lists them, each with the names its module registers. */
const COMMANDS: readonly (readonly [readonly string[], () => Promise<Register>])[] = [
  [['eval'], async () => (await import('./eval.js')).registerEval],
  [['check'], async () => (await import('./check.js')).registerCheck],
  [['replay'], async () => (await import('./replay.js')).registerReplay],
  [['hunt'], async () => (await import('./hunt.js')).registerHunt],
  [['matrix'], async () => (await import('./matrix.js')).registerMatrix],
  [['merge'], async () => (await import('./merge.js')).registerMerge],
  [['manifest'], async () => (await import('./manifest.js')).registerManifest],
  [['stability'], async () => (await import('./stability.js')).registerStability],
  [['demo'], async () => (await import('./demo.js')).registerDemo],
  [['onnx-cases', 'export-onnx-cases'], async () => (await import('./onnxCases.js')).registerOnnxCases],
  [['bench'], async () => (await import('./bench.js')).registerBench],
];

/** Arguments that need no command's module. */
const VERSION_FLAGS = ['-V', '--version'];

/** The program with `command`'s module only when it names one, else with every command. */
export async function program(version: string, command?: string): Promise<Command> {
  const cli = new Command('losscheck')
    .description('Verification and conformance suite for cross-entropy-family losses')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run losscheck --help for usage)');
  if (command !== undefined && VERSION_FLAGS.includes(command)) return cli;
  const named = COMMANDS.filter(([names]) => command !== undefined && names.includes(command));
  for (const [, load] of named.length > 0 ? named : COMMANDS) (await load())(cli, version);
  return cli;
}
