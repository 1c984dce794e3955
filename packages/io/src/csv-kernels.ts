/**
 * Kernels of the large-CSV path (`numeric-csv.ts`), run by the worker threads of a core kernel
 * pool (loaded as its `extra` module) or on the calling thread: count the records of a byte range,
 * parse whole records of a byte range straight into shared column-major memory, and format result
 * rows as CSV bytes. They work on bytes: no string per cell (a cell the fast number path cannot
 * read exactly is decoded and given to `Number`, as the general reader does), only ids are kept,
 * as bytes. Quoted fields (RFC 4180: `""` inside quotes, line breaks inside quotes) are handled.
 * This module imports nothing but node:fs, so workers load it quickly.
 */
import { closeSync, openSync, readSync } from 'node:fs';

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

/** Bytes [from, to) of the source (a view of this thread's scratch buffer when read from a file). */
function bytesOf(src: CsvByteSource, from: number, to: number): Uint8Array {
  if ('bytes' in src) return src.bytes.subarray(from, to);
  const len = to - from;
  if (scratch.length < len) scratch = new Uint8Array(len);
  const fd = openSync(src.path, 'r');
  try {
    let got = 0;
    while (got < len) {
      const r = readSync(fd, scratch, got, len - got, from + got);
      if (r === 0) break;
      got += r;
    }
    return scratch.subarray(0, got);
  } finally {
    closeSync(fd);
  }
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
  if (b.indexOf(QUOTE) < 0) {
    let count = 0;
    let last = -1;
    for (let i = 0; i < len; i++)
      if (b[i] === NL) {
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
  const b = bytesOf(src, from, to);
  const len = b.length;
  const { rows: m, cols: n, data } = x;
  const fields = pick.length;
  const block = new Float64Array(ROW_BLOCK * n);
  let inBlock = 0;
  let rows = 0;
  let ids = new Uint8Array(Math.min(len, 64 + maxRows * 12));
  let idLen = 0;
  const idEnds = new Int32Array(maxRows);
  let problem: CsvCellProblem | undefined;

  const flush = () => {
    const r0 = rowBase + rows - inBlock;
    for (let j = 0; j < n; j++) {
      const o = j * m + r0;
      for (let i = 0; i < inBlock; i++) data[o + i] = block[i * n + j];
    }
    inBlock = 0;
  };
  const putId = (s: number, e: number, quoted: boolean) => {
    if (idLen + (e - s) > ids.length) {
      const grown = new Uint8Array(Math.max(ids.length * 2, idLen + (e - s)));
      grown.set(ids.subarray(0, idLen));
      ids = grown;
    }
    for (let i = s; i < e; i++) {
      ids[idLen++] = b[i];
      if (quoted && b[i] === QUOTE) i++; // "" inside quotes is one quote
    }
  };
  /** The general reading of a cell: its text, trimmed, through Number. */
  const slowCell = (s: number, e: number, quoted: boolean, field: number): number => {
    let text = decoder.decode(b.subarray(s, e));
    if (quoted) text = text.replaceAll('""', '"');
    text = text.trim();
    const v = Number(text);
    if (text === '') problem = { row: rowBase + rows, field, kind: 'empty', text };
    else if (!Number.isFinite(v)) problem = { row: rowBase + rows, field, kind: 'not-a-number', text };
    return v;
  };

  let p = 0;
  records: while (p < len) {
    // a blank line (spaces, tabs, CR only) is no record
    let q = p;
    while (q < len && (b[q] === SPACE || b[q] === TAB || b[q] === CR)) q++;
    if (q >= len) break;
    if (b[q] === NL) {
      p = q + 1;
      continue;
    }
    if (rows >= maxRows) break; // cannot happen: the counting pass saw every line break
    const base = inBlock * n;
    let field = 0;
    let got = 0;
    for (;;) {
      if (field >= fields) {
        problem = { row: rowBase + rows, field, kind: 'too-many', text: '' };
        break records;
      }
      const k = pick[field];
      // leading blanks
      while (p < len && (b[p] === SPACE || b[p] === TAB)) p++;
      let value = 0;
      if (p < len && b[p] === QUOTE) {
        // quoted field: up to the closing quote ("" is an escaped quote)
        const s = p + 1;
        let e = s;
        for (;;) {
          while (e < len && b[e] !== QUOTE) e++;
          if (e + 1 < len && b[e + 1] === QUOTE) e += 2;
          else break;
        }
        p = e + 1;
        while (p < len && b[p] !== COMMA && b[p] !== NL) p++; // blanks (or stray text) after the closing quote
        if (field === 0) putId(s, Math.min(e, len), true);
        if (k >= 0) value = slowCell(s, Math.min(e, len), true, field);
      } else if (k >= 0) {
        // the fast number path: [sign] digits [. digits], then blanks
        const s = p;
        let neg = false;
        if (b[p] === MINUS) {
          neg = true;
          p++;
        } else if (b[p] === PLUS) p++;
        let mant = 0;
        let digits = 0;
        let frac = 0;
        let d = b[p] - 48;
        while (d >= 0 && d <= 9) {
          mant = mant * 10 + d;
          digits++;
          d = b[++p] - 48;
        }
        if (b[p] === DOT) {
          d = b[++p] - 48;
          while (d >= 0 && d <= 9) {
            mant = mant * 10 + d;
            digits++;
            frac++;
            d = b[++p] - 48;
          }
        }
        while (p < len && (b[p] === SPACE || b[p] === TAB || b[p] === CR)) p++;
        if (digits > 0 && digits <= 15 && (p >= len || b[p] === COMMA || b[p] === NL)) {
          value = frac === 0 ? mant : mant / POW10[frac];
          if (neg) value = -value;
        } else {
          while (p < len && b[p] !== COMMA && b[p] !== NL) p++;
          value = slowCell(s, p, false, field);
        }
        if (field === 0) {
          let e = p;
          while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB || b[e - 1] === CR)) e--;
          putId(s, e, false);
        }
      } else {
        const s = p;
        while (p < len && b[p] !== COMMA && b[p] !== NL) p++;
        if (field === 0) {
          let e = p;
          while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB || b[e - 1] === CR)) e--;
          putId(s, e, false);
        }
      }
      if (problem) break records;
      if (k >= 0) {
        block[base + k] = value;
        got++;
      }
      field++;
      if (p < len && b[p] === COMMA) {
        p++;
        continue;
      }
      p++; // past the line break (or the end)
      break;
    }
    if (got < n) {
      problem = { row: rowBase + rows, field, kind: 'too-few', text: '' };
      break;
    }
    idEnds[rows] = idLen;
    rows++;
    inBlock++;
    if (inBlock === ROW_BLOCK) flush();
  }
  flush();
  return { rows, ids: ids.slice(0, idLen), idEnds: idEnds.slice(0, rows), ...(problem ? { problem } : {}) };
}

/** Results to write: shared (or, on the calling thread, plain) arrays of the whole portfolio. */
export interface CsvResultColumns {
  score: Float64Array;
  rank: Int32Array;
  grade: Int32Array | null;
  /** Grade names as CSV fields (quoted when they must be), UTF-8. */
  names: Uint8Array[];
}

function needsQuotes(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === COMMA || c === QUOTE || c === NL || c === CR) return true;
  }
  return false;
}

/**
 * Kernel: rows rowBase … rowBase + ids' count − 1 as `id,score,grade,rank` lines (UTF-8): the id
 * quoted when it holds a comma, quote or line break (quotes doubled), an empty id as its row
 * number, the score as JavaScript prints it.
 */
export function csvFormatResults(ids: Uint8Array, idEnds: Int32Array, rowBase: number, r: CsvResultColumns): Uint8Array {
  const count = idEnds.length;
  let maxName = 0;
  for (const nm of r.names) maxName = Math.max(maxName, nm.length);
  const out = new Uint8Array(ids.length * 2 + count * (2 + 2 + 26 + maxName + 12 + 12));
  let o = 0;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const e = idEnds[i];
    const row = rowBase + i;
    if (e === s) {
      const t = String(row + 1);
      for (let c = 0; c < t.length; c++) out[o++] = t.charCodeAt(c);
    } else if (needsQuotes(ids, s, e)) {
      out[o++] = QUOTE;
      for (let c = s; c < e; c++) {
        if (ids[c] === QUOTE) out[o++] = QUOTE;
        out[o++] = ids[c];
      }
      out[o++] = QUOTE;
    } else {
      out.set(ids.subarray(s, e), o);
      o += e - s;
    }
    s = e;
    out[o++] = COMMA;
    const t = String(r.score[row]);
    for (let c = 0; c < t.length; c++) out[o++] = t.charCodeAt(c);
    out[o++] = COMMA;
    if (r.grade) {
      const nm = r.names[r.grade[row]];
      out.set(nm, o);
      o += nm.length;
    }
    out[o++] = COMMA;
    let v = r.rank[row];
    const start = o;
    do {
      out[o++] = 48 + (v % 10);
      v = (v / 10) | 0;
    } while (v > 0);
    out.subarray(start, o).reverse();
    out[o++] = NL;
  }
  return out.slice(0, o);
}

/** The kernels, by name, for a kernel pool's `extra` module. */
export const kernels = { csvCountRange, csvParseRange, csvFormatResults };
export type CsvKernels = typeof kernels;
