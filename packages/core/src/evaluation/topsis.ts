/**
 * TOPSIS (SPEC §4.4; Hwang & Yoon 1981). Normalise each column — `vector`: x/‖x_j‖₂ (default),
 * `min-max`: (x − min)/(max − min) for benefit, (max − x)/(max − min) for cost (then every column
 * is a benefit), `none`: the raw values (for indicators already on one scale, as scikit-criteria's
 * TOPSIS without a scaler) — weight it, take the ideal A⁺ (best per column) and anti-ideal A⁻
 * (worst), D⁺_i = ‖v_i − A⁺‖, D⁻_i = ‖v_i − A⁻‖, closeness C_i = D⁻/(D⁺ + D⁻) ∈ [0, 1]; rank by C.
 * The small API runs the batch kernel over column-major data, so both agree exactly.
 */
import { IssueList } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { type ColumnMajor, columnStats, toColumnMajor } from '../numeric/column-major.ts';
import { ranksDescending } from '../numeric/ranks.ts';
import { checkDataMatrix } from '../weighting/data-matrix.ts';
import { checkEvaluationWeights } from './weights-check.ts';

export type TopsisNormalisation = 'vector' | 'min-max' | 'none';

export interface TopsisOptions {
  directions?: Direction[];
  normalisation?: TopsisNormalisation;
  normalise?: boolean;
  labels?: Label[];
}

export interface TopsisResult {
  closeness: number[];
  rank: number[];
  distanceToBest: number[];
  distanceToWorst: number[];
  /** Ideal and anti-ideal of the weighted normalised matrix. */
  ideal: number[];
  antiIdeal: number[];
  weights: number[];
  normalisation: TopsisNormalisation;
  labels?: Label[];
  warnings: string[];
}

/** The batch result: per-alternative values in typed arrays (no million-element JS arrays). */
export interface TopsisBatchResult extends Omit<TopsisResult, 'closeness' | 'rank' | 'distanceToBest' | 'distanceToWorst'> {
  closeness: Float64Array;
  rank: Int32Array;
  distanceToBest: Float64Array;
  distanceToWorst: Float64Array;
}

/** TOPSIS on a row-major matrix (rows = alternatives). */
export function topsis(
  matrix: readonly (readonly number[])[],
  weights: readonly number[] | undefined,
  options: TopsisOptions = {},
): TopsisResult {
  const { directions } = checkDataMatrix(matrix, { ...options, minRows: 1 });
  const r = topsisBatch(toColumnMajor(matrix), weights, { ...options, directions });
  return {
    ...r,
    closeness: Array.from(r.closeness),
    rank: Array.from(r.rank),
    distanceToBest: Array.from(r.distanceToBest),
    distanceToWorst: Array.from(r.distanceToWorst),
  };
}

/** Checked parameters of a TOPSIS run (shared with the parallel variant). */
export interface TopsisPlan {
  normalisation: TopsisNormalisation;
  cost: boolean[];
  w: number[];
  warnings: string[];
}

/** Check weights and options once. */
export function planTopsis(x: ColumnMajor, weights: readonly number[] | undefined, options: TopsisOptions): TopsisPlan {
  const { rows: m, cols: n } = x;
  const normalisation = options.normalisation ?? 'vector';
  const directions = options.directions ?? new Array<Direction>(n).fill('benefit');
  const issues = new IssueList();
  if (m === 0) issues.add([], 'the portfolio is empty', 'at least one alternative');
  if (normalisation !== 'vector' && normalisation !== 'min-max' && normalisation !== 'none')
    issues.add(['normalisation'], `unknown normalisation "${normalisation}"`, 'vector, min-max, none');
  if (directions.length !== n) issues.add(['directions'], `${directions.length} directions for ${n} indicators`);
  issues.throwIfAny();
  const warnings: string[] = [];
  const w = checkEvaluationWeights(weights, n, options.normalise ?? false, warnings);
  return { normalisation, cost: directions.map((d) => d === 'cost'), w, warnings };
}

/** Per column: v_ij = scale_j·x_ij + shift_j and the ideal / anti-ideal; names non-finite cells. */
export function topsisAxes(x: ColumnMajor, plan: TopsisPlan, stats: Float64Array) {
  const { rows: m, cols: n, data } = x;
  const issues = new IssueList();
  const scale = new Float64Array(n);
  const shift = new Float64Array(n);
  const ideal = new Float64Array(n);
  const antiIdeal = new Float64Array(n);
  const { w } = plan;
  for (let j = 0; j < n; j++) {
    const [lo, hi, ss] = [stats[3 * j], stats[3 * j + 1], stats[3 * j + 2]];
    // NaN or ±Infinity anywhere makes the sum of squares non-finite: only then look for the cells
    if (!Number.isFinite(ss)) {
      const o = j * m;
      for (let i = 0; i < m; i++) if (!Number.isFinite(data[o + i])) issues.add([i, j], `${data[o + i]} is not a finite number`);
      if (!issues.empty) continue;
    }
    const cost = plan.cost[j];
    if (plan.normalisation === 'vector') {
      const norm = Math.sqrt(ss);
      scale[j] = norm > 0 ? w[j] / norm : 0;
      const a = scale[j] * hi;
      const b = scale[j] * lo;
      ideal[j] = cost ? b : a;
      antiIdeal[j] = cost ? a : b;
    } else if (plan.normalisation === 'none') {
      scale[j] = w[j];
      ideal[j] = cost ? w[j] * lo : w[j] * hi;
      antiIdeal[j] = cost ? w[j] * hi : w[j] * lo;
    } else {
      const range = hi - lo;
      scale[j] = range > 0 ? (cost ? -w[j] / range : w[j] / range) : 0;
      shift[j] = range > 0 ? (cost ? (w[j] * hi) / range : (-w[j] * lo) / range) : 0;
      ideal[j] = range > 0 ? w[j] : 0;
    }
  }
  issues.throwIfAny();
  return { scale, shift, ideal, antiIdeal };
}

export type TopsisAxes = { scale: Float64Array; shift: Float64Array; ideal: Float64Array; antiIdeal: Float64Array };

/**
 * Kernel, pass 2: squared distances to the ideal and the anti-ideal for rows [from, to), added
 * into `dPlus` and `dMinus`. Rows in cache-sized blocks: the block's accumulators stay in L1
 * while the columns stream by. One call per block, so V8 optimises the block function whole
 * after a few blocks (a single long loop runs its slower on-stack-replaced code for seconds).
 */
export function topsisDistances(
  x: ColumnMajor,
  from: number,
  to: number,
  axes: TopsisAxes,
  dPlus: Float64Array,
  dMinus: Float64Array,
): null {
  const BLOCK = 2048;
  for (let i0 = from; i0 < to; i0 += BLOCK) topsisBlock(x, i0, Math.min(to, i0 + BLOCK), axes, dPlus, dMinus);
  return null;
}

/** Rows [i0, i1) of pass 2, four columns at a time (one accumulator update per four cells). */
function topsisBlock(x: ColumnMajor, i0: number, i1: number, axes: TopsisAxes, dPlus: Float64Array, dMinus: Float64Array): void {
  const { rows: m, cols: n, data } = x;
  const { scale, shift, ideal, antiIdeal } = axes;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const [o0, o1, o2, o3] = [j * m, (j + 1) * m, (j + 2) * m, (j + 3) * m];
    const [a0, a1, a2, a3] = [scale[j], scale[j + 1], scale[j + 2], scale[j + 3]];
    const [b0, b1, b2, b3] = [shift[j], shift[j + 1], shift[j + 2], shift[j + 3]];
    const [p0, p1, p2, p3] = [ideal[j], ideal[j + 1], ideal[j + 2], ideal[j + 3]];
    const [q0, q1, q2, q3] = [antiIdeal[j], antiIdeal[j + 1], antiIdeal[j + 2], antiIdeal[j + 3]];
    for (let i = i0; i < i1; i++) {
      const v0 = a0 * data[o0 + i] + b0;
      const v1 = a1 * data[o1 + i] + b1;
      const v2 = a2 * data[o2 + i] + b2;
      const v3 = a3 * data[o3 + i] + b3;
      const [e0, e1, e2, e3] = [v0 - p0, v1 - p1, v2 - p2, v3 - p3];
      const [f0, f1, f2, f3] = [v0 - q0, v1 - q1, v2 - q2, v3 - q3];
      dPlus[i] += e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
      dMinus[i] += f0 * f0 + f1 * f1 + (f2 * f2 + f3 * f3);
    }
  }
  for (; j < n; j++) {
    const o = j * m;
    const [a, b, best, worst] = [scale[j], shift[j], ideal[j], antiIdeal[j]];
    for (let i = i0; i < i1; i++) {
      const v = a * data[o + i] + b;
      const e = v - best;
      const f = v - worst;
      dPlus[i] += e * e;
      dMinus[i] += f * f;
    }
  }
}

/** Closeness, ranks and diagnostics from the squared distances. */
export function finishTopsis(
  plan: TopsisPlan,
  axes: ReturnType<typeof topsisAxes>,
  dPlus: Float64Array,
  dMinus: Float64Array,
  options: TopsisOptions,
): TopsisBatchResult {
  const m = dPlus.length;
  const closeness = new Float64Array(m);
  const distanceToBest = new Float64Array(m);
  const distanceToWorst = new Float64Array(m);
  let allEqual = true;
  for (let i = 0; i < m; i++) {
    const dp = Math.sqrt(dPlus[i]);
    const dm = Math.sqrt(dMinus[i]);
    distanceToBest[i] = dp;
    distanceToWorst[i] = dm;
    // Every alternative equal on every weighted indicator: all are ideal and anti-ideal at once.
    closeness[i] = dp + dm > 0 ? dm / (dp + dm) : 0.5;
    if (dp + dm > 0) allEqual = false;
  }
  const warnings = [...plan.warnings];
  if (allEqual) warnings.push('no indicator distinguishes the alternatives: closeness 0.5 for all');
  return {
    closeness,
    rank: ranksDescending(closeness),
    distanceToBest,
    distanceToWorst,
    ideal: Array.from(axes.ideal),
    antiIdeal: Array.from(axes.antiIdeal),
    weights: plan.w,
    normalisation: plan.normalisation,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}

/** TOPSIS over column-major data: two streaming kernels, per-alternative results in typed arrays. */
export function topsisBatch(x: ColumnMajor, weights: readonly number[] | undefined, options: TopsisOptions = {}): TopsisBatchResult {
  const plan = planTopsis(x, weights, options);
  const axes = topsisAxes(x, plan, columnStats(x, 0, x.cols));
  const dPlus = new Float64Array(x.rows);
  const dMinus = new Float64Array(x.rows);
  topsisDistances(x, 0, x.rows, axes, dPlus, dMinus);
  return finishTopsis(plan, axes, dPlus, dMinus, options);
}
