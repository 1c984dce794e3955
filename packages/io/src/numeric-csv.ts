/**
 * Streaming a large numeric CSV straight into column-major shared memory (SPEC §4.6): the file is
 * read in chunks and parsed line by line; only the id column becomes strings, the wanted columns go
 * into one growing Float64Array — no per-row objects, no per-cell strings kept. The result sits in a
 * SharedArrayBuffer, ready for the parallel batch kernels. Handles the plain CSV that numeric
 * exports are (comma separated, no quoting); a quoted field returns `null` so callers take the
 * general reader, which understands quotes. Errors name file, row and column like `readTable`.
 */
import { createReadStream } from 'node:fs';
import type { ColumnMajor } from '@scf-risk/core';
import { ValidationError } from '@scf-risk/core';
import { sharedColumnMajor } from '@scf-risk/core/parallel';
import { checkCsvHeader, csvWhere } from './tables.ts';

export interface NumericCsv {
  /** First column of every data row (its row number when empty). */
  ids: string[];
  /** rows × wanted columns, in `wanted` order. */
  x: ColumnMajor;
}

/** Read `wanted` columns (by header name) of a plain CSV; null when the file uses quotes. */
export async function readNumericCsv(file: string, wanted: readonly string[]): Promise<NumericCsv | null> {
  const n = wanted.length;
  let header: string[] | null = null;
  let pick: Int32Array = new Int32Array(0); // field index → position in `wanted`, or −1
  let values = new Float64Array(1 << 16);
  const ids: string[] = [];
  let carry = '';
  const fail = (message: string, allowed?: string): never => {
    throw new ValidationError([{ path: [], message, ...(allowed ? { allowed } : {}) }]);
  };
  const line = (text: string): void => {
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (header === null) {
      header = text
        .replace(/^\uFEFF/, '')
        .split(',')
        .map((h) => h.trim());
      const hdr = header;
      checkCsvHeader(file, hdr);
      const missing = wanted.filter((w) => !hdr.includes(w));
      if (missing.length > 0) fail(`${file}: no column ${missing.map((c) => `"${c}"`).join(', ')}`, `a header with ${wanted.join(', ')}`);
      pick = Int32Array.from(hdr, (h) => wanted.indexOf(h));
      return;
    }
    if (text.trim() === '') return;
    const r = ids.length;
    if ((r + 1) * n > values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      values = grown;
    }
    const hdr = header;
    let start = 0;
    let field = 0;
    let got = 0;
    while (start <= text.length) {
      let end = text.indexOf(',', start);
      if (end < 0) end = text.length;
      if (field >= hdr.length) fail(`${file}, row ${r + 2}: more cells than the header's ${hdr.length} columns`);
      if (field === 0) ids.push(text.slice(start, end).trim() || String(r + 1));
      const k = pick[field];
      if (k >= 0) {
        const cell = text.slice(start, end).trim();
        const v = Number(cell);
        if (cell === '') fail(`${csvWhere(file, r, hdr[field])}: empty cell`, 'a number');
        if (!Number.isFinite(v)) fail(`${csvWhere(file, r, hdr[field])}: "${cell}" is not a number`);
        values[r * n + k] = v;
        got++;
      }
      field++;
      start = end + 1;
    }
    if (got < n) fail(`${file}, row ${r + 2}: ${field} cells but the header has ${hdr.length} columns`);
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as string);
    if (text.includes('"')) return null;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      line(text.slice(from, nl));
      from = nl + 1;
    }
    carry = text.slice(from);
  }
  if (carry !== '') line(carry);
  if (header === null) fail(`${file} is empty; expected a header row and data rows`);
  const m = ids.length;
  if (m === 0) fail(`${file}: the portfolio is empty (no rows below the header)`);
  const x = sharedColumnMajor(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) x.data[j * m + i] = values[i * n + j];
  return { ids, x };
}
