/**
 * A number's text exactly as JavaScript prints it (`String(v)`: the fewest significant digits that
 * read back as v, the closest such when several — ECMAScript Number::toString), written as bytes
 * without making a string: the CSV writer's scores (a million `String` calls were half of its time).
 *
 * Fast path, for 1e-6 ≤ |v| < 1e16 (decimal notation): S = |v|·10^P with P = 16 − ⌊log10 |v|⌋
 * lies in [1e16, 1e17) and is computed exactly as hi + lo (|v|·2^P is exact, 5^P < 2^53 is exact,
 * and Dekker's two-product is exact). v's rounding interval, scaled, is S ± u/2 with u = ulp(v)·10^P
 * (0.55 ≤ u/2 ≤ 11.1). The shortest text is the nearest multiple of 10^k in that interval for the
 * largest such k (at most one per k once k ≥ 2; the nearest when two), else the integer nearest S:
 * 17 digits. Every decision that falls within 1e-7 of a boundary (an endpoint of the interval, a
 * tie), a power of two (its interval is lopsided), a text of at most 9 digits, and everything off the
 * range go to `String(v)` instead, so the bytes are always String's (a property test compares them).
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** 5^P for P = 0 … 22 (exact: 5^22 < 2^53) and its Veltkamp split. */
const FIVE = Array.from({ length: 23 }, (_, k) => 5 ** k);
const SPLIT = 134217729; // 2^27 + 1
const FIVE_HI = FIVE.map((b) => {
  const c = SPLIT * b;
  return c - (c - b);
});
const FIVE_LO = FIVE.map((b, k) => b - FIVE_HI[k]);
/** How near a boundary a decision may fall before String decides (the arithmetic's error is below 1e-8). */
const GUARD = 1e-7;
/** 2^k for k = −128 … 127 (POW2[k + 128]): the scalings below, without a call. */
const POW2 = Float64Array.from({ length: 256 }, (_, k) => 2 ** (k - 128));

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const digits = new Uint8Array(17);

/** Write `String(v)` to out at o (ASCII); returns the end. */
export function putNumberText(v: number, out: Uint8Array, o: number): number {
  const end = putFast(v, out, o);
  if (end >= 0) return end;
  const t = String(v);
  for (let c = 0; c < t.length; c++) out[o++] = t.charCodeAt(c);
  return o;
}

/** The fast path: the end, or −1 when String(v) must decide. */
function putFast(v: number, out: Uint8Array, o: number): number {
  let x = v;
  if (x < 0) x = -x;
  if (!(x >= 1e-6 && x < 1e16)) return -1;
  // E = ⌊log10 x⌋ from the powers of ten; a wrong guess near a power of ten is caught by S's range below
  let e = 0;
  if (x >= 1) while (e < 15 && x >= POW10[e + 1]) e++;
  else {
    e = -1;
    while (e > -6 && x < 1 / POW10[-e]) e--;
  }
  const p = 16 - e;
  if (p > 22) return -1;
  // hi + rest = x·2^P·5^P exactly (Dekker's two-product on Veltkamp splits)
  const xs = x * POW2[p + 128];
  const hi = xs * FIVE[p];
  const c = SPLIT * xs;
  const ah = c - (c - xs);
  const al = xs - ah;
  const rest = ah * FIVE_HI[p] - hi + ah * FIVE_LO[p] + al * FIVE_HI[p] + al * FIVE_LO[p];
  if (!(hi > 1e16 && hi < 1e17) && !(hi === 1e16 && rest >= 0)) return -1;
  // the half gap: x = m·2^q, m ∈ [2^52, 2^53); a power of two (m = 2^52) has a lopsided interval
  bits[0] = x;
  const high = words[1];
  const low = words[0];
  if ((high & 0xfffff) === 0 && low === 0) return -1;
  const q = ((high >>> 20) & 0x7ff) - 1075;
  const half = POW2[q - 1 + p + 128] * FIVE[p];
  // S = a·1e8 + b + rest, a and b integers (hi ≥ 2^53 is one)
  let a = Math.floor(hi / 1e8);
  let b = hi - a * 1e8;
  if (b < 0) {
    a--;
    b += 1e8;
  } else if (b >= 1e8) {
    a++;
    b -= 1e8;
  }
  const approx = b + rest;
  // the largest k with a multiple of 10^k in [S − half, S + half]
  let k = 0;
  let d = 0;
  for (let kk = 1; kk <= 8; kk++) {
    const step = POW10[kk];
    const dd = step * Math.round(approx / step) - b;
    const diff = dd - rest;
    const dist = diff < 0 ? -diff : diff;
    if (dist > half + GUARD) break;
    if (Math.abs(dist - half) < GUARD || Math.abs(dist - step / 2) < GUARD) return -1;
    if (kk === 8) return -1; // at most 9 significant digits: rare, String decides
    k = kk;
    d = dd;
  }
  if (k === 0) {
    const f = rest - Math.floor(rest);
    if (Math.abs(f - 0.5) < GUARD) return -1;
    d = Math.round(rest);
  }
  // the 17 digits a·1e8 + (b + d), carried
  let lowPart = b + d;
  if (lowPart < 0) {
    a--;
    lowPart += 1e8;
  } else if (lowPart >= 1e8) {
    a++;
    lowPart -= 1e8;
  }
  if (a < 1e8 || a >= 1e9) return -1;
  // both below 2^31: integer arithmetic
  let w = lowPart | 0;
  for (let i = 16; i >= 9; i--) {
    const t = (w / 10) | 0;
    digits[i] = 48 + w - t * 10;
    w = t;
  }
  w = a | 0;
  for (let i = 8; i >= 0; i--) {
    const t = (w / 10) | 0;
    digits[i] = 48 + w - t * 10;
    w = t;
  }
  let count = 17;
  while (count > 1 && digits[count - 1] === 48) count--;
  // decimal notation: n = E + 1 digits before the point
  if (v < 0) out[o++] = 45;
  const n = e + 1;
  if (n <= 0) {
    out[o++] = 48;
    out[o++] = 46;
    for (let z = 0; z < -n; z++) out[o++] = 48;
    for (let i = 0; i < count; i++) out[o++] = digits[i];
  } else if (n >= count) {
    for (let i = 0; i < count; i++) out[o++] = digits[i];
    for (let z = count; z < n; z++) out[o++] = 48;
  } else {
    for (let i = 0; i < n; i++) out[o++] = digits[i];
    out[o++] = 46;
    for (let i = n; i < count; i++) out[o++] = digits[i];
  }
  return o;
}
