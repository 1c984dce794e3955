/**
 * Where a run of `scf-risk` reads and writes: standard input, output and error, and its exit
 * code. The real process by default; an in-process run (tests, other programs) supplies its own,
 * so every command can be driven without starting a process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** An output stream as the commands use it (progress bars need a real TTY stream). */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Terminal {
  stdin: AsyncIterable<Buffer | string>;
  stdout: OutStream;
  stderr: OutStream;
  /** Set by a command: 1 (a requested check failed), 2 (invalid input), 3 (a bug). */
  exitCode?: number;
}

const current = new AsyncLocalStorage<Terminal>();
const processTerminal: Terminal = {
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};

/** The terminal of the run in progress. */
export function terminal(): Terminal {
  return current.getStore() ?? processTerminal;
}

/** Run `body` with `t` as the terminal. */
export function withTerminal<T>(t: Terminal, body: () => Promise<T>): Promise<T> {
  return current.run(t, body);
}
