/**
 * Weights from a decision tree (SPEC §3.6, §5.3, [002 §3]):
 * - attribute influence: the root information gains, raw, normalised to sum 1, and mapped
 *   linearly to 0–100 (largest gain → 100, smallest → 0), as [002] maps its 22 gains;
 * - attribute-value influence: for value i with class counts x_i1…x_iC and per-class
 *   non-performing-loan ratios w_1…w_C, v_i = Σ_k w_k·x_ik / Σ_k x_ik (numeric attributes are
 *   binned at their quartiles);
 * - the scorecard: coefficient = attribute influence (0–100) × value influence — risk points.
 * Default NPL ratios for high / medium / lower / low risk: 1, 0.5, 0.2, 0 (the share of each
 * class's loans that turn non-performing; configurable).
 */
import { ValidationError } from '../errors.ts';
import type { CreditDataset } from './dataset.ts';
import { trainTree } from './tree.ts';

export const DEFAULT_NPL_RATIOS = [1, 0.5, 0.2, 0];

export interface GainWeightsResult {
  attributes: { attribute: string; gain: number; normalised: number; mapped: number }[];
  values: { attribute: string; value: string; count: number; classCounts: number[]; influence: number; coefficient: number }[];
  nplRatios: number[];
  classes: string[];
}

function quartiles(x: Float64Array): number[] {
  const v = Array.from(x)
    .filter((a) => !Number.isNaN(a))
    .sort((a, b) => a - b);
  if (v.length === 0) return [];
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  return [...new Set([q(0.25), q(0.5), q(0.75)])];
}

export function treeGainWeights(ds: CreditDataset, nplRatios: readonly number[] = DEFAULT_NPL_RATIOS): GainWeightsResult {
  const C = ds.classes.length;
  if (nplRatios.length !== C)
    throw new ValidationError([
      {
        path: ['nplRatios'],
        message: `${nplRatios.length} NPL ratios for ${C} classes (${ds.classes.join(', ')})`,
        allowed: `${C} numbers in [0, 1], in class order`,
      },
    ]);
  nplRatios.forEach((w, k) => {
    if (!(w >= 0 && w <= 1)) throw new ValidationError([{ path: ['nplRatios', k], message: `NPL ratio ${w} must lie in [0, 1]` }]);
  });
  const tree = trainTree(ds, { algorithm: 'id3', maxDepth: 1, recordCandidates: true });
  const gains = ds.attributes.map((a) => tree.rootGains.find((g) => g.attribute === a.name)?.gain ?? 0);
  const lo = Math.min(...gains);
  const hi = Math.max(...gains);
  const total = gains.reduce((s, g) => s + g, 0);
  const attributes = ds.attributes.map((a, j) => ({
    attribute: a.name,
    gain: gains[j],
    normalised: total > 0 ? gains[j] / total : 1 / gains.length,
    mapped: hi > lo ? (100 * (gains[j] - lo)) / (hi - lo) : 100,
  }));
  const values: GainWeightsResult['values'] = [];
  ds.attributes.forEach((a, j) => {
    const col = ds.columns[j];
    let names: string[];
    let bucket: (r: number) => number;
    if (a.kind === 'categorical') {
      names = [...a.values, '(missing)'];
      bucket = (r) => (col[r] < 0 ? a.values.length : col[r]);
    } else {
      const q = quartiles(col as Float64Array);
      const fmt = (x: number) => String(Number(x.toPrecision(4)));
      names = [
        ...q.map((c, k) => (k === 0 ? `< ${fmt(c)}` : `${fmt(q[k - 1])} – ${fmt(c)}`)),
        q.length ? `≥ ${fmt(q[q.length - 1])}` : 'all',
        '(missing)',
      ];
      bucket = (r) => {
        const v = col[r];
        if (Number.isNaN(v)) return names.length - 1;
        let b = 0;
        while (b < q.length && v >= q[b]) b++;
        return b;
      };
    }
    const counts = names.map(() => new Array<number>(C).fill(0));
    for (let r = 0; r < ds.rows; r++) counts[bucket(r)][ds.labels[r]]++;
    counts.forEach((cc, b) => {
      const n = cc.reduce((s, x) => s + x, 0);
      if (n === 0) return;
      const influence = cc.reduce((s, x, k) => s + nplRatios[k] * x, 0) / n;
      values.push({
        attribute: a.name,
        value: names[b],
        count: n,
        classCounts: cc,
        influence,
        coefficient: attributes[j].mapped * influence,
      });
    });
  });
  return { attributes, values, nplRatios: [...nplRatios], classes: [...ds.classes] };
}
