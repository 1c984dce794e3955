/**
 * Argsort of doubles by LSD radix sort on their order-preserving 64-bit keys (SPEC §4.6: ranking
 * a million alternatives in a few passes, no comparator calls). A double's bits, with the sign
 * bit flipped for positives and all bits flipped for negatives, compare as unsigned integers in
 * the doubles' order (−0 sorts just before +0). Six 11-bit digit passes (counts stay in L1; a
 * pass whose digit is the same everywhere is skipped); stable, so equal values keep their index
 * order. NaN is not expected (callers validate). Little-endian hosts (all Node platforms).
 * `ranksDescending` ranks by buckets and comes here only for uneven data (heavy ties, outliers).
 */
const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
/** Digit shifts within each 32-bit half: 11 + 11 + 10 bits. */
const SHIFTS = [0, 11, 22];

/** Indices of `x` in ascending order of value (ties by index). */
export function argsortAscending(x: Float64Array): Int32Array {
  const n = x.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  // the doubles' own bits (little-endian halves), no per-element conversion
  const bits = new Uint32Array(x.buffer, x.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1];
    const l = bits[2 * i];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  // keys travel with their indices, so every pass reads sequentially
  let order = new Int32Array(n);
  let next = new Int32Array(n);
  let kLo = lo;
  let kHi = hi;
  let nLo = new Uint32Array(n);
  let nHi = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(BUCKETS);
  for (let pass = 0; pass < 6; pass++) {
    const shift = SHIFTS[pass % 3];
    const keys = pass < 3 ? kLo : kHi;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & (BUCKETS - 1)]++;
    // skip a pass whose digit is the same for every element
    if (n === 0 || count[(keys[0] >>> shift) & (BUCKETS - 1)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const d = count[(keys[k] >>> shift) & (BUCKETS - 1)]++;
      next[d] = order[k];
      nLo[d] = kLo[k];
      nHi[d] = kHi[k];
    }
    [order, next] = [next, order];
    [kLo, nLo] = [nLo, kLo];
    [kHi, nHi] = [nHi, kHi];
  }
  return order;
}
