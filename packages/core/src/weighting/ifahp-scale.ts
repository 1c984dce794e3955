/**
 * Verbal scale → intuitionistic fuzzy numbers for IFAHP, and building an IPR from its upper
 * triangle (SPEC §3.2, [004] table 8).
 *
 * [004] scores with a nine-grade verbal importance scale mapped to IFNs; its table 8 is cited
 * in the text but its cells are not in our copy. The scale shipped here is the nine-grade IFN
 * scale of the Chinese IFAHP applications that follow Xu & Liao (2014):
 *
 *   grade  zh          en                            IFN (μ, ν)
 *   9      极端重要     extremely more important       (0.90, 0.10)
 *   8      非常重要     very strongly more important   (0.80, 0.15)
 *   7      明显重要     clearly more important         (0.70, 0.20)
 *   6      稍微重要     slightly more important        (0.60, 0.25)
 *   5      同等重要     equally important              (0.50, 0.30)
 *   4      稍微不重要   slightly less important        (0.40, 0.45)
 *   3      明显不重要   clearly less important         (0.30, 0.60)
 *   2      非常不重要   very strongly less important   (0.20, 0.75)
 *   1      极端不重要   extremely less important       (0.10, 0.90)
 *
 * A grade is written in the upper cell r_ik; the lower cell is its reverse r_ki = (ν_ik, μ_ik)
 * (so "equally important" (0.5, 0.3) below the diagonal reads (0.3, 0.5): the hesitancy 0.2 is
 * kept). Judgments may be given by the English or Chinese term, the grade prefixed with "g"
 * ("g9"), or — `IFAHP_DEFAULT_SCALE` — by the Saaty-like value 1, 3, 5, 7, 9 and reciprocals.
 * Any scale can be passed instead.
 */
import { IssueList } from '../errors.ts';
import type { Label } from '../label.ts';
import type { Ifn } from './ifahp.ts';

/** One grade of a verbal IFN scale. */
export interface IfahpVerbalGrade {
  grade: number;
  label: { zh: string; en: string };
  ifn: Ifn;
}

/** The nine-grade verbal IFN scale (see the module comment; [004] table 8). */
export const IFAHP_VERBAL_GRADES: readonly IfahpVerbalGrade[] = [
  { grade: 9, label: { zh: '极端重要', en: 'extremely more important' }, ifn: [0.9, 0.1] },
  { grade: 8, label: { zh: '非常重要', en: 'very strongly more important' }, ifn: [0.8, 0.15] },
  { grade: 7, label: { zh: '明显重要', en: 'clearly more important' }, ifn: [0.7, 0.2] },
  { grade: 6, label: { zh: '稍微重要', en: 'slightly more important' }, ifn: [0.6, 0.25] },
  { grade: 5, label: { zh: '同等重要', en: 'equally important' }, ifn: [0.5, 0.3] },
  { grade: 4, label: { zh: '稍微不重要', en: 'slightly less important' }, ifn: [0.4, 0.45] },
  { grade: 3, label: { zh: '明显不重要', en: 'clearly less important' }, ifn: [0.3, 0.6] },
  { grade: 2, label: { zh: '非常不重要', en: 'very strongly less important' }, ifn: [0.2, 0.75] },
  { grade: 1, label: { zh: '极端不重要', en: 'extremely less important' }, ifn: [0.1, 0.9] },
];

/** The verbal scale as a lookup: English term, Chinese term and "g<grade>" → IFN. */
export const IFAHP_VERBAL_SCALE: Readonly<Record<string, Ifn>> = Object.fromEntries(
  IFAHP_VERBAL_GRADES.flatMap((g) => [
    [g.label.en, g.ifn],
    [g.label.zh, g.ifn],
    [`g${g.grade}`, g.ifn],
  ]),
);

/** The English and Chinese names of a verbal grade's IFN, or undefined when it is not on the scale. */
export function ifahpVerbalLabel(ifn: Ifn): Label | undefined {
  const g = IFAHP_VERBAL_GRADES.find((x) => x.ifn[0] === ifn[0] && x.ifn[1] === ifn[1]);
  return g ? { ...g.label } : undefined;
}

/**
 * Saaty-like value → IFN: 1, 3, 5, 7, 9 take the "more important" grades of the verbal scale
 * (5, 6, 7, 8, 9); a reciprocal 1/v takes the reverse of v's IFN, as if the judgment had been
 * written in the mirrored cell. The verbal terms of `IFAHP_VERBAL_SCALE` are accepted too.
 */
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
  ...IFAHP_VERBAL_SCALE,
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
