/**
 * Argsort of doubles by LSD radix sort on their order-preserving 64-bit keys (SPEC §4.6: ranking
 * a million alternatives in a few passes, no comparator calls). A double's bits, with the sign
 * bit flipped for positives and all bits flipped for negatives, compare as unsigned integers in
 * the doubles' order (−0 sorts just before +0). Four 16-bit digit passes; stable, so equal values
 * keep their index order. NaN is not expected (callers validate).
 */
const DIGIT = 16;
const BUCKETS = 1 << DIGIT;

/** Indices of `x` in ascending order of value (ties by index). */
export function argsortAscending(x: ArrayLike<number>): Int32Array {
  const n = x.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  for (let i = 0; i < n; i++) {
    f64[0] = x[i];
    const h = u32[1];
    const l = u32[0];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const keys = pass < 2 ? lo : hi;
    const shift = (pass & 1) * DIGIT;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
    // skip a pass whose digit is the same for every element
    if (count[(keys[0] >>> shift) & (BUCKETS - 1)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[count[(keys[i] >>> shift) & (BUCKETS - 1)]++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
