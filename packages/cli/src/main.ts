/**
 * `scf-risk`: parse the command line, dispatch to a subcommand, return the exit code (SPEC §10).
 * `main` runs on the process's streams; `runCommand` runs in-process on given ones.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { EXIT } from './exit-codes.ts';
import { type OutStream, type Terminal, terminal, withTerminal } from './terminal.ts';

export const VERSION = '0.1.0';

/**
 * Build the program for `argv` (process.argv form): the named command loaded, the others listed;
 * without `argv`, every command loaded (for documentation and tests).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const out = terminal();
  const program = new Command('scf-risk')
    .description('Supply-chain-finance risk: indicator systems, weighting, evaluation, credit rating')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => out.stdout.write(s), writeErr: (s) => out.stderr.write(s) })
    .exitOverride();
  await registerCommands(program, argv);
  // subcommands write through the same terminal and throw instead of exiting
  for (const cmd of allCommands(program)) cmd.configureOutput(program.configureOutput()).exitOverride();
  return program;
}

function allCommands(c: Command): Command[] {
  return c.commands.flatMap((s) => [s, ...allCommands(s)]);
}

/** Run with `argv` (process.argv form) on the current terminal; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const t = terminal();
  t.exitCode = undefined;
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.invalid;
    }
    throw e;
  }
  return t.exitCode ?? EXIT.ok;
}

/** What an in-process run printed and its exit code. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `scf-risk ...args` in this process with `stdin` as standard input, capturing its output. */
export async function runCommand(args: readonly string[], stdin = ''): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const stream = (write: (s: string) => void): OutStream => ({
    write: (s: string) => {
      write(String(s));
      return true;
    },
    isTTY: false,
  });
  const t: Terminal = {
    stdin: (async function* () {
      if (stdin) yield Buffer.from(stdin);
    })(),
    stdout: stream((s) => (stdout += s)),
    stderr: stream((s) => (stderr += s)),
  };
  const code = await withTerminal(t, () => main(['node', 'scf-risk', ...args]));
  return { code, stdout, stderr };
}
