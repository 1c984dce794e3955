/**
 * A seeded, realistic demo loan history with the 22 attributes of [002 §3] (SPEC §5.1).
 *
 * Model (stated for analysts in docs/credit-data.md): each borrower has a hidden overall quality
 * q ~ N(0, 1); every attribute reflects q partly (correlation `rho`) and its own noise, so good
 * borrowers tend to look good on many attributes at once. A latent risk score is
 *   u = −Σ_j β_j · g_j + ε,
 * with g_j the standardised "goodness" of attribute j (best category = +1 … worst = −1; numeric
 * attributes by their z-score, sign so that larger = better), β_j the attribute's importance
 * (core grade, solvency, management integrity, … strong; the four financial-ratio and
 * experience attributes nearly irrelevant, as [002] found) and ε noise. u is standardised and
 * mapped to days overdue by a fixed increasing piecewise-linear curve, so about 72% of loans
 * are < 30 days late, 15% 30–59, 5% 60–90 and 7% more than 90 days late with the default noise.
 */
import { invalid } from '../errors.ts';
import { createRng, randomNormal } from '../numeric/random.ts';
import type { CreditAttribute, CreditDataset } from './dataset.ts';
import {
  checkDaysOverdueCutoffs,
  DAYS_OVERDUE_CLASSES,
  type DaysOverdueCutoffs,
  DEFAULT_DAYS_OVERDUE_CUTOFFS,
  daysOverdueClass,
} from './labelling.ts';

/** One attribute of the generator. */
export interface GeneratorAttribute {
  name: string;
  /** [002 §3]'s Chinese name. */
  source: string;
  kind: 'categorical' | 'numeric';
  /** Categories from best (lowest risk) to worst. */
  levels?: string[];
  /** Share of borrowers in each category (best first), summing to 1. */
  shares?: number[];
  /** Numeric: value = clamp(round(mean + sd·z·sign, decimals), min, max); sign −1 when larger is worse. */
  numeric?: { mean: number; sd: number; min: number; max: number; decimals: number; largerIsWorse?: boolean; logNormal?: boolean };
  /** Importance β in the latent risk score. */
  beta: number;
  /** Correlation with the hidden borrower quality (default: the generator's `rho`). */
  rho?: number;
  /** Share of missing cells. */
  missing?: number;
}

const L3 = [0.3, 0.45, 0.25];

/** The 22 attributes of [002 §3] in the source's order, with the generator's assumptions. */
export const GENERATOR_ATTRIBUTES: GeneratorAttribute[] = [
  {
    name: 'core grade',
    source: '核心企业信用等级',
    kind: 'categorical',
    levels: ['AAA', 'AA', 'A', 'BBB', 'BB', 'B'],
    shares: [0.1, 0.2, 0.25, 0.25, 0.12, 0.08],
    beta: 1.0,
  },
  {
    name: 'core industry position',
    source: '核心企业行业地位',
    kind: 'categorical',
    levels: ['leading', 'strong', 'average', 'weak'],
    shares: [0.15, 0.3, 0.4, 0.15],
    beta: 0.55,
  },
  { name: 'profitability', source: '盈利能力', kind: 'categorical', levels: ['high', 'medium', 'low'], shares: L3, beta: 0.45 },
  { name: 'solvency', source: '偿债能力', kind: 'categorical', levels: ['strong', 'adequate', 'weak'], shares: L3, beta: 0.8 },
  {
    name: 'industry environment',
    source: '行业环境',
    kind: 'categorical',
    levels: ['favourable', 'neutral', 'adverse'],
    shares: L3,
    beta: 0.35,
  },
  { name: 'industry growth', source: '行业增长性', kind: 'categorical', levels: ['high', 'stable', 'declining'], shares: L3, beta: 0.2 },
  {
    name: 'relationship years',
    source: '交易时间',
    kind: 'numeric',
    numeric: { mean: 6, sd: 3.5, min: 0.5, max: 30, decimals: 1 },
    beta: 0.7,
  },
  { name: 'trading frequency', source: '交易频率', kind: 'categorical', levels: ['high', 'medium', 'low'], shares: L3, beta: 0.5 },
  {
    name: 'core cooperation',
    source: '与核心企业合作关系',
    kind: 'categorical',
    levels: ['close', 'regular', 'loose'],
    shares: L3,
    beta: 0.6,
  },
  { name: 'price stability', source: '价格稳定性', kind: 'categorical', levels: ['stable', 'moderate', 'volatile'], shares: L3, beta: 0.4 },
  { name: 'collateral liquidity', source: '变现能力', kind: 'categorical', levels: ['high', 'medium', 'low'], shares: L3, beta: 0.55 },
  { name: 'perishability', source: '易损坏程度', kind: 'categorical', levels: ['low', 'medium', 'high'], shares: L3, beta: 0.5 },
  {
    name: 'receivables days',
    source: '应收账款平均账期长短',
    kind: 'numeric',
    numeric: { mean: 75, sd: 25, min: 15, max: 240, decimals: 0, largerIsWorse: true },
    beta: 0.35,
  },
  {
    name: 'buyer returns',
    source: '购买方退货情况',
    kind: 'categorical',
    levels: ['rare', 'occasional', 'frequent'],
    shares: L3,
    beta: 0.3,
  },
  {
    name: 'receivables bad-debt rate',
    source: '应收账款坏账率',
    kind: 'numeric',
    numeric: { mean: 2, sd: 0.6, min: 0, max: 40, decimals: 2, largerIsWorse: true, logNormal: true },
    beta: 0.35,
  },
  {
    name: 'management integrity',
    source: '管理层的道德品质及社会声誉',
    kind: 'categorical',
    levels: ['good', 'fair', 'poor'],
    shares: [0.5, 0.35, 0.15],
    beta: 0.45,
  },
  {
    name: 'management credit',
    source: '管理层的信用水平',
    kind: 'categorical',
    levels: ['good', 'fair', 'poor'],
    shares: [0.45, 0.4, 0.15],
    beta: 0.6,
  },
  {
    name: 'management ability',
    source: '管理者的能力',
    kind: 'categorical',
    levels: ['strong', 'average', 'weak'],
    shares: L3,
    beta: 0.2,
    missing: 0.01,
  },
  {
    name: 'management years',
    source: '经营者从事管理年限长短',
    kind: 'numeric',
    numeric: { mean: 12, sd: 6, min: 1, max: 40, decimals: 0 },
    rho: 0.05,
    beta: 0.03,
    missing: 0.015,
  },
  {
    name: 'asset turnover',
    source: '总资产周转水平',
    kind: 'numeric',
    numeric: { mean: 1.2, sd: 0.4, min: 0.05, max: 5, decimals: 2 },
    rho: 0.05,
    beta: 0.04,
  },
  {
    name: 'return on equity',
    source: '净资产收益水平',
    kind: 'numeric',
    numeric: { mean: 8, sd: 6, min: -40, max: 60, decimals: 1 },
    rho: 0.05,
    beta: 0.05,
    missing: 0.015,
  },
  {
    name: 'asset growth',
    source: '总资产增长水平',
    kind: 'numeric',
    numeric: { mean: 5, sd: 8, min: -50, max: 80, decimals: 1 },
    rho: 0.05,
    beta: 0.06,
  },
];

/** Options of {@link generateLoanHistory}. */
export interface LoanHistoryOptions {
  /** Number of loans, 1 to 1,000,000 (larger works but is not promised to be fast). */
  rows: number;
  seed: number;
  /** Correlation of the attributes with the borrower's hidden quality (unless an attribute sets its own); default 0.35. */
  rho?: number;
  /** Standard deviation of the noise ε relative to the signal's; default 0.6. */
  noise?: number;
  /** Cut-offs for the class labels (default 90 / 60 / 30). */
  cutoffs?: DaysOverdueCutoffs;
}

/** A generated loan history: the labelled dataset plus the raw days overdue. */
export interface LoanHistory {
  dataset: CreditDataset;
  daysOverdue: Float64Array;
  /** Assumptions used (for reports). */
  diagnostics: { seed: number; rho: number; noise: number; classShares: Record<string, number> };
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9), for category shares. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Knots (standardised latent risk u → days overdue) of the days-overdue curve. */
const DAY_KNOTS: [number, number][] = [
  [-0.2, 0],
  [0.6, 30],
  [1.15, 60],
  [1.45, 91],
  [3.5, 400],
];

function daysOf(u: number): number {
  if (u <= DAY_KNOTS[0][0]) return 0;
  for (let i = 1; i < DAY_KNOTS.length; i++) {
    const [x0, y0] = DAY_KNOTS[i - 1];
    const [x1, y1] = DAY_KNOTS[i];
    if (u <= x1) return Math.floor(y0 + ((u - x0) / (x1 - x0)) * (y1 - y0));
  }
  const [x0, y0] = DAY_KNOTS[DAY_KNOTS.length - 2];
  const [x1, y1] = DAY_KNOTS[DAY_KNOTS.length - 1];
  return Math.min(720, Math.floor(y1 + ((u - x1) / (x1 - x0)) * (y1 - y0)));
}

/**
 * Generate a loan history (see the module comment for the model). Deterministic for a seed
 * (xoshiro128** via `createRng`). Columns are typed arrays; 1,000,000 rows take about a second.
 */
export function generateLoanHistory(options: LoanHistoryOptions): LoanHistory {
  const n = options.rows;
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) invalid(['rows'], `rows must be a whole number from 1 to 10,000,000, got ${n}`);
  if (!Number.isInteger(options.seed)) invalid(['seed'], `seed must be a whole number, got ${options.seed}`);
  const rho = options.rho ?? 0.35;
  if (!(rho >= 0 && rho < 1)) invalid(['rho'], `rho must be in [0, 1), got ${rho}`);
  const noise = options.noise ?? 0.6;
  if (!(noise >= 0 && Number.isFinite(noise))) invalid(['noise'], `noise must be ≥ 0, got ${noise}`);
  const cutoffs = options.cutoffs ?? DEFAULT_DAYS_OVERDUE_CUTOFFS;
  checkDaysOverdueCutoffs(cutoffs);
  const rng = createRng(options.seed);
  const A = GENERATOR_ATTRIBUTES;
  const columns = A.map((a) => (a.kind === 'categorical' ? new Int32Array(n) : new Float64Array(n)));
  // category cut points on the latent z (worst category = lowest z)
  const cuts = A.map((a) => {
    if (!a.shares) return [];
    const out: number[] = [];
    let acc = 0;
    for (let k = 0; k < a.shares.length - 1; k++) {
      acc += a.shares[k];
      out.push(normalQuantile(1 - acc)); // z above this → category k or better
    }
    return out;
  });
  const signal = new Float64Array(n);
  const rhoOf = A.map((a) => a.rho ?? rho);
  const sOf = rhoOf.map((p) => Math.sqrt(1 - p * p));
  for (let r = 0; r < n; r++) {
    const q = randomNormal(rng);
    let u = 0;
    for (let j = 0; j < A.length; j++) {
      const a = A[j];
      const z = rhoOf[j] * q + sOf[j] * randomNormal(rng);
      const miss = a.missing !== undefined && rng.next() < a.missing;
      if (a.kind === 'categorical') {
        const c = cuts[j];
        let k = 0;
        while (k < c.length && z < c[k]) k++;
        (columns[j] as Int32Array)[r] = miss ? -1 : k;
        u -= a.beta * (1 - (2 * k) / (c.length || 1));
      } else {
        const m = a.numeric!;
        const zz = m.largerIsWorse ? -z : z;
        let v = m.logNormal ? m.mean * Math.exp(m.sd * zz) : m.mean + m.sd * zz;
        const p = 10 ** m.decimals;
        v = Math.min(m.max, Math.max(m.min, Math.round(v * p) / p));
        (columns[j] as Float64Array)[r] = miss ? Number.NaN : v;
        u -= a.beta * Math.max(-2, Math.min(2, z)) * 0.6;
      }
    }
    signal[r] = u;
  }
  // standardise the signal, add noise, standardise again
  let mean = 0;
  for (let r = 0; r < n; r++) mean += signal[r];
  mean /= n;
  let v2 = 0;
  for (let r = 0; r < n; r++) v2 += (signal[r] - mean) ** 2;
  const sd = Math.sqrt(v2 / n) || 1;
  const scale = 1 / Math.sqrt(1 + noise * noise);
  const daysOverdue = new Float64Array(n);
  const labels = new Int32Array(n);
  const counts = new Array<number>(4).fill(0);
  for (let r = 0; r < n; r++) {
    const u = ((signal[r] - mean) / sd + noise * randomNormal(rng)) * scale;
    const d = daysOf(u);
    daysOverdue[r] = d;
    const k = daysOverdueClass(d, cutoffs);
    labels[r] = k;
    counts[k]++;
  }
  const attributes: CreditAttribute[] = A.map((a) => ({ name: a.name, kind: a.kind, values: a.levels ? [...a.levels] : [] }));
  const classes = [...DAYS_OVERDUE_CLASSES];
  return {
    dataset: { attributes, columns, classes, labels, rows: n },
    daysOverdue,
    diagnostics: {
      seed: options.seed,
      rho,
      noise,
      classShares: Object.fromEntries(classes.map((c, k) => [c, counts[k] / n])),
    },
  };
}

/** Column name of the days-overdue column in generated files. */
export const DAYS_OVERDUE_COLUMN = 'days overdue';
