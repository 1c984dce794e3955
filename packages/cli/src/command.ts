/**
 * The shape every method command shares (SPEC §10): `scf-risk <method> [FILE|-] [options]
 * [--format json|table|csv]`, input loading, output, and the exit-code mapping
 * (0 ok, 1 a requested check failed, 2 invalid input or usage, 3 internal error).
 */

import { CheckFailedError, formatIssue, ValidationError } from '@scf-risk/core';
import { type Command, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import { type Input, loadInput } from './input.ts';
import { defaultFormat, emit, type Format, type Presenter } from './output.ts';
import { terminal } from './terminal.ts';
import { OutputFileError } from './write-file.ts';

export { EXIT };

/** What a method's `run` returns: the result, and optionally a failed check (exit code 1). */
export interface MethodOutcome<R extends object> {
  result: R;
  /** When set, the result is still printed, then this message goes to stderr and the exit code is 1. */
  failedCheck?: string;
}

/** Definition of one method command. */
export interface MethodCommand<R extends object, O> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Input fields and option meanings, shown by `--help`. */
  details: string;
  /** At least one runnable example, shown by `--help`. */
  examples: string[];
  /** Adds the method's own options. */
  options?(cmd: Command): Command;
  /** Compute; throw ValidationError for bad input (paths relative to the file's top level). */
  run(input: Input, options: O): MethodOutcome<R> | Promise<MethodOutcome<R>>;
  presenter?: Presenter<R>;
}

/** Register a method command on `program` (or on a parent command such as `tree`). */
export function addMethodCommand<R extends object, O>(program: Command, def: MethodCommand<R, O>): Command {
  let cmd = program
    .command(def.name)
    .summary(def.summary)
    .description(`${def.summary}\n\n${def.details}`)
    .argument('[file]', 'input JSON or YAML file; - or nothing reads standard input')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, json when piped)').choices(['json', 'table', 'csv']),
    );
  if (def.options) cmd = def.options(cmd);
  cmd.addHelpText('after', `\nExamples:\n${def.examples.map((e) => `  ${e}`).join('\n')}\n`);
  cmd.action(async (file: string | undefined, opts: O & { format?: Format }) => {
    let input: Input | undefined;
    await guard(
      async () => {
        input = await loadInput(file);
        const outcome = await def.run(input, opts);
        emit(outcome.result, opts.format ?? defaultFormat(), def.presenter);
        if (outcome.failedCheck) throw new CheckFailedError(outcome.failedCheck);
      },
      () => input,
    );
  });
  return cmd;
}

/**
 * Run `body`, turning errors into messages on stderr and the SPEC §10 exit code
 * (stored in the terminal's exitCode). `input` names the file and lines in validation messages.
 */
export async function guard(body: () => Promise<void>, input: () => Input | undefined = () => undefined): Promise<void> {
  try {
    await body();
  } catch (e) {
    terminal().exitCode = reportError(e, input());
  }
}

/** Print `e` for a user and return the exit code. */
export function reportError(e: unknown, input?: Input): number {
  if (e instanceof ValidationError) {
    for (const issue of e.issues) {
      const line = input && issue.path.length > 0 ? input.lineOf(issue.path) : undefined;
      const output = e instanceof OutputFileError; // about the file being written, not a place in the input
      const where = input && !output ? `${input.file}${line ? `:${line}` : ''}: ` : '';
      terminal().stderr.write(`error: ${where}${formatIssue(issue)}\n`);
    }
    return EXIT.invalid;
  }
  if (e instanceof CheckFailedError) {
    terminal().stderr.write(`check failed: ${e.message}\n`);
    return EXIT.checkFailed;
  }
  const msg = e instanceof Error ? e.message : String(e);
  terminal().stderr.write(
    `internal error (a bug in scf-risk, not in your input): ${msg}\n` +
      'Please report it on the project issue tracker with the command and input that caused it' +
      (process.env.SCF_DEBUG ? `\n${(e as Error).stack}` : ' (set SCF_DEBUG=1 for details).') +
      '\n',
  );
  return EXIT.internal;
}
