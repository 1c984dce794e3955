/**
 * How a command's errors reach the user (SPEC §10): a ValidationError as one `error:` line per
 * issue, naming the file and line; a failed check; anything else as an internal error. Each maps
 * to its exit code (2, 1, 3), kept in the terminal's exitCode.
 */
import { CheckFailedError, formatIssue, ValidationError } from '@scf-risk/core/errors';
import { EXIT } from './exit-codes.ts';
import type { Input } from './input.ts';
import { terminal } from './terminal.ts';
import { OutputFileError } from './write-file.ts';

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
