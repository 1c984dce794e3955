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

/** Rows per call: the outputs are copied out after each. */
const CHUNK = 4096;
/** Grades the module's row arrays hold. */
const MAX_GRADES = 32;
const PAGE = 65536;

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
  private readonly memory = new WebAssembly.Memory({ initial: 64 });
  private readonly exports: Exports;
  private readonly base: number;
  /** Byte offsets of the arrays; the input starts at `inputAt`, with room for `inputRoom` bytes. */
  private at = { pick: 0, w: 0, up: 0, gradeScore: 0, block: 0, state: 0, score: 0, grade: 0, idEnds: 0, ids: 0 };
  private inputAt = 0;
  private inputRoom = 0;
  private lo = 0;
  private hi = 0;
  private invGap = 0;
  private fields = 0;
  private cols = 0;
  private g = 0;

  constructor() {
    module ??= new WebAssembly.Module(Buffer.from(CSV_FUZZY_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as Exports;
    this.base = (this.exports.heap_base() + 7) & ~7;
  }

  /** Lay out the plan and room for `len` input bytes; returns the input's view (len + 1 bytes: a sentinel fits). */
  prepare(plan: FuzzyPlan, pick: Int32Array, cols: number, len: number): Uint8Array {
    const fields = pick.length;
    let o = this.base;
    const take = (bytes: number) => {
      const here = o;
      o = (o + bytes + 7) & ~7;
      return here;
    };
    this.at = {
      pick: take(4 * fields),
      w: take(8 * cols),
      up: take(4 * plan.g),
      gradeScore: take(8 * plan.g),
      block: take(8 * cols),
      state: take(4 * 8),
      score: take(8 * CHUNK),
      grade: take(4 * CHUNK),
      idEnds: take(4 * CHUNK),
      ids: take(len + 8),
    };
    this.inputAt = o;
    this.inputRoom = len + 1;
    const need = o + len + 8;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    const buf = this.memory.buffer;
    new Int32Array(buf, this.at.pick, fields).set(pick);
    new Float64Array(buf, this.at.w, cols).set(plan.w);
    new Int32Array(buf, this.at.up, plan.g).set(plan.up);
    new Float64Array(buf, this.at.gradeScore, plan.g).set(plan.gradeScore);
    this.lo = plan.centres[0];
    this.hi = plan.centres[plan.g - 1];
    this.invGap = plan.invGap;
    this.fields = fields;
    this.cols = cols;
    this.g = plan.g;
    return new Uint8Array(buf, this.inputAt, this.inputRoom);
  }

  /** Fast records of b (a view of the input, b[len] a line break) from pos, at most `most` rows (≤ CHUNK). */
  run(b: Uint8Array, pos: number, len: number, most: number): FastFuzzyRows {
    const buf = this.memory.buffer;
    if (b.buffer !== buf || b.byteOffset < this.inputAt || b.byteOffset + len >= this.inputAt + this.inputRoom)
      throw new RangeError('FastFuzzy.run: the bytes are not in the prepared input');
    const a = this.at;
    const state = new Int32Array(buf, a.state, 8);
    state[0] = pos;
    state[1] = Math.min(most, CHUNK);
    this.exports.fast_fuzzy(
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
