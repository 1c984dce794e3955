/**
 * The large-CSV path's result lines in WebAssembly (wasm/csv-format.c, embedded by
 * scripts/build-wasm.mjs): `id,score,grade,rank` with the score exactly as `String(v)` prints it,
 * no string made (the rare scores the fast path leaves come back here to `String`). One instance
 * per thread; a call copies its rows' ids, scores, grades and ranks into the module's memory and
 * the lines out.
 *
 * Memory, from the module's heap base: grade names and their ends, then per call the ids, id ends,
 * scores, ranks, grades and the lines (room for `csvResultsBound` bytes). It grows for longer calls.
 */
import { CSV_FORMAT_WASM } from './csv-format-wasm.ts';
import type { CsvResultColumns } from './csv-kernels.ts';

const PAGE = 65536;

interface Exports {
  heap_base(): number;
  put_number(v: number, out: number): number;
  format_rows(...args: number[]): number;
}

let module: WebAssembly.Module | undefined;

class FastFormat {
  private readonly memory = new WebAssembly.Memory({ initial: 32 });
  private readonly exports: Exports;
  private readonly base: number;

  constructor() {
    module ??= new WebAssembly.Module(Buffer.from(CSV_FORMAT_WASM, 'base64'));
    const encoder = new TextEncoder();
    const env = {
      memory: this.memory,
      number_text: (v: number, at: number): number => encoder.encodeInto(String(v), new Uint8Array(this.memory.buffer, at, 32)).written,
    };
    this.exports = new WebAssembly.Instance(module, { env }).exports as unknown as Exports;
    this.base = (this.exports.heap_base() + 7) & ~7;
  }

  /** Room for `bytes` from the heap base; returns the memory's buffer (views of an older one are void). */
  private room(bytes: number): ArrayBuffer {
    const have = this.memory.buffer.byteLength;
    const need = this.base + bytes;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    return this.memory.buffer;
  }

  /** String(v)'s bytes (a view of module memory, valid until the next call). */
  numberText(v: number): Uint8Array {
    const buf = this.room(64);
    return new Uint8Array(buf, this.base, this.exports.put_number(v, this.base));
  }

  /**
   * Rows rowBase … rowBase + idEnds.length − 1 as lines into out at `at` (room for `bound` bytes);
   * returns the end. ids/idEnds: the rows' ids (idEnds cumulative from the first row's id).
   */
  formatRows(
    ids: Uint8Array,
    idEnds: Int32Array,
    rowBase: number,
    r: CsvResultColumns,
    out: Uint8Array,
    at: number,
    bound: number,
  ): number {
    const count = idEnds.length;
    let nameBytes = 0;
    for (const nm of r.names) nameBytes += nm.length;
    let o = 0;
    const take = (bytes: number) => {
      const here = this.base + o;
      o = (o + bytes + 7) & ~7;
      return here;
    };
    const at_ = {
      names: take(nameBytes),
      nameEnds: take(4 * r.names.length),
      ids: take(ids.length),
      idEnds: take(4 * count),
      score: take(8 * count),
      rank: take(4 * count),
      grade: take(4 * count),
      out: take(bound),
    };
    const buf = this.room(o);
    const bytes = new Uint8Array(buf);
    let n = 0;
    const nameEnds = new Int32Array(buf, at_.nameEnds, r.names.length);
    r.names.forEach((nm, g) => {
      bytes.set(nm, at_.names + n);
      n += nm.length;
      nameEnds[g] = n;
    });
    bytes.set(ids, at_.ids);
    new Int32Array(buf, at_.idEnds, count).set(idEnds);
    new Float64Array(buf, at_.score, count).set(r.score.subarray(rowBase, rowBase + count));
    new Int32Array(buf, at_.rank, count).set(r.rank.subarray(rowBase, rowBase + count));
    if (r.grade) new Int32Array(buf, at_.grade, count).set(r.grade.subarray(rowBase, rowBase + count));
    const written = this.exports.format_rows(
      at_.ids,
      at_.idEnds,
      count,
      rowBase,
      at_.score,
      at_.rank,
      r.grade ? at_.grade : 0,
      at_.names,
      at_.nameEnds,
      at_.out,
    );
    out.set(new Uint8Array(this.memory.buffer, at_.out, written), at);
    return at + written;
  }
}

let instance: FastFormat | undefined;

/** This thread's formatter. */
export function fastFormat(): FastFormat {
  instance ??= new FastFormat();
  return instance;
}
