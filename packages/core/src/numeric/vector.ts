/**
 * Small vector helpers shared by the methods. Plain loops, no allocation beyond the result.
 */

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
