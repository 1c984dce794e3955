/**
 * The shape every method command shares (SPEC §10): `scf-risk <method> [FILE|-] [options]
 * [--format json|table|csv]`: input loading and output; errors and their exit codes through
 * `guard` (guard.ts).
 */

import { CheckFailedError } from '@scf-risk/core/errors';
import { type Command, Option } from 'commander';
import { guard } from './guard.ts';
import { type Input, loadInput } from './input.ts';
import { defaultFormat, emit, type Format, type Presenter } from './output.ts';

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
