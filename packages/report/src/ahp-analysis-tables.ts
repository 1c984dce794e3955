/**
 * Tables of the analyses beside AHP weights: Goepel's group consensus, the judgments read on
 * several scales, and the weight uncertainty from perturbed judgments (CLI and reports).
 */
import type {
  AhpConsensusResult,
  AhpScalesResult,
  AhpUncertaintyResult,
  GroupConsensusResult,
  HierarchyConsensusResult,
  Label,
} from '@scf-risk/core/ahp';
import { elementName } from './ahp-tables.ts';
import { fmt, type Table } from './table.ts';

const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : `${(100 * x).toFixed(1)} %`);

/** S*, its band, the entropies and the leave-one-out consensus of every expert. */
export function consensusTables(c: AhpConsensusResult | GroupConsensusResult, labels?: Label[], title = 'Group consensus'): Table[] {
  const tables: Table[] = [
    {
      title: `${title} (Goepel's S*)`,
      header: ['consensus S*', 'band', 'homogeneity S', 'Hα', 'Hβ', 'Hγ', 'Dβ', 'experts', 'n', 'M', 'raised most by removing'],
      rows: [
        [
          pct(c.consensus),
          c.band,
          pct(c.homogeneity),
          fmt(c.alphaEntropy, 4),
          fmt(c.betaEntropy, 4),
          fmt(c.gammaEntropy, 4),
          fmt(c.betaDiversity, 4),
          c.experts,
          c.n,
          fmt(c.scaleMax, 4),
          c.dissenters.join(', ') || '—',
        ],
      ],
    },
  ];
  if (c.removal.some((r) => r.consensus !== undefined))
    tables.push({
      title: 'Consensus without each expert',
      header: ['expert removed', 'consensus S*', 'change'],
      rows: c.removal.map((r) => [
        r.id,
        pct(r.consensus),
        r.gain === undefined ? '' : `${r.gain >= 0 ? '+' : ''}${(100 * r.gain).toFixed(1)} pt`,
      ]),
    });
  if ('aij' in c) {
    tables.push({
      title: 'AIJ and AIP beside the experts',
      header: ['', ...c.aij.weights.map((_, i) => elementName(labels, i)), 'CR'],
      rows: [
        ['AIJ', ...c.aij.weights.map((w) => fmt(w, 4)), fmt(c.aij.cr, 4)],
        ['AIP', ...c.aip.weights.map((w) => fmt(w, 4)), fmt(c.aip.cr, 4)],
        ...c.expertWeights.map((w, k) => [c.ids[k], ...w.map((x) => fmt(x, 4)), '']),
      ],
    });
  }
  return tables;
}

/** One row per node judged by experts, and the overall consensus. */
export function hierarchyConsensusTable(h: HierarchyConsensusResult): Table {
  return {
    title: `Group consensus per node (Goepel's S*)${h.overall !== undefined ? `: overall ${pct(h.overall)} (${h.overallBand})` : ''}`,
    header: ['node', 'global weight', 'consensus S*', 'band', 'experts', 'raised most by removing'],
    rows: h.nodes.map((n) => [n.code, fmt(n.globalWeight, 4), pct(n.consensus), n.band, n.experts, n.dissenters.join(', ') || '—']),
  };
}

/** Weights (with ranks) and CR per judgment scale, one column per scale. */
export function scalesTable(
  s: AhpScalesResult | { scales: AhpScalesResult['scales']; codes: string[]; rankingChanges: boolean },
  labels?: Label[],
): Table {
  const names = 'codes' in s ? s.codes : s.scales[0].weights.map((_, i) => elementName(labels, i));
  return {
    title: `Weights per judgment scale${s.rankingChanges ? ' — the ranking depends on the scale' : ' — the same ranking on every scale'}`,
    header: ['element', ...s.scales.map((x) => x.scale)],
    rows: [
      ...names.map((name, i) => [name, ...s.scales.map((x) => `${fmt(x.weights[i], 4)} (${x.ranks[i]})`)]),
      ['CR', ...s.scales.map((x) => fmt(x.cr, 4))],
    ],
  };
}

/** Nominal weight, mean, sd, 95 % interval and the most likely ranks per element. */
export function uncertaintyTable(u: AhpUncertaintyResult, labels?: Label[]): Table {
  const names = u.codes ?? u.weights.map((_, i) => elementName(labels ?? u.labels, i));
  const rule = u.rule === 'step' ? `step ±${u.step}` : `log-uniform factor ${u.factor}`;
  return {
    title: `Weight uncertainty (${u.draws} draws, ${rule}, seed ${u.seed}; same ranking in ${pct(u.sameRanking)} of draws)`,
    header: ['element', 'weight', 'mean', 'sd', '2.5 %', '97.5 %', 'rank', 'P(rank)', 'ranks seen'],
    rows: u.weights.map((w, i) => {
      const p = u.rankProbabilities[i];
      const seen = p
        .map((x, r) => [r + 1, x] as const)
        .filter(([, x]) => x > 0)
        .map(([r, x]) => `${r}: ${pct(x)}`)
        .join(', ');
      return [
        names[i],
        fmt(w.nominal, 4),
        fmt(w.mean, 4),
        fmt(w.sd, 4),
        fmt(w.lower, 4),
        fmt(w.upper, 4),
        u.nominalRanks[i],
        pct(p[u.nominalRanks[i] - 1]),
        seen,
      ];
    }),
  };
}
