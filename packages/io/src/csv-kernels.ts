/**
 * Kernels of the large-CSV path (`numeric-csv.ts`), run by the worker threads of a core kernel
 * pool (loaded as its `extra` module) or on the calling thread: count the records of a byte range,
 * parse whole records of a byte range straight into shared column-major memory, and format result
 * rows as CSV bytes. They work on bytes: no string per cell (a cell the fast number path cannot
 * read exactly is decoded and given to `Number`, as the general reader does), only ids are kept,
 * as bytes. Quoted fields (RFC 4180: `""` inside quotes, line breaks inside quotes) are handled.
 * The fused fce path's common record and the result lines run in WebAssembly (csv-fuzzy-fast.ts,
 * csv-format-fast.ts). This module imports node:fs and core's parallel entry, not core's main entry
 * (a few hundred ms to load); built, the workers load it bundled (scripts/bundle-workers.mjs).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { type FuzzyPlan, fuzzyEvaluateRowBlock } from '@scf-risk/core/parallel';
import { fastFormat } from './csv-format-fast.ts';
import { fastFuzzyFor } from './csv-fuzzy-fast.ts';

/** Where the bytes are: a file read by position (each worker reads its own ranges), or bytes in memory (shared memory for workers). */
export type CsvByteSource = { path: string } | { bytes: Uint8Array };

/** Column-major numbers (core's ColumnMajor), written in place. */
interface Columns {
  rows: number;
  cols: number;
  data: Float64Array;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

let scratch = new Uint8Array(0);

/**
 * Bytes [from, to) of the source (a view of this thread's scratch buffer — or of `into(len + 1)`,
 * a buffer of at least that many bytes — when read from a file, or always with `sentinel`: then the
 * view is one byte longer and that byte is a line break).
 */
function bytesOf(src: CsvByteSource, from: number, to: number, sentinel = false, into?: (bytes: number) => Uint8Array): Uint8Array {
  if ('bytes' in src && !sentinel) return src.bytes.subarray(from, to);
  const len = to - from;
  if (into) return readInto(src, from, len, sentinel, into(len + 1));
  if (scratch.length < len + 1) scratch = new Uint8Array(Math.max(len + 1, Math.min(2 * scratch.length, 1 << 24)));
  return readInto(src, from, len, sentinel, scratch);
}

function readInto(src: CsvByteSource, from: number, len: number, sentinel: boolean, scratch: Uint8Array): Uint8Array {
  let got = len;
  if ('bytes' in src) scratch.set(src.bytes.subarray(from, from + len));
  else {
    const fd = openSync(src.path, 'r');
    try {
      got = 0;
      while (got < len) {
        const r = readSync(fd, scratch, got, len - got, from + got);
        if (r === 0) break;
        got += r;
      }
    } finally {
      closeSync(fd);
    }
  }
  if (!sentinel) return scratch.subarray(0, got);
  scratch[got] = NL;
  return scratch.subarray(0, got + 1);
}

/** Line breaks of a byte range, for both quote states at its start (index 0: outside quotes, 1: inside). */
export interface CsvRangeCount {
  /** Quote characters in the range. */
  quotes: number;
  /** Line breaks that end a record. */
  breaks: [number, number];
  /** Position (in the file) of the last such line break, or −1. */
  last: [number, number];
}

/** Kernel: count the record-ending line breaks of bytes [from, to) (a line break inside quotes does not end a record). */
export function csvCountRange(src: CsvByteSource, from: number, to: number): CsvRangeCount {
  const b = bytesOf(src, from, to);
  const len = b.length;
  // Buffer's indexOf is memchr (several times faster than a typed array's)
  const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  if (buf.indexOf(QUOTE) < 0) {
    let count = 0;
    let last = -1;
    for (let i = buf.indexOf(NL); i >= 0; i = buf.indexOf(NL, i + 1)) {
      count++;
      last = i;
    }
    return { quotes: 0, breaks: [count, 0], last: [last < 0 ? -1 : from + last, -1] };
  }
  const breaks: [number, number] = [0, 0];
  const last: [number, number] = [-1, -1];
  let q = 0;
  let quotes = 0;
  for (let i = 0; i < len; i++) {
    const c = b[i];
    if (c === QUOTE) {
      q ^= 1;
      quotes++;
    } else if (c === NL) {
      // outside quotes now: a break if the range started outside (q = 0) — and the reverse
      breaks[q]++;
      last[q] = from + i;
    }
  }
  return { quotes, breaks, last };
}

/** A cell the parser rejects: data row (0-based), field index, what is wrong, the cell's text. */
export interface CsvCellProblem {
  row: number;
  field: number;
  kind: 'empty' | 'not-a-number' | 'too-many' | 'too-few';
  text: string;
}

export interface CsvParsedRange {
  /** Rows written (blank lines are skipped). */
  rows: number;
  /** The ids (first field, trimmed, unquoted) one after another, and where each ends. */
  ids: Uint8Array;
  idEnds: Int32Array;
  problem?: CsvCellProblem;
}

const decoder = new TextDecoder();
const ROW_BLOCK = 256;

/** The parser's state between its small functions (one parse at a time per thread). */
let problem: CsvCellProblem | undefined;
let blank = false;

/**
 * The ids, as bytes, in an append-only arena of shared memory: a range's ids are a view of it
 * (`takeIds`), so they reach the caller and later the formatting workers without a copy, and no
 * memory is touched twice. A full arena is left to its views and a new one started.
 */
let ids: Uint8Array = new Uint8Array(0);
/** Where the current range's ids start in the arena, and their length so far. */
let idStart = 0;
let idLen = 0;
const ARENA = 4 << 20;

function putId(b: Uint8Array, s: number, e: number, quoted: boolean): void {
  if (idStart + idLen + (e - s) > ids.length) {
    const grown = new Uint8Array(new SharedArrayBuffer(Math.max(ARENA, 2 * (idLen + (e - s)))));
    grown.set(ids.subarray(idStart, idStart + idLen));
    ids = grown;
    idStart = 0;
  }
  let o = idStart + idLen;
  if (!quoted && e - s > 64) {
    ids.set(b.subarray(s, e), o);
    o += e - s;
  } else
    for (let i = s; i < e; i++) {
      ids[o++] = b[i];
      if (quoted && b[i] === QUOTE) i++; // "" inside quotes is one quote
    }
  idLen = o - idStart;
}

/** The current range's ids (a view of the arena); the next range's start after them. */
function takeIds(): Uint8Array {
  const v = ids.subarray(idStart, idStart + idLen);
  idStart += idLen;
  idLen = 0;
  return v;
}

/** The general reading of a cell: its text, trimmed, through Number (sets `problem` when it is no number). */
function slowCell(b: Uint8Array, s: number, e: number, quoted: boolean, row: number, field: number): number {
  let text = decoder.decode(b.subarray(s, e));
  if (quoted) text = text.replaceAll('""', '"');
  text = text.trim();
  const v = Number(text);
  if (text === '') problem = { row, field, kind: 'empty', text };
  else if (!Number.isFinite(v)) problem = { row, field, kind: 'not-a-number', text };
  return v;
}

/** End of the quoted field whose opening quote is at s − 1: the closing quote's position (or len). */
function closingQuote(b: Uint8Array, s: number, len: number): number {
  let e = s;
  for (;;) {
    while (e < len && b[e] !== QUOTE) e++;
    if (e + 1 < len && b[e + 1] === QUOTE) e += 2;
    else return e;
  }
}

/** The position of the terminator of the unquoted field at p; records it (trimmed) as the id when `isId`. */
function skipField(b: Uint8Array, p: number, len: number, isId: boolean): number {
  const s = p;
  while (p < len && b[p] !== COMMA && b[p] !== NL) p++;
  if (isId) {
    let e = p;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB || b[e - 1] === CR)) e--;
    putId(b, s, e, false);
  }
  return p;
}

/** The value read by the last `cell` call. */
let cellValue = 0;

/**
 * One field at p (after leading blanks): its value into `cellValue` when wanted, the id when
 * field 0; returns the position of its terminator (a comma, a line break, or len).
 */
function cell(b: Uint8Array, p: number, len: number, wanted: boolean, isId: boolean, row: number, field: number): number {
  if (b[p] === QUOTE) {
    const s = p + 1;
    const e = Math.min(closingQuote(b, s, len), len);
    p = e + 1;
    while (p < len && b[p] !== COMMA && b[p] !== NL) p++; // blanks (or stray text) after the closing quote
    if (isId) putId(b, s, e, true);
    if (wanted) cellValue = slowCell(b, s, e, true, row, field);
    return p;
  }
  if (!wanted) return skipField(b, p, len, isId);
  const s = p;
  const end = skipField(b, p, len, isId);
  cellValue = slowCell(b, s, end, false, row, field);
  return end;
}

/**
 * Kernel: parse the records in bytes [from, to) (starting at a record's start) into rows
 * rowBase, rowBase + 1, … of `x`; field f goes to column pick[f] (−1: not wanted); field 0 is the
 * id. Numbers with at most 15 digits and no exponent are read from the bytes as digits / 10^k (the
 * correctly rounded value, as `Number` gives); any other cell goes through `Number`. Rows are
 * gathered in small row-major blocks and written out column by column.
 */
export function csvParseRange(
  src: CsvByteSource,
  from: number,
  to: number,
  pick: Int32Array,
  x: Columns,
  rowBase: number,
  maxRows: number,
): CsvParsedRange {
  const b = bytesOf(src, from, to, true);
  const len = b.length - 1; // b[len] is a line break: the fast path needs no bounds checks
  const block = new Float64Array(ROW_BLOCK * x.cols);
  const idEnds = new Int32Array(maxRows);
  problem = undefined;
  idLen = 0;
  pos = 0;
  blanks = 0;
  let rows = 0;
  // One call per block of rows, so V8 optimises the block function whole (a single long loop
  // would run on-stack-replaced code, thrown away again when the loop ends, in every call).
  while (pos < len && rows < maxRows && problem === undefined) {
    const got = parseBlock(b, len, pick, x.cols, block, idEnds, rows, Math.min(ROW_BLOCK, maxRows - rows), rowBase + rows);
    flushBlock(x, block, rowBase + rows, got);
    rows += got;
  }
  const out: CsvParsedRange = { rows, ids: takeIds(), idEnds: idEnds.slice(0, rows) };
  if (problem) out.problem = problem;
  return out;
}

export interface CsvFuzzyRange extends CsvParsedRange {
  /** Cells off the grade axis [lo, hi] (NaN too): when any, the values were not all scores. */
  off: number;
}

/**
 * Kernel, the fused fce path: parse the records in bytes [from, to) as `csvParseRange` does, and
 * instead of writing the numbers out evaluate each block of rows (row-major, as parsed) with
 * core's `fuzzyEvaluateRowBlock` into score/grade[rowBase …] — the scores `fuzzyEvaluateBatch`
 * gives on the same numbers, bit for bit. Also counts the cells off [lo, hi] (the grade axis),
 * zero-weight columns included: the caller decides whether the values were scores at all.
 */
export function csvParseFuzzyRange(
  src: CsvByteSource,
  from: number,
  to: number,
  pick: Int32Array,
  cols: number,
  plan: FuzzyPlan,
  lo: number,
  hi: number,
  score: Float64Array,
  grade: Int32Array,
  rowBase: number,
  maxRows: number,
): CsvFuzzyRange {
  const b = bytesOf(src, from, to, true);
  const len = b.length - 1;
  const block = new Float64Array(ROW_BLOCK * cols);
  const idEnds = new Int32Array(maxRows);
  const loc = new Float64Array(plan.g);
  const bb = new Float64Array(plan.g);
  const unweighted = Int32Array.from(Array.from(plan.w.keys()).filter((j) => plan.w[j] === 0));
  problem = undefined;
  idLen = 0;
  pos = 0;
  blanks = 0;
  let rows = 0;
  let off = 0;
  while (pos < len && rows < maxRows && problem === undefined) {
    const got = parseBlock(b, len, pick, cols, block, idEnds, rows, Math.min(ROW_BLOCK, maxRows - rows), rowBase + rows);
    off += fuzzyEvaluateRowBlock(plan, block, got, cols, score, grade, rowBase + rows, loc, bb);
    if (unweighted.length > 0) off += offAxis(block, got, cols, unweighted, lo, hi);
    rows += got;
  }
  const out: CsvFuzzyRange = { rows, ids: takeIds(), idEnds: idEnds.slice(0, rows), off };
  if (problem) out.problem = problem;
  return out;
}

let freeBlock = new Float64Array(0);

/** Longest record the uncounted fused path reads past its range's end (a longer one: the counted path). */
const MAX_TAIL = 1 << 20;

export interface CsvFuzzyFreeRange {
  /** The range holds a quote character (or a record longer than MAX_TAIL bytes): its records may not be cut at line breaks; nothing else is valid. */
  retry: boolean;
  /** Rows written (from the range's slot `at`; blank lines are skipped). */
  rows: number;
  /** Records read, blank lines included (row numbers count them). */
  records: number;
  /** The ids (a view of this thread's id arena); where each ends is in the slot's idEnds. */
  ids: Uint8Array;
  /** Cells off the grade axis [lo, hi] (NaN too). */
  off: number;
  problem?: CsvCellProblem;
}

/** Where the uncounted fused path writes each range's rows: its slot of `csvRowsBound` rows from `at`. */
export interface CsvFuzzySlots {
  score: Float64Array;
  grade: Int32Array;
  idEnds: Int32Array;
}

/**
 * The most rows of records starting in `bytes` bytes, `fields` fields each of which `picked` are
 * numbers: a record takes at least fields + picked bytes (separators, line break, one character per
 * number — an empty number cell stops the parse), so (bytes − 1) / (fields + picked) + 1 records.
 */
export function csvRowsBound(bytes: number, fields: number, picked: number): number {
  return Math.floor(bytes / (fields + picked)) + 1;
}

/**
 * Kernel, the fused fce path without a counting pass: the records that start in bytes [from, to)
 * (from: a record's start when `first`, else the byte after the first line break at or after
 * from − 1), the last read past `to` to its line break. That is where records start only when no
 * quoted field spans a line break, so a range holding a quote character asks for the counted path
 * (`retry`). Scores, grades and id ends go to the range's slot (`slots`, rows at …, room for
 * `csvRowsBound(to − from + 1, …)` rows, in shared memory: nothing is copied back); a problem's row
 * counts from the range's first record: the caller numbers rows once every range is read. With
 * equally spaced grades the common records are read and evaluated in WebAssembly
 * (csv-fuzzy-fast.ts: the same scores bit for bit, a range 1.7× faster), the others here.
 */
export function csvParseFuzzyFree(
  src: CsvByteSource,
  from: number,
  to: number,
  size: number,
  first: boolean,
  pick: Int32Array,
  cols: number,
  plan: FuzzyPlan,
  lo: number,
  hi: number,
  slots: CsvFuzzySlots,
  at: number,
  cap: number,
): CsvFuzzyFreeRange {
  const a = first ? from : from - 1;
  const lastStart = to - a; // records start before this
  let raw: Uint8Array = new Uint8Array(0);
  let got = 0;
  let start = 0;
  let end = -1;
  // the WebAssembly record path reads the bytes into its own memory
  const fast = fastFuzzyFor(plan, pick);
  const into = fast && ((bytes: number) => fast.prepare(plan, pick, cols, bytes));
  // read a little past the range for its last record's end (more only for a very long record)
  for (const tail of [1 << 16, MAX_TAIL]) {
    const z = Math.min(size, to + tail);
    raw = bytesOf(src, a, z, true, into);
    got = raw.length - 1;
    const buf = Buffer.from(raw.buffer, raw.byteOffset, got);
    start = first ? 0 : buf.indexOf(NL) + 1; // 0 when none: then no record starts here (start ≥ to − a below)
    if (start === 0 && !first) end = 0;
    else {
      const nl = lastStart > 0 ? buf.indexOf(NL, lastStart - 1) : -1;
      end = nl >= 0 ? nl + 1 : z === size ? got : -1;
    }
    if (end >= 0) break;
  }
  const empty = { rows: 0, records: 0, ids: new Uint8Array(0), off: 0 };
  if (end < 0) return { ...empty, retry: true };
  if (start >= lastStart || start >= end) return { ...empty, retry: false };
  const b = raw.subarray(start, end + 1);
  const len = end - start;
  b[len] = NL; // the sentinel (scratch holds a copy: the byte after the records is not needed)
  if (Buffer.from(b.buffer, b.byteOffset, len).indexOf(QUOTE) >= 0) return { ...empty, retry: true };
  // this thread's buffers, kept between calls (fresh ones per range made the collector run often)
  if (freeBlock.length < ROW_BLOCK * cols) freeBlock = new Float64Array(ROW_BLOCK * cols);
  const block = freeBlock;
  const loc = new Float64Array(plan.g);
  const bb = new Float64Array(plan.g);
  const unweighted = Int32Array.from(Array.from(plan.w.keys()).filter((j) => plan.w[j] === 0));
  problem = undefined;
  idLen = 0;
  pos = 0;
  blanks = 0;
  let rows = 0;
  let off = 0;
  const { score, grade, idEnds } = slots;
  while (pos < len && problem === undefined) {
    if (fast) {
      // fast records in WebAssembly, then one record here (the one it stopped at), and again
      const r = fast.run(b, pos, len, cap - rows);
      score.set(r.score, at + rows);
      grade.set(r.grade, at + rows);
      for (let i = 0; i < r.rows; i++) idEnds[at + rows + i] = idLen + r.idEnds[i];
      putId(r.ids, 0, r.ids.length, false);
      off += r.off;
      rows += r.rows;
      pos = r.pos;
      if (pos >= len) break;
    }
    const got = parseBlock(b, len, pick, cols, block, idEnds, at + rows, Math.min(fast ? 1 : ROW_BLOCK, cap - rows), rows);
    off += fuzzyEvaluateRowBlock(plan, block, got, cols, score, grade, at + rows, loc, bb);
    if (unweighted.length > 0) off += offAxis(block, got, cols, unweighted, lo, hi);
    rows += got;
    if (rows === cap && pos < len && problem === undefined)
      throw new Error(`csvParseFuzzyFree: more than ${cap} rows in ${to - from} bytes (csvRowsBound is wrong)`);
  }
  const out: CsvFuzzyFreeRange = { retry: false, rows, records: rows + blanks, ids: takeIds(), off };
  if (problem) out.problem = problem;
  return out;
}

/** Cells of the given columns of a row-major block off [lo, hi] (NaN too). */
function offAxis(block: Float64Array, count: number, n: number, columns: Int32Array, lo: number, hi: number): number {
  let off = 0;
  for (let i = 0; i < count; i++)
    for (let k = 0; k < columns.length; k++) {
      const v = block[i * n + columns[k]];
      if (!(v >= lo && v <= hi)) off++;
    }
  return off;
}

/** Where `parseBlock` stopped, and the blank lines it has passed in this range (rows are numbered as records, blank ones too, as `rowBase` counts them). */
let pos = 0;
let blanks = 0;

/**
 * Up to `most` records from `pos` into block (row-major) and their id ends into idEnds[at …];
 * returns the rows read (blank lines are skipped), stops early at a problem (`row`: the number of
 * the block's first row, for the problem). The counting pass saw every line break, so once the
 * range's rows are read nothing but blanks can follow.
 */
function parseBlock(
  b: Uint8Array,
  len: number,
  pick: Int32Array,
  n: number,
  block: Float64Array,
  idEnds: Int32Array,
  at: number,
  most: number,
  row: number,
): number {
  let p = pos;
  let got = 0;
  while (p < len && got < most) {
    const q = fastRecord(b, p, pick, block, got * n);
    if (q >= 0) p = q;
    else {
      p = parseRecord(b, p, len, pick, n, block, got * n, row + got + blanks);
      if (problem !== undefined) break;
      if (blank) {
        blanks++;
        continue;
      }
    }
    idEnds[at + got++] = idLen;
  }
  pos = p;
  return got;
}

function flushBlock(x: Columns, block: Float64Array, r0: number, count: number): void {
  const { rows: m, cols: n, data } = x;
  for (let j = 0; j < n; j++) {
    const o = j * m + r0;
    for (let i = 0; i < count; i++) data[o + i] = block[i * n + j];
  }
}

/**
 * The common record, read fast: an unquoted id without blanks around it, then numbers of the form
 * [-] digits [. digits] (at most 15 digits) and unwanted fields without quotes, each followed by a
 * comma, the last by a line break (CRLF too). b must end with a line break beyond the range (no
 * bounds checks here). Returns the position after the record, or −1 (nothing recorded) when the
 * record is any other case: `parseRecord` then reads it, blank lines and errors included.
 */
function fastRecord(b: Uint8Array, p: number, pick: Int32Array, block: Float64Array, base: number): number {
  const last = pick.length - 1;
  if (last === 0 || pick[0] >= 0) return -1; // the id is a wanted column too, or the only field
  const s = p;
  let c = b[p];
  if (c === SPACE || c === TAB) return -1;
  while (c !== COMMA && c !== NL && c !== QUOTE && c !== CR) c = b[++p];
  if (c !== COMMA) return -1;
  const e = p;
  if (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) return -1;
  for (let field = 1; field <= last; field++) {
    c = b[++p];
    const k = pick[field];
    if (k < 0) {
      while (c !== COMMA && c !== NL && c !== QUOTE) c = b[++p];
      if (c === QUOTE) return -1;
    } else {
      const neg = c === MINUS;
      if (neg) c = b[++p];
      let mant = 0;
      let digits = 0;
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        c = b[++p];
      }
      let frac = 0;
      if (c === DOT) {
        c = b[++p];
        while (c >= 48 && c <= 57) {
          mant = mant * 10 + (c - 48);
          frac++;
          c = b[++p];
        }
        digits += frac;
      }
      if (digits === 0 || digits > 15) return -1;
      const v = frac === 0 ? mant : mant / POW10[frac];
      block[base + k] = neg ? -v : v;
    }
    if (field < last) {
      if (c !== COMMA) return -1;
    } else if (c === CR) {
      if (b[++p] !== NL) return -1;
    } else if (c !== NL) return -1;
  }
  putId(b, s, e, false);
  return p + 1;
}

/**
 * One record at p into block[base …]: returns the position after it; sets `blank` for a blank
 * line (no row), `problem` on a bad cell or a wrong number of cells.
 */
function parseRecord(
  b: Uint8Array,
  p: number,
  len: number,
  pick: Int32Array,
  n: number,
  block: Float64Array,
  base: number,
  row: number,
): number {
  let q = p;
  while (q < len && (b[q] === SPACE || b[q] === TAB || b[q] === CR)) q++;
  blank = q >= len || b[q] === NL;
  if (blank) return q + 1;
  const fields = pick.length;
  let field = 0;
  let got = 0;
  for (;;) {
    if (field >= fields) {
      problem = { row, field, kind: 'too-many', text: '' };
      return p;
    }
    const k = pick[field];
    while (p < len && (b[p] === SPACE || b[p] === TAB)) p++;
    let c = p < len ? b[p] : NL;
    if (k >= 0 && field > 0 && c !== QUOTE) {
      // the fast number path: [sign] digits [. digits], then blanks, then the terminator
      const s = p;
      let neg = false;
      if (c === MINUS) {
        neg = true;
        c = ++p < len ? b[p] : NL;
      } else if (c === PLUS) c = ++p < len ? b[p] : NL;
      let mant = 0;
      let digits = 0;
      let frac = 0;
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        c = ++p < len ? b[p] : NL;
      }
      if (c === DOT) {
        c = ++p < len ? b[p] : NL;
        while (c >= 48 && c <= 57) {
          mant = mant * 10 + (c - 48);
          digits++;
          frac++;
          c = ++p < len ? b[p] : NL;
        }
      }
      while (c === SPACE || c === TAB || c === CR) c = ++p < len ? b[p] : NL;
      let v: number;
      if (digits > 0 && digits <= 15 && (c === COMMA || c === NL)) {
        v = frac === 0 ? mant : mant / POW10[frac];
        if (neg) v = -v;
      } else {
        p = cell(b, s, len, true, false, row, field);
        if (problem !== undefined) return p;
        v = cellValue;
      }
      block[base + k] = v;
      got++;
    } else {
      p = cell(b, p, len, k >= 0, field === 0, row, field);
      if (problem !== undefined) return p;
      if (k >= 0) {
        block[base + k] = cellValue;
        got++;
      }
    }
    field++;
    if (p < len && b[p] === COMMA) {
      p++;
      continue;
    }
    break;
  }
  if (got < n) {
    problem = { row, field, kind: 'too-few', text: '' };
    return p;
  }
  return p + 1; // past the line break (or the end)
}

/** Results to write: shared (or, on the calling thread, plain) arrays of the whole portfolio. */
export interface CsvResultColumns {
  score: Float64Array;
  rank: Int32Array;
  grade: Int32Array | null;
  /** Grade names as CSV fields (quoted when they must be), UTF-8. */
  names: Uint8Array[];
}

/** The most bytes `csvFormatResults` writes for `rows` rows whose ids take `idBytes` bytes (ids quoted and doubled, scores 26, two integers 12 each). */
export function csvResultsBound(idBytes: number, rows: number, names: readonly Uint8Array[]): number {
  let maxName = 0;
  for (const nm of names) maxName = Math.max(maxName, nm.length);
  return idBytes * 2 + rows * (2 + 2 + 26 + maxName + 12 + 12);
}

/**
 * Kernel: rows rowBase … rowBase + ids' count − 1 as `id,score,grade,rank` lines (UTF-8) into
 * `out` from `at` (room for `csvResultsBound` bytes; shared memory when run on a worker, so the
 * bytes are neither copied back nor allocated per call); returns where they end. The id is quoted
 * when it holds a comma, quote or line break (quotes doubled), an empty id is its row number, the
 * score as JavaScript prints it — written in WebAssembly (csv-format-fast.ts, wasm/csv-format.c).
 */
export function csvFormatResults(
  ids: Uint8Array,
  idEnds: Int32Array,
  rowBase: number,
  r: CsvResultColumns,
  out: Uint8Array,
  at: number,
): number {
  return fastFormat().formatRows(ids, idEnds, rowBase, r, out, at, csvResultsBound(ids.length, idEnds.length, r.names));
}

/** The kernels, by name, for a kernel pool's `extra` module. */
export const kernels = { csvCountRange, csvParseRange, csvParseFuzzyRange, csvParseFuzzyFree, csvFormatResults };
export type CsvKernels = typeof kernels;
