/**
 * The fused fce path's common record in WebAssembly (wasm/csv-fuzzy.c, embedded by
 * scripts/build-wasm.mjs): `csvParseFuzzyFree` reads a range's bytes straight into this thread's
 * module memory (`input`), and `run` parses and evaluates records there while they take the fast
 * form — a range 1.7× faster than the TypeScript record path plus core’s row kernel, the same scores bit
 * for bit (the same operations in the same order; WebAssembly's doubles are IEEE 754 as
 * JavaScript's, with no fused multiply-add). Equally spaced grades only (`plan.uniform`), at most
 * 32; other plans stay on the TypeScript path.
 *
 * Memory, from the module's heap base: the plan (pick, weights, grade order and scores), one
 * record's numbers, a small state array, the outputs of one call (CHUNK rows of score, grade and id
 * end, and the ids' bytes), then the input bytes. It grows when a longer range comes.
 */
import type { FuzzyPlan } from '@scf-risk/core/parallel';
import { CSV_FUZZY_WASM } from './csv-fuzzy-wasm.ts';
import { compileEmbedded, WasmModule } from './wasm-module.ts';

/** Rows per call: the outputs are copied out after each. */
const CHUNK = 4096;
/** Grades the module's row arrays hold. */
const MAX_GRADES = 32;

interface Exports {
  heap_base(): number;
  fast_fuzzy(...args: number[]): void;
}

/** What one `run` read: rows from 0 in `score`, `grade`, `idEnds` (cumulative), `ids` (views of module memory, valid until the next call). */
export interface FastFuzzyRows {
  rows: number;
  /** Position after the last record read (relative to the bytes given). */
  pos: number;
  score: Float64Array;
  grade: Int32Array;
  idEnds: Int32Array;
  ids: Uint8Array;
  off: number;
}

let module: WebAssembly.Module | undefined;

/** This thread's instance: its memory and where each array lies. */
class FastFuzzy {
  private readonly wasm: WasmModule<Exports>;
  /** Byte offsets of the arrays (the input last, with room for `inputRoom` bytes). */
  private at = { pick: 0, w: 0, up: 0, gradeScore: 0, block: 0, state: 0, score: 0, grade: 0, idEnds: 0, ids: 0, input: 0 };
  private inputRoom = 0;
  private lo = 0;
  private hi = 0;
  private invGap = 0;
  private fields = 0;
  private cols = 0;
  private g = 0;

  constructor() {
    module ??= compileEmbedded(CSV_FUZZY_WASM);
    this.wasm = new WasmModule<Exports>(module);
  }

  /** Lay out the plan and room for `len` input bytes; returns the input's view (len + 1 bytes: a sentinel fits). */
  prepare(plan: FuzzyPlan, pick: Int32Array, cols: number, len: number): Uint8Array {
    const fields = pick.length;
    const { at, buffer: buf } = this.wasm.layout({
      pick: 4 * fields,
      w: 8 * cols,
      up: 4 * plan.g,
      gradeScore: 8 * plan.g,
      block: 8 * cols,
      state: 4 * 8,
      score: 8 * CHUNK,
      grade: 4 * CHUNK,
      idEnds: 4 * CHUNK,
      ids: len + 8,
      input: len + 16,
    });
    this.at = at;
    this.inputRoom = len + 1;
    new Int32Array(buf, at.pick, fields).set(pick);
    new Float64Array(buf, at.w, cols).set(plan.w);
    new Int32Array(buf, at.up, plan.g).set(plan.up);
    new Float64Array(buf, at.gradeScore, plan.g).set(plan.gradeScore);
    this.lo = plan.centres[0];
    this.hi = plan.centres[plan.g - 1];
    this.invGap = plan.invGap;
    this.fields = fields;
    this.cols = cols;
    this.g = plan.g;
    return new Uint8Array(buf, at.input, this.inputRoom);
  }

  /** Fast records of b (a view of the input, b[len] a line break) from pos, at most `most` rows (≤ CHUNK). */
  run(b: Uint8Array, pos: number, len: number, most: number): FastFuzzyRows {
    const buf = this.wasm.memory.buffer;
    if (b.buffer !== buf || b.byteOffset < this.at.input || b.byteOffset + len >= this.at.input + this.inputRoom)
      throw new RangeError('FastFuzzy.run: the bytes are not in the prepared input');
    const a = this.at;
    const state = new Int32Array(buf, a.state, 8);
    state[0] = pos;
    state[1] = Math.min(most, CHUNK);
    this.wasm.exports.fast_fuzzy(
      b.byteOffset,
      len,
      a.pick,
      this.fields,
      this.cols,
      a.w,
      this.g,
      a.up,
      a.gradeScore,
      this.lo,
      this.hi,
      this.invGap,
      a.block,
      a.score,
      a.grade,
      a.idEnds,
      a.ids,
      a.state,
    );
    const rows = state[2];
    return {
      rows,
      pos: state[0],
      score: new Float64Array(buf, a.score, rows),
      grade: new Int32Array(buf, a.grade, rows),
      idEnds: new Int32Array(buf, a.idEnds, rows),
      ids: new Uint8Array(buf, a.ids, state[3]),
      off: state[4],
    };
  }
}

let instance: FastFuzzy | undefined;
let enabled = true;

/** This thread's WebAssembly record path for `plan` and `pick` (undefined: the plan or the fields need the TypeScript path, or it is switched off). */
export function fastFuzzyFor(plan: FuzzyPlan, pick: Int32Array): FastFuzzy | undefined {
  if (!enabled || !plan.uniform || plan.g > MAX_GRADES || plan.g < 2 || pick.length < 2 || pick[0] >= 0) return undefined;
  instance ??= new FastFuzzy();
  return instance;
}

/** Switch the WebAssembly path off (false) or on, on this thread: for tests that compare it with the TypeScript path. */
export function useFastFuzzy(on: boolean): void {
  enabled = on;
}

export type { FastFuzzy };
