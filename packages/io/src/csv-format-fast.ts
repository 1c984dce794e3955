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
import { compileEmbedded, WasmModule } from './wasm-module.ts';

interface Exports {
  heap_base(): number;
  put_number(v: number, out: number): number;
  format_rows(...args: number[]): number;
}

let module: WebAssembly.Module | undefined;

class FastFormat {
  private readonly wasm: WasmModule<Exports>;

  constructor() {
    module ??= compileEmbedded(CSV_FORMAT_WASM);
    const encoder = new TextEncoder();
    this.wasm = new WasmModule<Exports>(module, (memory) => ({
      number_text: (v: number, at: number): number => encoder.encodeInto(String(v), new Uint8Array(memory.buffer, at, 32)).written,
    }));
  }

  /** String(v)'s bytes (a view of module memory, valid until the next call). */
  numberText(v: number): Uint8Array {
    const { at, buffer } = this.wasm.layout({ out: 64 });
    return new Uint8Array(buffer, at.out, this.wasm.exports.put_number(v, at.out));
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
    const { at: where, buffer: buf } = this.wasm.layout({
      names: nameBytes,
      nameEnds: 4 * r.names.length,
      ids: ids.length,
      idEnds: 4 * count,
      score: 8 * count,
      rank: 4 * count,
      grade: 4 * count,
      out: bound,
    });
    const bytes = new Uint8Array(buf);
    let n = 0;
    const nameEnds = new Int32Array(buf, where.nameEnds, r.names.length);
    r.names.forEach((nm, g) => {
      bytes.set(nm, where.names + n);
      n += nm.length;
      nameEnds[g] = n;
    });
    bytes.set(ids, where.ids);
    new Int32Array(buf, where.idEnds, count).set(idEnds);
    new Float64Array(buf, where.score, count).set(r.score.subarray(rowBase, rowBase + count));
    new Int32Array(buf, where.rank, count).set(r.rank.subarray(rowBase, rowBase + count));
    if (r.grade) new Int32Array(buf, where.grade, count).set(r.grade.subarray(rowBase, rowBase + count));
    const written = this.wasm.exports.format_rows(
      where.ids,
      where.idEnds,
      count,
      rowBase,
      where.score,
      where.rank,
      r.grade ? where.grade : 0,
      where.names,
      where.nameEnds,
      where.out,
    );
    out.set(new Uint8Array(buf, where.out, written), at);
    return at + written;
  }
}

let instance: FastFormat | undefined;

/** This thread's formatter. */
export function fastFormat(): FastFormat {
  instance ??= new FastFormat();
  return instance;
}
