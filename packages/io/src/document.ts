/**
 * JSON and YAML documents (SPEC §10) with positions: every value keeps its place in the text, so an
 * error found later, at a data path, can be reported with its line. YAML (1.2, a superset of JSON)
 * is read by the yaml parser. JSON is read by `JSON.parse` when its objects repeat no key and it
 * nests at most MAX_DEPTH levels (the same value the YAML reading gives, 200× faster for a tree),
 * and the yaml parser reads it only when a line is asked for. yaml itself (50 ms to load) is loaded
 * on first use. Also the light entry `@scf-risk/io/document`, which every CLI command loads at start.
 */

import { createRequire } from 'node:module';
import { type PathSegment, ValidationError } from '@scf-risk/core/errors';
import type { Document, Node } from 'yaml';
import { type FileBytes, fileText } from './file.ts';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/** The yaml package, loaded on first use. */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}

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
  const json = readJson(text);
  if (json === undefined) return parseYaml(text, file);
  let withLines: Input | undefined;
  return {
    file,
    data: json,
    lineOf(path) {
      withLines ??= parseYaml(text, file);
      return withLines.lineOf(path);
    },
  };
}

/**
 * The value of `text` if it is JSON whose objects repeat no key and which nests at most MAX_DEPTH
 * levels (else undefined: the YAML reading decides, and names the line of what is wrong). A
 * repeated key leaves the value one member short of the text's `"key":` count.
 */
function readJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  let members = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return undefined;
    const items = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) members += items.length;
    for (const v of items) if (typeof v === 'object' && v !== null) stack.push({ value: v, depth: depth + 1 });
  }
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    i++;
    while (text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    let j = i + 1;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    if (text[j] === ':') keys++;
  }
  return keys === members ? data : undefined;
}

/** Read `text` with the yaml parser, keeping every value's place. */
function parseYaml(text: string, file: string): Input {
  const { LineCounter, parseDocument, isMap, isSeq } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const line = (offset: number | undefined) => (offset === undefined ? '' : ` (line ${lineCounter.linePos(offset).line})`);
  if (doc.errors.length > 0) {
    throw new ValidationError(
      doc.errors.map((err) => {
        const pos = err.pos ? lineCounter.linePos(err.pos[0]) : undefined;
        const where = pos ? ` (line ${pos.line}, column ${pos.col})` : '';
        if (/call stack/i.test(err.message)) return tooDeep(file, where);
        return { path: [], message: `${file} is not valid JSON or YAML${where}: ${err.message.split('\n')[0]}` };
      }),
    );
  }
  const shape = checkShape(doc);
  if (shape.cycle)
    throw new ValidationError([
      {
        path: [],
        message: `${file}: the alias *${shape.cycle.source}${line(shape.cycle.offset)} refers to a value that contains it, so the data would never end`,
        allowed: 'aliases (*name) to values defined elsewhere, never inside the anchored value (&name) itself',
      },
    ]);
  if (shape.tooDeep) throw new ValidationError([tooDeep(file, line(shape.tooDeep))]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (e) {
    const unresolved = e instanceof ReferenceError ? /^Unresolved alias.*: (.*)$/.exec(e.message) : null;
    if (unresolved)
      throw new ValidationError([
        {
          path: [],
          message: `${file}: the alias *${unresolved[1]} refers to no anchor &${unresolved[1]} set before it`,
          allowed: 'an alias (*name) after the value it names (&name)',
        },
      ]);
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      throw new ValidationError([
        {
          path: [],
          message: `${file}: its YAML aliases (*name) expand to too many values (more than ${MAX_ALIAS_COUNT} times its anchors' size), as an "alias bomb" does`,
          allowed: `at most ${MAX_ALIAS_COUNT} alias expansions; write the values out, or use fewer nested aliases`,
        },
      ]);
    if (e instanceof RangeError) throw new ValidationError([tooDeep(file, '')]);
    throw e;
  }
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

/** The YAML parser's limit on alias expansions (its defence against alias bombs). */
export const MAX_ALIAS_COUNT = 100;

/** How deeply lists and objects may nest in an input file (a study's tree is a few levels deep). */
export const MAX_DEPTH = 200;

function tooDeep(file: string, where: string) {
  return {
    path: [],
    message: `${file} nests lists or objects more than ${MAX_DEPTH} levels deep${where}`,
    allowed: `at most ${MAX_DEPTH} levels of nesting`,
  };
}

/**
 * Walk the parsed document without recursion: the first alias that refers to a value containing
 * it (a cycle, which would make the data infinite), and the offset where nesting first passes
 * {@link MAX_DEPTH}.
 */
function checkShape(doc: Document): { cycle?: { source: string; offset?: number }; tooDeep?: number } {
  const { isAlias, isMap, isPair, isSeq } = yaml();
  const root = doc.contents as unknown;
  if (!root) return {};
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  const found: { cycle?: { source: string; offset?: number }; tooDeep?: number } = {};
  const parents = new Map<unknown, unknown>(); // each node's container, to climb from an alias
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > MAX_DEPTH) {
      found.tooDeep = (node as Node).range?.[0];
      return found;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      for (let p = parents.get(node); p !== undefined; p = parents.get(p))
        if (p === target) {
          found.cycle = { source: node.source, offset: node.range?.[0] };
          return found;
        }
      continue;
    }
    if (isMap(node) || isSeq(node))
      for (const item of node.items as unknown[]) {
        const children = isPair(item) ? [item.key, item.value] : [item];
        for (const c of children)
          if (c && typeof c === 'object') {
            parents.set(c, node);
            stack.push({ node: c, depth: depth + 1 });
          }
      }
  }
  return found;
}
