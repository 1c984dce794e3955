/**
 * Large numeric CSV files straight into column-major shared memory, and result rows back out
 * (SPEC §4.6). Two passes over the bytes, each split into ranges of about 2 MB that the worker
 * threads of a kernel pool (`csv-kernels.ts`, loaded as the pool's `extra` module) take in turn:
 * the first counts the record-ending line breaks of each range (for both quote states at its
 * start, resolved here in order), which sizes the numbers exactly — rows × columns doubles, no
 * growing — and places every range's first row; the second parses each range's whole records
 * into its rows. No string per cell; ids stay bytes. Quoted fields are read as RFC 4180 says.
 * Errors name file, row and column as `readTable` does. Without a pool the same kernels run on
 * this thread.
 *
 * A file is read by position (each worker reads its own ranges): the large-portfolio path keeps
 * peak memory near the numbers' size, which reading the whole file into memory first would not.
 */

import { type KernelModule, type KernelPool, sharedColumnMajor } from '@scf-risk/core/parallel';
import { type ColumnMajor, type FuzzyPlan, ValidationError } from '@scf-risk/core/portfolio';
import {
  type CsvByteSource,
  type CsvCellProblem,
  type CsvFuzzyFreeRange,
  type CsvFuzzyRange,
  type CsvKernels,
  type CsvParsedRange,
  type CsvRangeCount,
  csvCountRange,
  csvFormatResults,
  csvParseFuzzyFree,
  csvParseFuzzyRange,
  csvParseRange,
  csvResultsBound,
  csvRowsBound,
} from './csv-kernels.ts';
import { csvField } from './csv-write.ts';
import { checkCsvHeader, csvWhere, NUMBER_CELL_ALLOWED } from './tables.ts';

export type { CsvKernels } from './csv-kernels.ts';

/**
 * The CSV kernels as a kernel pool's `extra` module: `createKernelPool({ size, extra: numericCsvKernels })`.
 * Built, the workers load them bundled with their imports (`csv-kernels.bundle.js`, from
 * scripts/bundle-workers.mjs); from the sources, the module itself.
 */
export const numericCsvKernels: KernelModule<CsvKernels> = {
  url: new URL(import.meta.url.endsWith('.ts') ? './csv-kernels.ts' : './csv-kernels.bundle.js', import.meta.url).href,
};

/** A CSV to read: a file (`path`, read by position) or bytes; `name` names it in messages. */
export type NumericCsvSource = { name: string; path: string } | { name: string; bytes: Uint8Array };

/** Ids of the rows (the first field, as bytes), decoded on demand. */
export class IdColumn {
  /** Consecutive row ranges: first row, the ids' bytes and where each id ends. */
  readonly parts: readonly { rowBase: number; ids: Uint8Array; idEnds: Int32Array }[];
  readonly length: number;
  constructor(parts: IdColumn['parts']) {
    this.parts = parts;
    this.length = parts.reduce((s, p) => s + p.idEnds.length, 0);
  }
  /** Id of row i (its row number, from 1, when the cell is empty). */
  get(i: number): string {
    for (const p of this.parts) {
      const k = i - p.rowBase;
      if (k < 0 || k >= p.idEnds.length) continue;
      const s = k === 0 ? 0 : p.idEnds[k - 1];
      return s === p.idEnds[k] ? String(i + 1) : decoder.decode(p.ids.subarray(s, p.idEnds[k]));
    }
    throw new RangeError(`row ${i} of ${this.length}`);
  }
  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

export interface NumericCsv {
  ids: IdColumn;
  /** rows × wanted columns, in `wanted` order, in shared memory. */
  x: ColumnMajor;
}

export interface NumericCsvOptions {
  /** Worker threads for both passes (created with `extra: numericCsvKernels`); without it this thread does the work. */
  pool?: KernelPool<CsvKernels>;
  /** Called as the work advances: the fraction done (0–1) and the step's name. */
  onProgress?: (done: number, step: string) => void;
  /** Bytes per range of work (default 2 MB: each worker reuses a buffer of that size, touched once; small values exercise the range boundaries in tests). */
  rangeBytes?: number;
}

const decoder = new TextDecoder();
const RANGE = 2 << 20;

/** Run a CSV kernel on the pool, or here. */
function runner(pool: KernelPool<CsvKernels> | undefined) {
  return {
    count: (src: CsvByteSource, from: number, to: number): Promise<CsvRangeCount> =>
      pool ? pool.run('csvCountRange', src, from, to) : Promise.resolve(csvCountRange(src, from, to)),
    parse: (...a: Parameters<typeof csvParseRange>): Promise<CsvParsedRange> =>
      pool ? pool.run('csvParseRange', ...a) : Promise.resolve(csvParseRange(...a)),
    parseFree: (...a: Parameters<typeof csvParseFuzzyFree>): Promise<CsvFuzzyFreeRange> =>
      pool ? pool.run('csvParseFuzzyFree', ...a) : Promise.resolve(csvParseFuzzyFree(...a)),
    parseFuzzy: (...a: Parameters<typeof csvParseFuzzyRange>): Promise<CsvFuzzyRange> =>
      pool ? pool.run('csvParseFuzzyRange', ...a) : Promise.resolve(csvParseFuzzyRange(...a)),
    format: (...a: Parameters<typeof csvFormatResults>): Promise<number> =>
      pool ? pool.run('csvFormatResults', ...a) : Promise.resolve(csvFormatResults(...a)),
  };
}

/** Split a header line into fields (quotes as RFC 4180), trimmed. */
function headerFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

interface CsvLayout {
  file: string;
  src: CsvByteSource;
  size: number;
  bodyStart: number;
  pool: KernelPool<CsvKernels> | undefined;
  run: ReturnType<typeof runner>;
  progress: (done: number, step: string) => void;
  fail: (message: string, allowed?: string) => never;
  hdr: string[];
  pick: Int32Array;
  /** Whole records per range, each range's first row (blank lines counted as rows). */
  ranges: { from: number; to: number; rows: number; rowBase: number }[];
  total: number;
  /** The byte ranges before they are aligned to records. */
  cuts: number[];
}

/** The header, the wanted columns and pass 1: record-ending line breaks per range. */
async function layout(
  source: string | NumericCsvSource,
  wanted: readonly string[],
  options: NumericCsvOptions,
  count = true,
): Promise<CsvLayout> {
  const input: NumericCsvSource = typeof source === 'string' ? { name: source, path: source } : source;
  const file = input.name;
  const fail = (message: string, allowed?: string): never => {
    throw new ValidationError([{ path: [], message, ...(allowed ? { allowed } : {}) }]);
  };
  let src: CsvByteSource;
  let size: number;
  let pool = options.pool;
  if ('bytes' in input) {
    src = { bytes: input.bytes };
    size = input.bytes.length;
    // workers share bytes only in shared memory (anything else would be copied to each task)
    if (!(input.bytes.buffer instanceof SharedArrayBuffer)) pool = undefined;
  } else {
    src = { path: input.path };
    const { statSync } = await import('node:fs');
    size = statSync(input.path).size;
  }
  const run = runner(pool);
  const progress = options.onProgress ?? (() => {});

  // The header: the first record (line breaks inside quotes do not end it).
  let headerEnd = -1;
  let headerBytes = new Uint8Array(0);
  for (let len = Math.min(size, 1 << 16); ; len = Math.min(size, len * 4)) {
    headerBytes = ('path' in src ? await readHead(src, len) : src.bytes.subarray(0, len)).slice();
    let q = false;
    for (let i = 0; i < headerBytes.length; i++) {
      if (headerBytes[i] === 34) q = !q;
      else if (headerBytes[i] === 10 && !q) {
        headerEnd = i + 1;
        break;
      }
    }
    if (headerEnd >= 0 || len >= size) break;
  }
  const headerText = decoder.decode(headerBytes.subarray(0, headerEnd >= 0 ? headerEnd : headerBytes.length)).replace(/^\uFEFF/, '');
  if (headerText.trim() === '') fail(`${file} is empty; expected a header row and data rows`);
  const hdr = headerFields(headerText.replace(/\r?\n$/, ''));
  checkCsvHeader(file, hdr);
  const missing = wanted.filter((w) => !hdr.includes(w));
  if (missing.length > 0) fail(`${file}: no column ${missing.map((c) => `"${c}"`).join(', ')}`, `a header with ${wanted.join(', ')}`);
  const pick = Int32Array.from(hdr, (h) => wanted.indexOf(h));
  const bodyStart = headerEnd >= 0 ? headerEnd : size;

  // Pass 1: record-ending line breaks per range → exact row count and each range's first row.
  const parts = Math.max(pool?.size ?? 1, Math.ceil((size - bodyStart) / (options.rangeBytes ?? RANGE)));
  const cuts = Array.from({ length: parts + 1 }, (_, k) => bodyStart + Math.floor(((size - bodyStart) * k) / parts));
  if (!count) return { file, src, size, bodyStart, pool, run, progress, fail, hdr, pick, ranges: [], total: 0, cuts };
  let counted = 0;
  const counts = await Promise.all(
    cuts.slice(0, -1).map(async (from, k) => {
      const c = await run.count(src, from, cuts[k + 1]);
      progress((0.1 * ++counted) / parts, 'counting rows');
      return c;
    }),
  );
  const ranges: { from: number; to: number; rows: number; rowBase: number }[] = [];
  let inQuotes = 0;
  let start = bodyStart;
  let total = 0;
  counts.forEach((c, k) => {
    const breaks = c.breaks[inQuotes];
    const last = c.last[inQuotes];
    inQuotes ^= c.quotes & 1;
    const isLast = k === parts - 1;
    const to = isLast ? size : breaks > 0 ? last + 1 : start;
    const end = breaks > 0 ? last + 1 : start; // just past this range's last line break
    const rows = breaks + (isLast && size > Math.max(end, start) ? 1 : 0);
    if (rows > 0) ranges.push({ from: start, to, rows, rowBase: total });
    total += rows;
    start = to;
  });
  if (total === 0) fail(`${file}: the portfolio is empty (no rows below the header)`);
  return { file, src, size, bodyStart, pool, run, progress, fail, hdr, pick, ranges, total, cuts };
}

/** The message of a parse problem, thrown. */
function failAt(l: CsvLayout, bad: CsvCellProblem): never {
  const { file, hdr, fail } = l;
  const { row, field, kind, text } = bad;
  if (kind === 'empty') fail(`${csvWhere(file, row, hdr[field])}: empty cell`, 'a number');
  if (kind === 'not-a-number') fail(`${csvWhere(file, row, hdr[field])}: "${text}" is not a number`, NUMBER_CELL_ALLOWED);
  if (kind === 'too-many')
    fail(`${file}, row ${row + 2}: more cells than the header's ${hdr.length} columns`, `one cell per column; ${NUMBER_CELL_ALLOWED}`);
  return fail(`${file}, row ${row + 2}: ${field} cells but the header has ${hdr.length} columns`);
}

/** The ids of the parsed ranges, rows numbered without the blank lines. */
function idColumn(parsed: readonly CsvParsedRange[]): IdColumn {
  let rowBase = 0;
  return new IdColumn(
    parsed.map((p) => {
      const part = { rowBase, ids: p.ids, idEnds: p.idEnds };
      rowBase += p.rows;
      return part;
    }),
  );
}

/** Read `wanted` columns (by header name) of a numeric CSV into shared column-major memory. */
export async function readNumericCsv(
  source: string | NumericCsvSource,
  wanted: readonly string[],
  options: NumericCsvOptions = {},
): Promise<NumericCsv> {
  const l = await layout(source, wanted, options);
  const { src, size, bodyStart, run, progress, fail, pick, ranges, total, file } = l;
  const n = wanted.length;

  // Pass 2: each range's records into its rows of the shared column-major numbers.
  const x = sharedColumnMajor(total, n);
  let parsedBytes = 0;
  const parsed = await Promise.all(
    ranges.map(async (r) => {
      const p = await run.parse(src, r.from, r.to, pick, x, r.rowBase, r.rows);
      parsedBytes += r.to - r.from;
      progress(0.1 + (0.9 * parsedBytes) / Math.max(1, size - bodyStart), 'reading');
      return p;
    }),
  );
  const bad = parsed.find((p) => p.problem)?.problem;
  if (bad) failAt(l, bad);
  // Blank lines were counted but hold no row: close the gaps (in place, moving data down only).
  const m = parsed.reduce((s, p) => s + p.rows, 0);
  if (m === 0) fail(`${file}: the portfolio is empty (no rows below the header)`);
  let data = x.data;
  if (m < total) {
    for (let j = 0; j < n; j++) {
      let to = j * m;
      parsed.forEach((p, k) => {
        const from = j * total + ranges[k].rowBase;
        data.copyWithin(to, from, from + p.rows);
        to += p.rows;
      });
    }
    data = data.subarray(0, m * n);
  }
  const ids = idColumn(parsed);
  return { ids, x: { rows: m, cols: n, data } };
}

/** The fused fce reading (`readNumericCsvFuzzy`): what the plan needs and the scale the values must lie on. */
export interface NumericCsvFuzzyJob {
  plan: FuzzyPlan;
  /** The grade axis [lowest, highest] score: a value off it means the column is not scores. */
  scale: [number, number];
}

export interface NumericCsvFuzzy {
  ids: IdColumn;
  /** Per row (blank lines dropped): fce score and grade index, in shared memory. */
  score: Float64Array;
  grade: Int32Array;
  /** Cells off the scale (NaN too): when any, a column was not scores and the scores are not the general path's. */
  off: number;
}

/**
 * The fused fce path: parse the CSV and evaluate each parsed block of rows at once
 * (`csvParseFuzzyRange`) — the numbers are never written out, so no rows × columns matrix exists
 * (its first touch alone costs more than the parse). The scores are those of
 * `fuzzyEvaluateBatch` on the same numbers, valid as the general path's only if every column turns
 * out to be scores (`off` = 0): the caller checks and otherwise reads the file again the
 * general way. Parse errors are the same as `readNumericCsv`'s.
 */
export async function readNumericCsvFuzzy(
  source: string | NumericCsvSource,
  wanted: readonly string[],
  job: NumericCsvFuzzyJob,
  options: NumericCsvOptions = {},
): Promise<NumericCsvFuzzy> {
  const free = await readFuzzyUncounted(source, wanted, job, options);
  if (free) return free;
  const l = await layout(source, wanted, options);
  const { src, size, bodyStart, run, progress, fail, pick, ranges, total, file, pool } = l;
  const n = wanted.length;
  const [lo, hi] = job.scale;
  const score = pool ? new Float64Array(new SharedArrayBuffer(total * 8)) : new Float64Array(total);
  const grade = pool ? new Int32Array(new SharedArrayBuffer(total * 4)) : new Int32Array(total);
  let parsedBytes = 0;
  const parsed = await Promise.all(
    ranges.map(async (r) => {
      const p = await run.parseFuzzy(src, r.from, r.to, pick, n, job.plan, lo, hi, score, grade, r.rowBase, r.rows);
      parsedBytes += r.to - r.from;
      progress(0.1 + (0.9 * parsedBytes) / Math.max(1, size - bodyStart), 'reading');
      return p;
    }),
  );
  const bad = parsed.find((p) => p.problem)?.problem;
  if (bad) failAt(l, bad);
  const m = parsed.reduce((s, p) => s + p.rows, 0);
  if (m === 0) fail(`${file}: the portfolio is empty (no rows below the header)`);
  const off = parsed.reduce((s, p) => s + p.off, 0);
  // Blank lines were counted but hold no row: close the gaps.
  let out = { score, grade };
  if (m < total) {
    let to = 0;
    parsed.forEach((p, k) => {
      score.copyWithin(to, ranges[k].rowBase, ranges[k].rowBase + p.rows);
      grade.copyWithin(to, ranges[k].rowBase, ranges[k].rowBase + p.rows);
      to += p.rows;
    });
    out = { score: score.subarray(0, m), grade: grade.subarray(0, m) };
  }
  return { ids: idColumn(parsed), ...out, off };
}

/**
 * The fused path without the counting pass: ranges cut at line breaks (valid when no quoted field
 * spans one — a range holding a quote asks for the counted path: undefined), each range's scores
 * its own, numbered and joined once all are read.
 */
async function readFuzzyUncounted(
  source: string | NumericCsvSource,
  wanted: readonly string[],
  job: NumericCsvFuzzyJob,
  options: NumericCsvOptions,
): Promise<NumericCsvFuzzy | undefined> {
  const l = await layout(source, wanted, options, false);
  const { src, size, bodyStart, run, progress, fail, pick, cuts, file, pool } = l;
  const n = wanted.length;
  const [lo, hi] = job.scale;
  // each range writes into its own slot of rows (room for as many as its bytes can hold), in memory
  // the workers share: only the rows written are touched, and the slots close up in place below
  const caps = cuts.slice(0, -1).map((from, k) => csvRowsBound(cuts[k + 1] - from + 1, pick.length, n));
  const slotAt = [0];
  for (const c of caps) slotAt.push(slotAt[slotAt.length - 1] + c);
  const capacity = slotAt[caps.length];
  // narrow records make the bound loose (a 4-byte record bounds a slot at a quarter of its bytes):
  // past twice the file's size in reserved memory, the counted path sizes the arrays exactly
  if (capacity * 16 > 2 * (size - bodyStart) + (64 << 20)) return undefined;
  const slots = {
    score: new Float64Array(pool ? new SharedArrayBuffer(capacity * 8) : new ArrayBuffer(capacity * 8)),
    grade: new Int32Array(pool ? new SharedArrayBuffer(capacity * 4) : new ArrayBuffer(capacity * 4)),
    idEnds: new Int32Array(pool ? new SharedArrayBuffer(capacity * 4) : new ArrayBuffer(capacity * 4)),
  };
  let parsedBytes = 0;
  const args = (k: number) => [src, cuts[k], cuts[k + 1], size, k === 0, pick, n, job.plan, lo, hi, slots, slotAt[k], caps[k]] as const;
  const parsed = await eachRange(
    caps.length,
    pool,
    (k) => run.parseFree(...args(k)),
    (k) => csvParseFuzzyFree(...args(k)),
    (k) => {
      parsedBytes += cuts[k + 1] - cuts[k];
      progress((0.95 * parsedBytes) / Math.max(1, size - bodyStart), 'reading');
    },
  );
  if (parsed.some((p) => p.retry)) return undefined;
  let records = 0;
  for (const p of parsed) {
    if (p.problem) failAt(l, { ...p.problem, row: records + p.problem.row });
    records += p.records;
  }
  const m = parsed.reduce((s, p) => s + p.rows, 0);
  if (m === 0) fail(`${file}: the portfolio is empty (no rows below the header)`);
  let at = 0;
  const parts = parsed.map((p, k) => {
    slots.score.copyWithin(at, slotAt[k], slotAt[k] + p.rows);
    slots.grade.copyWithin(at, slotAt[k], slotAt[k] + p.rows);
    const part = { rowBase: at, ids: p.ids, idEnds: slots.idEnds.subarray(slotAt[k], slotAt[k] + p.rows) };
    at += p.rows;
    return part;
  });
  return {
    ids: new IdColumn(parts),
    score: slots.score.subarray(0, m),
    grade: slots.grade.subarray(0, m),
    off: parsed.reduce((s, p) => s + p.off, 0),
  };
}

/**
 * Ranges 0 … count − 1 through the pool (`onPool`, two per worker in flight), with this thread
 * doing ranges itself (`here`) until a worker has answered: worker threads take 0.1–0.3 s to
 * start, and this thread would only wait meanwhile. `done(k)` follows each range; the first error
 * rejects (the other ranges' results are dropped).
 */
function eachRange<R>(
  count: number,
  pool: KernelPool<CsvKernels> | undefined,
  onPool: (k: number) => Promise<R>,
  here: (k: number) => R,
  done: (k: number) => void,
): Promise<R[]> {
  const out = new Array<R>(count);
  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let active = 0;
    let answered = false;
    let failed = false;
    const fail = (e: unknown) => {
      failed = true;
      reject(e);
    };
    const finish = (k: number, r: R) => {
      out[k] = r;
      active--;
      done(k);
      if (next >= count && active === 0 && !failed) resolve(out);
    };
    const launch = () => {
      while (pool && !failed && next < count && active < 2 * pool.size) {
        const k = next++;
        active++;
        onPool(k).then((r) => {
          answered = true;
          finish(k, r);
          launch();
        }, fail);
      }
    };
    launch();
    void (async () => {
      while ((!pool || !answered) && !failed && next < count) {
        const k = next++;
        active++;
        try {
          finish(k, here(k));
        } catch (e) {
          fail(e);
          return;
        }
        if (pool) await new Promise((r) => setImmediate(r)); // let a worker's answer in
      }
      if (next >= count && active === 0 && !failed) resolve(out);
    })();
  });
}

async function readHead(input: { path: string }, len: number): Promise<Uint8Array> {
  const { open } = await import('node:fs/promises');
  const fh = await open(input.path, 'r');
  try {
    const buf = new Uint8Array(len);
    const { bytesRead } = await fh.read(buf, 0, len, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Per-alternative results of a batch evaluation, for `writeResultsCsv`. */
export interface BatchResultColumns {
  score: Float64Array;
  rank: Int32Array;
  /** Grade index per row, into `gradeNames`. */
  grade?: Int32Array;
  gradeNames?: readonly string[];
}

function shared<T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = make(a.length);
  s.set(a);
  return s;
}

/** Output slots in flight: enough to keep every worker formatting while this thread writes. */
const OUTPUT_SLOTS = 6;

/**
 * `id,score,grade,rank` lines — the file the general path writes (fields quoted when they must be,
 * scores as JavaScript prints them) — formatted on the pool's workers range by range and handed
 * to `write` in order. A chunk's memory is reused once `write` returns (or its promise resolves).
 */
export async function writeResultsCsv(
  write: (chunk: Uint8Array) => void | Promise<void>,
  ids: IdColumn,
  r: BatchResultColumns,
  options: NumericCsvOptions = {},
): Promise<void> {
  const run = runner(options.pool);
  const encoder = new TextEncoder();
  const cols = {
    score: options.pool ? shared(r.score, (k) => new Float64Array(new SharedArrayBuffer(k * 8))) : r.score,
    rank: options.pool ? shared(r.rank, (k) => new Int32Array(new SharedArrayBuffer(k * 4))) : r.rank,
    grade: r.grade ? (options.pool ? shared(r.grade, (k) => new Int32Array(new SharedArrayBuffer(k * 4))) : r.grade) : null,
    names: (r.gradeNames ?? []).map((g) => encoder.encode(csvField(g))),
  };
  await write(encoder.encode('id,score,grade,rank\n'));
  // A ring of slots, each with room for any range's lines: range k goes to slot k mod SLOTS once
  // range k − SLOTS is written. Fresh memory costs a page fault per 4 KB on first touch (10–35 µs
  // each on a virtual machine), so the same few megabytes are reused rather than the output's size.
  const parts = ids.parts;
  let slot = 0;
  for (const p of parts) slot = Math.max(slot, csvResultsBound(p.ids.length, p.idEnds.length, cols.names));
  const slots = Math.min(parts.length, OUTPUT_SLOTS);
  const out = options.pool ? new Uint8Array(new SharedArrayBuffer(slots * slot)) : new Uint8Array(slots * slot);
  const ends: Promise<number>[] = [];
  const start = (k: number) => {
    const p = parts[k];
    ends[k] = run.format(p.ids, p.idEnds, p.rowBase, cols, out, (k % slots) * slot);
  };
  for (let k = 0; k < slots; k++) start(k);
  for (let k = 0; k < parts.length; k++) {
    const at = (k % slots) * slot;
    await write(out.subarray(at, await ends[k]));
    if (k + slots < parts.length) start(k + slots);
    options.onProgress?.((k + 1) / parts.length, 'writing');
  }
}
