/**
 * Descriptive statistics shared by Delphi, CRITIC, GRA and validation metrics.
 */

/** Which standard deviation: `sample` divides by n − 1, `population` by n. */
export type SdKind = 'sample' | 'population';

/** Arithmetic mean. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Standard deviation (sample: n − 1; population: n). A single value has sample sd 0. */
export function sd(x: ArrayLike<number>, kind: SdKind = 'sample'): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  return Math.sqrt(ss / (kind === 'sample' ? n - 1 : n));
}

/** Pearson correlation; 0 when either series is constant (no linear information). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  return sxy / Math.sqrt(sxx * syy);
}
