/**
 * Loading a method's input (SPEC §10): FILE is JSON or YAML (by content; `-` = standard input).
 * Everything is parsed with the YAML 1.2 parser (a superset of JSON) so every value keeps its
 * source position and errors can name the line.
 */

import { readFile } from 'node:fs/promises';
import { type PathSegment, ValidationError } from '@scf-risk/core';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { terminal } from './terminal.ts';

/** A parsed input file: the plain data plus a way to find where a path stands in the file. */
export interface Input {
  /** The file name as the user gave it (`<stdin>` for `-`). */
  file: string;
  /** The parsed value. */
  data: unknown;
  /** 1-based line of the value at `path`, or of its nearest ancestor present in the file. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** Read standard input to a string. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of terminal().stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Read and parse FILE (or `-`). Throws ValidationError (with line) on unreadable or malformed files. */
export async function loadInput(file: string | undefined): Promise<Input> {
  const name = !file || file === '-' ? '<stdin>' : file;
  let text: string;
  try {
    text = name === '<stdin>' ? await readStdin() : await readFile(name, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new ValidationError([{ path: [], message: `cannot read ${name}: ${why}` }]);
  }
  return parseInputText(text, name);
}

/** Parse JSON/YAML text that came from `file`. */
export function parseInputText(text: string, file: string): Input {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      doc.errors.map((err) => {
        const pos = err.pos ? lineCounter.linePos(err.pos[0]) : undefined;
        const where = pos ? ` (line ${pos.line}, column ${pos.col})` : '';
        return { path: [], message: `${file} is not valid JSON or YAML${where}: ${err.message.split('\n')[0]}` };
      }),
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || data === undefined) {
    throw new ValidationError([{ path: [], message: `${file} is empty`, allowed: 'a JSON or YAML object' }]);
  }
  return {
    file,
    data,
    lineOf(path) {
      let node: unknown = doc.contents;
      let found: Node | undefined = doc.contents ?? undefined;
      for (const seg of path) {
        if (isMap(node) || isSeq(node)) {
          const next = node.get(seg, true) as unknown;
          if (next === undefined) break;
          node = next;
          if (next && typeof next === 'object' && 'range' in next) found = next as Node;
        } else break;
      }
      const start = found?.range?.[0];
      return start === undefined ? undefined : lineCounter.linePos(start).line;
    },
  };
}
