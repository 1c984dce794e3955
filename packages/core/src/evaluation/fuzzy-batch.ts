/**
 * Fuzzy comprehensive evaluation over a whole portfolio (SPEC §4.2, §4.6): leaf scores in
 * column-major data, triangular memberships between grade centres, the weighted-average
 * operator. That operator is linear, so the multi-level roll-up equals one step with each
 * leaf's global weight: B_i = Σ_l W_l · r(x_il). Each cell adds W_l·(1 − u) and W_l·u to the two
 * grades around it — no alternatives × indicators × grades tensor, no per-alternative objects.
 * Rows can be processed in independent chunks (`from`, `to`) by worker threads.
 */
import { ValidationError } from '../errors.ts';
import type { ColumnMajor } from '../numeric/column-major.ts';
import { checkGrades, DEFAULT_GRADES, type Grade } from './fuzzy.ts';

export interface FuzzyBatchResult {
  /** rows × grades, row-major. */
  b: Float64Array;
  score: Float64Array;
  /** Grade index by maximum membership. */
  grade: Int32Array;
  grades: Grade[];
}

/** The checked parameters of a batch evaluation. */
export interface FuzzyPlan {
  w: Float64Array;
  g: number;
  /** Grade indices in ascending order of their scores, and those scores. */
  up: Int32Array;
  centres: Float64Array;
  /** Grade scores in the grades' own order. */
  gradeScore: Float64Array;
  uniform: boolean;
  invGap: number;
}

/** Check and plan a batch evaluation (also used by the parallel variant, `@scf-risk/core/parallel`). */
export function planFuzzy(x: ColumnMajor, leafWeights: ArrayLike<number>, grades: readonly Grade[]): FuzzyPlan {
  checkGrades(grades);
  if (leafWeights.length !== x.cols)
    throw new ValidationError([{ path: ['weights'], message: `${leafWeights.length} leaf weights for ${x.cols} indicator columns` }]);
  const g = grades.length;
  const up = Int32Array.from(grades.map((_, k) => k).sort((a, b) => grades[a].score - grades[b].score));
  const centres = Float64Array.from(up, (k) => grades[k].score);
  // Equally spaced centres (the usual case) locate a cell's segment by one multiplication.
  const gap = (centres[g - 1] - centres[0]) / (g - 1);
  let uniform = true;
  for (let t = 1; t < g; t++) if (Math.abs(centres[t] - centres[t - 1] - gap) > 1e-12 * gap) uniform = false;
  return {
    w: Float64Array.from(leafWeights),
    g,
    up,
    centres,
    gradeScore: Float64Array.from(grades, (gr) => gr.score),
    uniform,
    invGap: 1 / gap,
  };
}

/** Rows per block: the block's memberships (BLOCK × g doubles) stay in cache while the columns stream by. */
const BLOCK = 4096;

/**
 * Rows [from, to) into b, score and grade at row (i − offset). Per block of rows, every column
 * adds its cells to the block's memberships in ascending grade order; the block is then written out
 * in the grades' order with its score and maximum-membership grade. No check per cell: a NaN or
 * ±Infinity lands on an edge grade and makes that block's edge sum non-finite; only then are its
 * cells searched, and the error names the first bad one.
 */
function fuzzyRows(
  x: ColumnMajor,
  plan: FuzzyPlan,
  from: number,
  to: number,
  b: Float64Array,
  score: Float64Array,
  grade: Int32Array,
  offset: number,
): void {
  const loc = new Float64Array(Math.min(BLOCK, to - from) * plan.g);
  // One call per block, so V8 optimises the block function whole after a few blocks (a single long
  // loop would run its slower on-stack-replaced code, as a worker's first call does).
  for (let i0 = from; i0 < to; i0 += BLOCK) {
    const len = Math.min(BLOCK, to - i0);
    const edge = plan.uniform ? fuzzyBlockUniform(x, plan, i0, len, loc) : fuzzyBlockGeneral(x, plan, i0, len, loc);
    if (!Number.isFinite(edge)) throwFirstNonFinite(x, i0, len);
    fuzzyBlockOut(plan, i0, len, loc, b, score, grade, offset);
  }
}

/** The memberships of rows [i0, i0 + len) into loc (equally spaced centres); returns the sum of the edge cells. */
function fuzzyBlockUniform(x: ColumnMajor, plan: FuzzyPlan, i0: number, len: number, loc: Float64Array): number {
  const { rows, cols, data } = x;
  const { w, g, centres, invGap } = plan;
  const lo = centres[0];
  const hi = centres[g - 1];
  const top = g - 1;
  const inner = g - 2;
  loc.fill(0, 0, len * g);
  let edge = 0;
  for (let j = 0; j < cols; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const o = j * rows + i0;
    for (let i = 0; i < len; i++) {
      const s = data[o + i];
      const row = i * g;
      if (!(s > lo)) {
        edge += s;
        loc[row] += wj;
      } else if (s >= hi) {
        edge += s;
        loc[row + top] += wj;
      } else {
        const pos = (s - lo) * invGap;
        const t = Math.min(inner, pos | 0);
        const u = pos - t;
        loc[row + t] += wj * (1 - u);
        loc[row + t + 1] += wj * u;
      }
    }
  }
  return edge;
}

/** As `fuzzyBlockUniform`, for centres at any spacing. */
function fuzzyBlockGeneral(x: ColumnMajor, plan: FuzzyPlan, i0: number, len: number, loc: Float64Array): number {
  const { rows, cols, data } = x;
  const { w, g, centres } = plan;
  const lo = centres[0];
  const hi = centres[g - 1];
  const top = g - 1;
  loc.fill(0, 0, len * g);
  let edge = 0;
  for (let j = 0; j < cols; j++) {
    const wj = w[j];
    if (wj === 0) continue;
    const o = j * rows + i0;
    for (let i = 0; i < len; i++) {
      const s = data[o + i];
      const row = i * g;
      if (!(s > lo)) {
        edge += s;
        loc[row] += wj;
      } else if (s >= hi) {
        edge += s;
        loc[row + top] += wj;
      } else {
        let t = 0;
        while (s > centres[t + 1]) t++;
        const u = (s - centres[t]) / (centres[t + 1] - centres[t]);
        loc[row + t] += wj * (1 - u);
        loc[row + t + 1] += wj * u;
      }
    }
  }
  return edge;
}

/** A block's memberships out in the grades' order, with its scores and maximum-membership grades. */
function fuzzyBlockOut(
  plan: FuzzyPlan,
  i0: number,
  len: number,
  loc: Float64Array,
  b: Float64Array,
  score: Float64Array,
  grade: Int32Array,
  offset: number,
): void {
  const { g, up, gradeScore } = plan;
  for (let i = 0; i < len; i++) {
    const row = (i0 + i - offset) * g;
    for (let k = 0; k < g; k++) b[row + up[k]] = loc[i * g + k];
    let sc = 0;
    let best = 0;
    for (let k = 0; k < g; k++) {
      sc += b[row + k] * gradeScore[k];
      if (b[row + k] > b[row + best] + 1e-15) best = k;
    }
    score[i0 + i - offset] = sc;
    grade[i0 + i - offset] = best;
  }
}

/** Name the first non-finite cell of rows [i0, i0 + len), column by column (none: a finite sum overflowed). */
function throwFirstNonFinite(x: ColumnMajor, i0: number, len: number): void {
  for (let j = 0; j < x.cols; j++)
    for (let i = i0; i < i0 + len; i++) {
      const v = x.data[j * x.rows + i];
      if (!Number.isFinite(v)) throw new ValidationError([{ path: [i, j], message: `${v} is not a finite number` }]);
    }
}

/**
 * Evaluate rows [from, to) of `x` (leaf scores) with leaf global weights `leafWeights` (sum 1).
 * Cells must be finite; the error names `[row, column]`.
 */
export function fuzzyEvaluateBatch(
  x: ColumnMajor,
  leafWeights: ArrayLike<number>,
  grades: readonly Grade[] = DEFAULT_GRADES,
  from = 0,
  to = x.rows,
): FuzzyBatchResult {
  const plan = planFuzzy(x, leafWeights, grades);
  const m = to - from;
  const out = { b: new Float64Array(m * plan.g), score: new Float64Array(m), grade: new Int32Array(m), grades: [...grades] };
  fuzzyRows(x, plan, from, to, out.b, out.score, out.grade, from);
  return out;
}

/** Kernel for the worker threads: rows [from, to) written straight into shared result arrays. */
export function fuzzyEvaluateInto(
  x: ColumnMajor,
  leafWeights: ArrayLike<number>,
  grades: readonly Grade[],
  from: number,
  to: number,
  b: Float64Array,
  score: Float64Array,
  grade: Int32Array,
): null {
  fuzzyRows(x, planFuzzy(x, leafWeights, grades), from, to, b, score, grade, 0);
  return null;
}

/**
 * Kernel for a row-major block (`rows` × `cols` leaf scores, row i at block[i·cols …]), as a CSV
 * reader produces it: each row's score and maximum-membership grade into score/grade[offset + i].
 * Per row the operations are those of `fuzzyEvaluateBatch` in the same order (columns j = 0 … n−1
 * add to the memberships in ascending grade order, zero weights skipped; then the grades' order,
 * the score and the grade), so the results are bit for bit the same. No check per cell: returns
 * the number of cells (of columns with a non-zero weight) off the grade axis [lowest, highest
 * centre] — a NaN or ±Infinity among them — for the caller to decide (e.g. whether the values were
 * scores at all). `loc` (g doubles) and `bb` (g doubles) are scratch.
 */
export function fuzzyEvaluateRowBlock(
  plan: FuzzyPlan,
  block: Float64Array,
  rows: number,
  cols: number,
  score: Float64Array,
  grade: Int32Array,
  offset: number,
  loc: Float64Array = new Float64Array(plan.g),
  bb: Float64Array = new Float64Array(plan.g),
): number {
  return plan.uniform
    ? rowBlockUniform(plan, block, rows, cols, score, grade, offset, loc, bb)
    : rowBlockGeneral(plan, block, rows, cols, score, grade, offset, loc, bb);
}

/** One row's memberships (in ascending grade order, in loc) out: score and grade at `at`. */
function rowOut(plan: FuzzyPlan, loc: Float64Array, bb: Float64Array, score: Float64Array, grade: Int32Array, at: number): void {
  const { g, up, gradeScore } = plan;
  for (let k = 0; k < g; k++) bb[up[k]] = loc[k];
  let sc = 0;
  let best = 0;
  for (let k = 0; k < g; k++) {
    sc += bb[k] * gradeScore[k];
    if (bb[k] > bb[best] + 1e-15) best = k;
  }
  score[at] = sc;
  grade[at] = best;
}

function rowBlockUniform(
  plan: FuzzyPlan,
  block: Float64Array,
  rows: number,
  cols: number,
  score: Float64Array,
  grade: Int32Array,
  offset: number,
  loc: Float64Array,
  bb: Float64Array,
): number {
  const { w, g, centres, invGap } = plan;
  const lo = centres[0];
  const hi = centres[g - 1];
  const top = g - 1;
  const inner = g - 2;
  let off = 0;
  for (let i = 0; i < rows; i++) {
    loc.fill(0);
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const wj = w[j];
      if (wj === 0) continue;
      const s = block[o + j];
      if (!(s > lo)) {
        if (s !== lo) off++;
        loc[0] += wj;
      } else if (s >= hi) {
        if (s !== hi) off++;
        loc[top] += wj;
      } else {
        const pos = (s - lo) * invGap;
        const t = Math.min(inner, pos | 0);
        const u = pos - t;
        loc[t] += wj * (1 - u);
        loc[t + 1] += wj * u;
      }
    }
    rowOut(plan, loc, bb, score, grade, offset + i);
  }
  return off;
}

function rowBlockGeneral(
  plan: FuzzyPlan,
  block: Float64Array,
  rows: number,
  cols: number,
  score: Float64Array,
  grade: Int32Array,
  offset: number,
  loc: Float64Array,
  bb: Float64Array,
): number {
  const { w, g, centres } = plan;
  const lo = centres[0];
  const hi = centres[g - 1];
  const top = g - 1;
  let off = 0;
  for (let i = 0; i < rows; i++) {
    loc.fill(0);
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const wj = w[j];
      if (wj === 0) continue;
      const s = block[o + j];
      if (!(s > lo)) {
        if (s !== lo) off++;
        loc[0] += wj;
      } else if (s >= hi) {
        if (s !== hi) off++;
        loc[top] += wj;
      } else {
        let t = 0;
        while (s > centres[t + 1]) t++;
        const u = (s - centres[t]) / (centres[t + 1] - centres[t]);
        loc[t] += wj * (1 - u);
        loc[t + 1] += wj * u;
      }
    }
    rowOut(plan, loc, bb, score, grade, offset + i);
  }
  return off;
}
