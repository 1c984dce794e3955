/**
 * Ranks (1 = largest) of many values, ties sharing the lowest rank: rank_i = #{j : x_j > x_i} + 1,
 * e.g. [3, 5, 5] → [3, 1, 1]. SPEC §4.6: ranking a million alternatives without comparator calls.
 *
 * Bucket ranking: b(v) = ⌊(max − v)·B/(max − min)⌋ is monotone in v (rounded monotone operations
 * stay monotone), so equal values share a bucket and a bucket's rank offset is the number of values
 * in the buckets before it. Values and indices are scattered into bucket order, each bucket is
 * insertion-sorted (stable: ties keep index order) and ranked. Two passes and short sorts; when
 * the buckets are too uneven (Σ size² > 64·n: heavy ties, outliers, infinities) the radix argsort
 * ranks instead.
 */
import { argsortAscending } from './radix-sort.ts';

/** Buckets per value: B = n / PER_BUCKET. */
const PER_BUCKET = 4;
/** Insertion work allowed, as Σ size² per value. */
const MAX_WORK = 64;

export function ranksDescending(x: Float64Array): Int32Array {
  const n = x.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let lo = x[0];
  let hi = x[0];
  for (let i = 1; i < n; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) return out.fill(1);
  const buckets = Math.max(1, Math.ceil(n / PER_BUCKET));
  const scale = buckets / (hi - lo);
  if (!Number.isFinite(scale) || !(scale > 0)) return ranksByArgsort(x);
  const top = buckets - 1;
  // each value's bucket is computed twice (counting, scattering) rather than kept: an n-int array
  // costs more in fresh memory than the multiplication does
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[Math.min(top, ((hi - x[i]) * scale) | 0) + 1]++;
  let work = 0;
  for (let b = 1; b <= buckets; b++) {
    const c = start[b];
    work += c * c;
    start[b] += start[b - 1];
  }
  if (work > MAX_WORK * n) return ranksByArgsort(x);
  const values = new Float64Array(n);
  const index = new Int32Array(n);
  const fill = start.slice(0, buckets);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const d = fill[Math.min(top, ((hi - v) * scale) | 0)]++;
    values[d] = v;
    index[d] = i;
  }
  for (let b = 0; b < buckets; b++) {
    const from = start[b];
    const to = start[b + 1];
    // descending by value, stable
    for (let a = from + 1; a < to; a++) {
      const v = values[a];
      const idx = index[a];
      let k = a - 1;
      while (k >= from && values[k] < v) {
        values[k + 1] = values[k];
        index[k + 1] = index[k];
        k--;
      }
      values[k + 1] = v;
      index[k + 1] = idx;
    }
    for (let a = from; a < to; a++) out[index[a]] = a > from && values[a] === values[a - 1] ? out[index[a - 1]] : a + 1;
  }
  return out;
}

/** The same from the radix argsort, for any distribution. */
export function ranksByArgsort(x: Float64Array): Int32Array {
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
