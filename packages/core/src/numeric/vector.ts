/**
 * Small vector helpers shared by the methods. Plain loops, no allocation beyond the result.
 */
import { argsortAscending } from './radix-sort.ts';

/** Σ x_i. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** x / Σx, as a new array. Throws RangeError when Σx is 0 or not finite (callers validate first). */
export function normalise(x: ArrayLike<number>): number[] {
  const s = sum(x);
  if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`cannot normalise a vector whose sum is ${s}`);
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] / s;
  return out;
}

/** A·x for a row-major square or rectangular matrix. */
export function matVec(a: readonly (readonly number[])[], x: ArrayLike<number>): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const row = a[i];
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j] * x[j];
    out[i] = s;
  }
  return out;
}

/** max_i |x_i − y_i|. */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/**
 * Ranks (1 = largest) of x; ties get the same (lowest) rank, e.g. [3, 5, 5] → [3, 1, 1].
 * rank_i = #{j : x_j > x_i} + 1, from one radix argsort (no comparator calls).
 */
export function ranksDescending(x: Float64Array): Int32Array {
  const n = x.length;
  const order = argsortAscending(x);
  const out = new Int32Array(n);
  // walk from the largest down; a value equal to the previous one shares its rank
  let rank = 1;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    if (k < n - 1 && x[i] !== x[order[k + 1]]) rank = n - k;
    out[i] = rank;
  }
  return out;
}

/** `ranksDescending` for any list of numbers, as a plain array. */
export function rankDescending(x: ArrayLike<number>): number[] {
  return Array.from(ranksDescending(x instanceof Float64Array ? x : Float64Array.from(x)));
}
