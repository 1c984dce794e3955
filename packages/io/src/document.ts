/**
 * JSON and YAML documents (SPEC §10) with positions: everything is parsed with the YAML 1.2
 * parser (a superset of JSON), so every value keeps its place in the text and an error found
 * later, at a data path, can be reported with its line. Also the light entry
 * `@scf-risk/io/document` (yaml only), which every CLI command loads at start.
 */

import { type PathSegment, ValidationError } from '@scf-risk/core';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type FileBytes, fileText } from './file.ts';

export type { FileBytes } from './file.ts';

/** A parsed document: the plain data plus a way to find where a path stands in the text. */
export interface Input {
  /** The name the document is known by (a path as the user gave it, `<stdin>`, an upload's name). */
  file: string;
  /** The parsed value. */
  data: unknown;
  /** 1-based line of the value at `path`, or of its nearest ancestor present in the text. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** Parse a JSON or YAML file's bytes; see {@link parseInputText}. */
export function parseInput(file: FileBytes): Input {
  return parseInputText(fileText(file), file.name);
}

/**
 * Parse JSON/YAML text that came from `file` (the name used in messages). Throws a
 * ValidationError naming line and column when the text is malformed, or when it is empty.
 */
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
