/**
 * Reading a command's files (SPEC §10): the CLI opens files and standard input, io parses them.
 * FILE is JSON or YAML (by content; `-` = standard input), parsed with positions so errors can
 * name the line; data files are handed to io's readers as `{name, bytes}` under the path typed.
 */

import { readFile } from 'node:fs/promises';
import { ValidationError } from '@scf-risk/core/errors';
import { type FileBytes, type Input, parseInput } from '@scf-risk/io/document';
import { terminal } from './terminal.ts';

export { type Input, parseInputText } from '@scf-risk/io/document';

/** Read standard input to bytes. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of terminal().stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * The bytes of `file`, named as the user typed it (`-` or nothing: standard input, `<stdin>`).
 * A missing or unreadable file is a ValidationError (exit 2) naming it.
 */
export async function readFileBytes(file: string | undefined): Promise<FileBytes> {
  const name = !file || file === '-' ? '<stdin>' : file;
  try {
    return { name, bytes: name === '<stdin>' ? await readStdin() : await readFile(name) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new ValidationError([{ path: [], message: `cannot read ${name}: ${why}` }]);
  }
}

/** Read and parse FILE (or `-`). Throws ValidationError (with line) on unreadable or malformed files. */
export async function loadInput(file: string | undefined): Promise<Input> {
  return parseInput(await readFileBytes(file));
}
