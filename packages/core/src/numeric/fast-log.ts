/**
 * Σ z·ln z over a column with one table-driven logarithm per cell (SPEC §4.6 batch kernels).
 * ln z = e·ln 2 + ln c_k + ln(1 + r) with z = 2^e·m, m ∈ [1, 2), c_k = 1 + k/1024 the start of
 * the k-th mantissa interval (the top 10 mantissa bits), r = m/c_k − 1 ∈ [0, 2^-10) and ln(1 + r)
 * by its Taylor series to r⁴ (truncation r⁵/5 < 2e-16; ln 1 = 0 exactly). Agrees with Math.log to a
 * few ulp. Zero and negative z contribute nothing (0·ln 0 = 0); subnormal z take a second, exact pass.
 */
const BITS = 10;
const SIZE = 1 << BITS;
const INV_C = new Float64Array(SIZE);
const LOG_C = new Float64Array(SIZE);
for (let k = 0; k < SIZE; k++) {
  const c = 1 + k / SIZE;
  INV_C[k] = 1 / c;
  LOG_C[k] = Math.log(c);
}
const LN2 = Math.LN2;
const MIN_NORMAL = 2.2250738585072014e-308;
/** 2^−(biased exponent − 1023) for every normal biased exponent, so m = x·INV_POW2[·] ∈ [1, 2). */
const INV_POW2 = new Float64Array(2048);
for (let be = 1; be < 2047; be++) INV_POW2[be] = 2 ** -(be - 1023);
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** ln x for a positive normal double, table-driven (see the module comment). */
export function fastLog(x: number): number {
  if (!(x >= MIN_NORMAL) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  f64[0] = x;
  const hi = u32[1];
  const be = hi >>> 20;
  const k = (hi >>> (20 - BITS)) & (SIZE - 1);
  const r = x * INV_POW2[be] * INV_C[k] - 1;
  return (be - 1023) * LN2 + LOG_C[k] + r * (1 - r * (0.5 - r * (1 / 3 - r * 0.25)));
}

/**
 * Σ_i z_i ln z_i with z_i = a·data[from + i] + b over `length` cells, skipping z ≤ 0 (0·ln 0 = 0).
 * The hot loop has no call in it (a call there costs V8 half its speed): the rare subnormal z only
 * raise a flag, and a second pass adds their z·ln z exactly.
 */
export function sumZLogZ(data: Float64Array, from: number, length: number, a: number, b: number): number {
  const bits = new Float64Array(1);
  const hiWord = new Uint32Array(bits.buffer);
  let acc = 0;
  let subnormal = false;
  const end = from + length;
  for (let i = from; i < end; i++) {
    const z = a * data[i] + b;
    if (z < MIN_NORMAL) {
      if (z > 0) subnormal = true;
      continue;
    }
    bits[0] = z;
    const hi = hiWord[1];
    const be = hi >>> 20;
    const k = (hi >>> (20 - BITS)) & (SIZE - 1);
    const r = z * INV_POW2[be] * INV_C[k] - 1;
    acc += z * ((be - 1023) * LN2 + LOG_C[k] + r * (1 - r * (0.5 - r * (1 / 3 - r * 0.25))));
  }
  if (subnormal)
    for (let i = from; i < end; i++) {
      const z = a * data[i] + b;
      if (z > 0 && z < MIN_NORMAL) acc += z * Math.log(z);
    }
  return acc;
}
