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
import { isShared, poolSize, runBatchTasks, splitRange } from '../numeric/worker-pool.ts';
import { checkGrades, DEFAULT_GRADES, type Grade } from './fuzzy.ts';

export interface FuzzyBatchResult {
  /** rows × grades, row-major. */
  b: Float64Array;
  score: Float64Array;
  /** Grade index by maximum membership. */
  grade: Int32Array;
  grades: Grade[];
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
  checkGrades(grades);
  const { rows, cols, data } = x;
  if (leafWeights.length !== cols)
    throw new ValidationError([{ path: ['weights'], message: `${leafWeights.length} leaf weights for ${cols} indicator columns` }]);
  const g = grades.length;
  const up = grades.map((_, k) => k).sort((a, b) => grades[a].score - grades[b].score);
  const centres = Float64Array.from(up, (k) => grades[k].score);
  const lo = centres[0];
  const hi = centres[g - 1];
  const m = to - from;
  const b = new Float64Array(m * g);
  // Equally spaced centres (the usual case) locate a cell's segment by one division.
  const gap = (hi - lo) / (g - 1);
  let uniform = true;
  for (let t = 1; t < g; t++) if (Math.abs(centres[t] - centres[t - 1] - gap) > 1e-12 * gap) uniform = false;
  const invGap = 1 / gap;
  for (let j = 0; j < cols; j++) {
    const w = leafWeights[j];
    if (w === 0) continue;
    const o = j * rows;
    for (let i = from; i < to; i++) {
      const s = data[o + i];
      const row = (i - from) * g;
      if (!(s > lo)) {
        if (Number.isNaN(s) || s === Number.NEGATIVE_INFINITY)
          throw new ValidationError([{ path: [i, j], message: `${s} is not a finite number` }]);
        b[row + up[0]] += w;
        continue;
      }
      if (s >= hi) {
        if (s === Number.POSITIVE_INFINITY) throw new ValidationError([{ path: [i, j], message: `${s} is not a finite number` }]);
        b[row + up[g - 1]] += w;
        continue;
      }
      let t: number;
      let u: number;
      if (uniform) {
        const pos = (s - lo) * invGap;
        t = Math.min(g - 2, pos | 0);
        u = pos - t;
      } else {
        t = 0;
        while (s > centres[t + 1]) t++;
        u = (s - centres[t]) / (centres[t + 1] - centres[t]);
      }
      b[row + up[t]] += w * (1 - u);
      b[row + up[t + 1]] += w * u;
    }
  }
  const score = new Float64Array(m);
  const grade = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const row = i * g;
    let s = 0;
    let best = 0;
    for (let k = 0; k < g; k++) {
      s += b[row + k] * grades[k].score;
      if (b[row + k] > b[row + best] + 1e-15) best = k;
    }
    score[i] = s;
    grade[i] = best;
  }
  return { b, score, grade, grades: [...grades] };
}

/**
 * The same on every core for data in shared memory (a row range per worker thread); identical
 * numbers. Data not in a SharedArrayBuffer runs on this thread.
 */
export async function fuzzyEvaluateParallel(
  x: ColumnMajor,
  leafWeights: ArrayLike<number>,
  grades: readonly Grade[] = DEFAULT_GRADES,
): Promise<FuzzyBatchResult> {
  if (!isShared(x) || poolSize() < 2) return fuzzyEvaluateBatch(x, leafWeights, grades);
  checkGrades(grades);
  const w = Array.from(leafWeights);
  const g = grades.length;
  const m = x.rows;
  const out: FuzzyBatchResult = {
    b: new Float64Array(new SharedArrayBuffer(m * g * 8)),
    score: new Float64Array(new SharedArrayBuffer(m * 8)),
    grade: new Int32Array(new SharedArrayBuffer(m * 4)),
    grades: [...grades],
  };
  await runBatchTasks(
    splitRange(m, poolSize()).map(([from, to]) => ({
      kernel: 'fuzzyEvaluateInto',
      args: [x, w, grades, from, to, out.b, out.score, out.grade],
    })),
  );
  return out;
}

/** Kernel for the worker threads: rows [from, to) written into shared result arrays. */
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
  const r = fuzzyEvaluateBatch(x, leafWeights, grades, from, to);
  b.set(r.b, from * grades.length);
  score.set(r.score, from);
  grade.set(r.grade, from);
  return null;
}
