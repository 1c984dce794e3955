/**
 * `ranksDescending` on a kernel pool (`@scf-risk/core/parallel`): the same bucket ranking with each
 * phase split over the workers — min and max, bucket counts and the scatter on row ranges (each
 * range scatters from its own offsets within each bucket), the sorts on bucket ranges of about equal
 * size. The ranks are `ranksDescending`'s: a rank depends only on its bucket's start and the values
 * in the bucket, not on their order there.
 */
import { splitRange } from './column-major.ts';
import { rankBuckets, rankStarts, ranksByArgsort, ranksDescending } from './ranks.ts';
import type { KernelPool } from './worker-pool.ts';

/** Below this many values one thread is as fast (the phases' round trips cost more than they save). */
const PARALLEL_FROM = 1 << 16;

/** Example: await ranksDescendingParallel(pool, scores) — x in shared memory, else this thread ranks. */
export async function ranksDescendingParallel(pool: KernelPool, x: Float64Array): Promise<Int32Array> {
  const n = x.length;
  if (pool.size < 2 || n < PARALLEL_FROM || !(x.buffer instanceof SharedArrayBuffer)) return ranksDescending(x);
  const parts = splitRange(n, pool.size);
  const ranges = await Promise.all(parts.map(([from, to]) => pool.run('rankMinMax', x, from, to)));
  const lo = Math.min(...ranges.map((r) => r[0]));
  const hi = Math.max(...ranges.map((r) => r[1]));
  if (lo === hi) return new Int32Array(n).fill(1);
  const m = rankBuckets(n, lo, hi);
  if (!m) return ranksByArgsort(x);
  const buckets = m.top + 1;
  const shared = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));
  const counts = parts.map(() => shared(buckets + 1));
  await Promise.all(parts.map(([from, to], p) => pool.run('rankCount', x, from, to, m, counts[p])));
  // bucket starts, and where each range's values go within each bucket
  const start = shared(buckets + 1);
  for (const c of counts) for (let b = 1; b <= buckets; b++) start[b] += c[b];
  if (!rankStarts(start, n)) return ranksByArgsort(x);
  const fills = parts.map(() => shared(buckets));
  fills[0].set(start.subarray(0, buckets));
  for (let p = 1; p < parts.length; p++) for (let b = 0; b < buckets; b++) fills[p][b] = fills[p - 1][b] + counts[p - 1][b + 1];
  const values = new Float64Array(new SharedArrayBuffer(n * 8));
  const index = shared(n);
  await Promise.all(parts.map(([from, to], p) => pool.run('rankScatter', x, from, to, m, fills[p], values, index)));
  // bucket ranges holding about n / size values each
  const out = shared(n);
  const cuts = [0];
  for (let p = 1; p < pool.size; p++) {
    let b = cuts[p - 1];
    while (b < buckets && start[b] < (p * n) / pool.size) b++;
    cuts.push(b);
  }
  cuts.push(buckets);
  await Promise.all(cuts.slice(0, -1).map((b0, p) => pool.run('rankSortBuckets', values, index, start, b0, cuts[p + 1], out)));
  return out;
}
