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

/** The bucket map of values in [lo, hi] (lo < hi): b(v) = min(top, ⌊(hi − v)·scale⌋), scale = B/(hi − lo). */
export interface RankBuckets {
  hi: number;
  scale: number;
  top: number;
}

/** The buckets for n values on [lo, hi], or undefined when the scale is not finite (the argsort ranks then). */
export function rankBuckets(n: number, lo: number, hi: number): RankBuckets | undefined {
  const buckets = Math.max(1, Math.ceil(n / PER_BUCKET));
  const scale = buckets / (hi - lo);
  if (!Number.isFinite(scale) || !(scale > 0)) return undefined;
  return { hi, scale, top: buckets - 1 };
}

/** Kernel: [min, max] of x[from, to). */
export function rankMinMax(x: Float64Array, from: number, to: number): [number, number] {
  let lo = x[from];
  let hi = x[from];
  for (let i = from + 1; i < to; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Kernel: counts[b + 1] += 1 for the bucket b of each of x[from, to). */
export function rankCount(x: Float64Array, from: number, to: number, m: RankBuckets, counts: Int32Array): null {
  const { hi, scale, top } = m;
  for (let i = from; i < to; i++) counts[Math.min(top, ((hi - x[i]) * scale) | 0) + 1]++;
  return null;
}

/** Bucket starts from counts in place (start[b] = the sizes before b); false when the buckets are too uneven (Σ size² > 64·n). */
export function rankStarts(start: Int32Array, n: number): boolean {
  let work = 0;
  for (let b = 1; b < start.length; b++) {
    const c = start[b];
    work += c * c;
    start[b] += start[b - 1];
  }
  return work <= MAX_WORK * n;
}

/**
 * Kernel: x[from, to) and their indices into bucket order at the positions `fill` holds per bucket
 * (advanced). Each value's bucket is computed again rather than kept: an n-int array costs more in
 * fresh memory than the multiplication does.
 */
export function rankScatter(
  x: Float64Array,
  from: number,
  to: number,
  m: RankBuckets,
  fill: Int32Array,
  values: Float64Array,
  index: Int32Array,
): null {
  const { hi, scale, top } = m;
  for (let i = from; i < to; i++) {
    const v = x[i];
    const d = fill[Math.min(top, ((hi - v) * scale) | 0)]++;
    values[d] = v;
    index[d] = i;
  }
  return null;
}

/** Kernel: sort buckets [b0, b1) descending (stable) and rank their values into out (ties share the lowest rank). */
export function rankSortBuckets(values: Float64Array, index: Int32Array, start: Int32Array, b0: number, b1: number, out: Int32Array): null {
  for (let b = b0; b < b1; b++) {
    const from = start[b];
    const to = start[b + 1];
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
  return null;
}

export function ranksDescending(x: Float64Array): Int32Array {
  const n = x.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const [lo, hi] = rankMinMax(x, 0, n);
  if (lo === hi) return out.fill(1);
  const m = rankBuckets(n, lo, hi);
  if (!m) return ranksByArgsort(x);
  const start = new Int32Array(m.top + 2);
  rankCount(x, 0, n, m, start);
  if (!rankStarts(start, n)) return ranksByArgsort(x);
  const values = new Float64Array(n);
  const index = new Int32Array(n);
  rankScatter(x, 0, n, m, start.slice(0, m.top + 1), values, index);
  rankSortBuckets(values, index, start, 0, m.top + 1, out);
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
