/**
 * Weight of evidence and information value (SPEC §5.4 baseline; Siddiqi, Credit Risk
 * Scorecards, 2006). For a binary outcome (bad = the first class, e.g. high risk; good = the rest)
 * each attribute is binned — categorical by value, numeric into up to 5 equal-frequency bins —
 * with missing values as their own bin. With smoothing s = 0.5 added to every bin's counts (so an
 * empty cell never gives ln 0):
 *   WoE_b = ln( (good_b + s)/(G + s·B) ÷ (bad_b + s)/(D + s·B) ),
 *   IV = Σ_b ((good_b + s)/(G + s·B) − (bad_b + s)/(D + s·B)) · WoE_b.
 */
import type { CreditDataset } from './dataset.ts';

export const WOE_SMOOTHING = 0.5;
const NUMERIC_BINS = 5;

export interface WoeBin {
  label: string;
  good: number;
  bad: number;
  woe: number;
}

export interface WoeAttribute {
  attribute: string;
  bins: WoeBin[];
  iv: number;
  /** Bin index of a row's value. */
  binOf: (ds: CreditDataset, row: number) => number;
}

/** Fit WoE bins of every attribute on `rows` of `ds`; `bad(label)` says which class is bad. */
export function fitWoe(ds: CreditDataset, rows: ArrayLike<number>, bad: (label: number) => boolean): WoeAttribute[] {
  return ds.attributes.map((a, j) => {
    let labels: string[];
    let binOf: (d: CreditDataset, r: number) => number;
    if (a.kind === 'categorical') {
      labels = [...a.values, '(missing)'];
      binOf = (d, r) => {
        const c = d.columns[j][r];
        return c < 0 || c >= a.values.length ? a.values.length : c;
      };
    } else {
      const v = Array.from(rows, (r) => ds.columns[j][r])
        .filter((x) => !Number.isNaN(x))
        .sort((p, q) => p - q);
      const edges = [
        ...new Set(
          Array.from({ length: NUMERIC_BINS - 1 }, (_, k) => v[Math.floor(((k + 1) * v.length) / NUMERIC_BINS)]).filter(
            (x) => x !== undefined,
          ),
        ),
      ];
      const f = (x: number) => String(Number(x.toPrecision(4)));
      labels = [
        ...edges.map((e, k) => (k === 0 ? `< ${f(e)}` : `${f(edges[k - 1])} – ${f(e)}`)),
        edges.length ? `≥ ${f(edges[edges.length - 1])}` : 'all',
        '(missing)',
      ];
      binOf = (d, r) => {
        const x = d.columns[j][r];
        if (Number.isNaN(x)) return labels.length - 1;
        let b = 0;
        while (b < edges.length && x >= edges[b]) b++;
        return b;
      };
    }
    const good = new Array<number>(labels.length).fill(0);
    const badc = new Array<number>(labels.length).fill(0);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      const b = binOf(ds, r);
      if (bad(ds.labels[r])) badc[b]++;
      else good[b]++;
    }
    const B = labels.length;
    const G = good.reduce((s, x) => s + x, 0) + WOE_SMOOTHING * B;
    const D = badc.reduce((s, x) => s + x, 0) + WOE_SMOOTHING * B;
    let iv = 0;
    const bins = labels.map((label, b) => {
      const pg = (good[b] + WOE_SMOOTHING) / G;
      const pb = (badc[b] + WOE_SMOOTHING) / D;
      const woe = Math.log(pg / pb);
      iv += (pg - pb) * woe;
      return { label, good: good[b], bad: badc[b], woe };
    });
    return { attribute: a.name, bins, iv, binOf };
  });
}

/**
 * Points of a WoE logistic scorecard (Siddiqi 2006): with ln-odds of *good* = −(β₀ + Σ β_j WoE_j)
 * when the model predicts bad, factor = PDO / ln 2 and offset = base − factor·ln(baseOdds),
 * each bin gets −(β_j·WoE_b + β₀/d)·factor + offset/d points (higher = safer).
 * Defaults: 600 points at odds 50:1, 20 points to double the odds.
 */
export function woeScorecardPoints(
  attributes: readonly WoeAttribute[],
  fit: { intercept: number; coefficients: readonly number[] },
  options: { base?: number; baseOdds?: number; pdo?: number } = {},
): { attribute: string; bin: string; woe: number; points: number }[] {
  const base = options.base ?? 600;
  const baseOdds = options.baseOdds ?? 50;
  const pdo = options.pdo ?? 20;
  const factor = pdo / Math.LN2;
  const offset = base - factor * Math.log(baseOdds);
  const d = attributes.length;
  return attributes.flatMap((a, j) =>
    a.bins.map((b) => ({
      attribute: a.attribute,
      bin: b.label,
      woe: b.woe,
      points: -(fit.coefficients[j] * b.woe + fit.intercept / d) * factor + offset / d,
    })),
  );
}
