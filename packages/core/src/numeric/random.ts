/**
 * Seeded pseudo-random numbers (ARCHITECTURE "Determinism": all randomness takes a seed).
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32; uniform, normal, gamma, Dirichlet.
 */

/** A seeded generator of uniform numbers in [0, 1). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** Create a generator from an integer seed; the same seed gives the same stream. */
export function createRng(seed: number): Rng {
  let h = seed >>> 0;
  const split = () => {
    h = (h + 0x9e3779b9) >>> 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return {
    next() {
      const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return r / 4294967296;
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Standard normal by Box–Muller. */
export function randomNormal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the boost x·U^(1/shape). */
export function randomGamma(rng: Rng, shape: number): number {
  if (shape < 1) return randomGamma(rng, shape + 1) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Dirichlet(alpha) draw into `out` (length = alpha.length); returns `out`. */
export function randomDirichlet(
  rng: Rng,
  alpha: ArrayLike<number>,
  out: Float64Array | number[] = new Float64Array(alpha.length),
): Float64Array | number[] {
  let s = 0;
  for (let i = 0; i < alpha.length; i++) {
    out[i] = randomGamma(rng, alpha[i]);
    s += out[i];
  }
  for (let i = 0; i < alpha.length; i++) out[i] /= s;
  return out;
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: Rng, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
