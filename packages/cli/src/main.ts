/**
 * `scf-risk`: parse the command line, dispatch to a subcommand, return the exit code (SPEC §10).
 */
import { Command, CommanderError } from 'commander';
import { EXIT } from './command.ts';
import { registerCommands } from './commands/index.ts';

/** Build the program (exported for tests and --help generation). */
export async function buildProgram(): Promise<Command> {
  const program = new Command('scf-risk')
    .description('Supply-chain-finance risk: indicator systems, weighting, evaluation, credit rating')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program);
  return program;
}

/** Run with `argv` (process.argv form); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  const program = await buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.invalid;
    }
    throw e;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}
