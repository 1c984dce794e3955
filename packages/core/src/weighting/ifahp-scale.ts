/**
 * Verbal scale → intuitionistic fuzzy numbers for IFAHP, and building an IPR from its upper
 * triangle. [004] scores with a 1–9-like importance scale mapped to IFNs (its table 8 is not in
 * the text); the default is the mapping used by Xu & Liao-style IFAHP applications:
 *   9 extremely (0.90, 0.10), 7 very strongly (0.80, 0.15), 5 strongly (0.70, 0.20),
 *   3 moderately (0.60, 0.25), 1 equally (0.50, 0.30), and the reverses for 1/3 … 1/9.
 * Any scale can be passed instead.
 */
import { IssueList } from '../errors.ts';
import type { Ifn } from './ifahp.ts';

/** Saaty-like value → IFN (the reverse of a value's IFN is its reciprocal's). */
export const IFAHP_DEFAULT_SCALE: Readonly<Record<string, Ifn>> = {
  '9': [0.9, 0.1],
  '7': [0.8, 0.15],
  '5': [0.7, 0.2],
  '3': [0.6, 0.25],
  '1': [0.5, 0.3],
  '1/3': [0.25, 0.6],
  '1/5': [0.2, 0.7],
  '1/7': [0.15, 0.8],
  '1/9': [0.1, 0.9],
};

/** Parse an `upper` key: "12" (n < 10) or "1,10" — 1-based. */
function parseKey(key: string): [number, number] | undefined {
  const m = /^(\d+),(\d+)$/.exec(key) ?? (/^(\d)(\d)$/.exec(key) as RegExpExecArray | null);
  if (!m) return undefined;
  return [Number(m[1]) - 1, Number(m[2]) - 1];
}

/**
 * An IPR from its upper triangle `{"12": [mu, nu] | verbal value, ...}` (1-based keys; "i,k"
 * for n ≥ 10). The diagonal is (0.5, 0.5) and r_ki = (ν_ik, μ_ik). Every pair i < k must be given.
 * Errors carry paths `[key]`.
 */
export function iprFromUpper(
  upper: Readonly<Record<string, Ifn | number | string>>,
  scale: Readonly<Record<string, Ifn>> = IFAHP_DEFAULT_SCALE,
): Ifn[][] {
  const issues = new IssueList();
  const cells: { i: number; k: number; v: Ifn; key: string }[] = [];
  for (const [key, raw] of Object.entries(upper)) {
    const ik = parseKey(key);
    if (!ik || ik[0] < 0 || ik[1] <= ik[0]) {
      issues.add([key], `"${key}" is not an upper-triangle position`, '"ik" with 1 ≤ i < k ≤ 9, or "i,k" (e.g. "1,10")');
      continue;
    }
    let v: Ifn | undefined;
    if (Array.isArray(raw)) v = [raw[0], raw[1]];
    else {
      v = scale[String(raw)];
      if (!v) issues.add([key], `${JSON.stringify(raw)} is not on the scale`, `${Object.keys(scale).join(', ')} or a pair [mu, nu]`);
    }
    if (v) cells.push({ i: ik[0], k: ik[1], v, key });
  }
  issues.throwIfAny();
  const n = Math.max(0, ...cells.map((c) => c.k + 1));
  const r: (Ifn | null)[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, k) => (i === k ? ([0.5, 0.5] as Ifn) : null)),
  );
  for (const c of cells) {
    if (r[c.i][c.k]) issues.add([c.key], `position (${c.i + 1}, ${c.k + 1}) is given twice`);
    r[c.i][c.k] = c.v;
    r[c.k][c.i] = [c.v[1], c.v[0]];
  }
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++)
      if (!r[i][k])
        issues.add(
          [],
          `the judgment of element ${i + 1} over element ${k + 1} is missing`,
          `a key "${n >= 10 ? `${i + 1},${k + 1}` : `${i + 1}${k + 1}`}"`,
        );
  issues.throwIfAny();
  return r as Ifn[][];
}
