/** Charts and tables of AHP consensus, judgment scales and weight uncertainty render (issue 18). */
import { ahpScales, ahpUncertainty, groupAhpConsensus } from '@scf-risk/core';
import { describe, expect, it } from 'vitest';
import { consensusTables, scalesTable, uncertaintyTable } from '../src/ahp-analysis-tables.ts';
import { consensusBars, scaleBars, uncertaintyBoxes } from '../src/charts.ts';
import { renderChartSvg } from '../src/render-svg.ts';

const m = [
  [1, 3, 5],
  [1 / 3, 1, 2],
  [1 / 5, 1 / 2, 1],
];
const m2 = [
  [1, 1, 3],
  [1, 1, 4],
  [1 / 3, 1 / 4, 1],
];
const m3 = [
  [1, 1 / 5, 1 / 3],
  [5, 1, 3],
  [3, 1 / 3, 1],
];
const names = ['a', 'b', 'c'];

describe('AHP analyses in reports', () => {
  it('consensus: bars of S* without each expert; tables name the dissenter', () => {
    const c = groupAhpConsensus([
      { id: 'A', matrix: m },
      { id: 'B', matrix: m2 },
      { id: 'C', matrix: m3 },
    ]);
    const svg = renderChartSvg(consensusBars('Consensus', c.consensus, c.removal));
    expect(svg).toContain('without C');
    const t = consensusTables(c);
    expect(t[0].rows[0][10]).toBe('C');
    expect(t[2].rows.map((r) => r[0])).toEqual(['AIJ', 'AIP', 'A', 'B', 'C']);
  });

  it('scales: one bar series per scale; the table has a column per scale and a CR row', () => {
    const s = ahpScales(m, { scales: ['standard', 'power'] });
    const svg = renderChartSvg(scaleBars('Scales', names, s.scales));
    expect(svg).toContain('power');
    const t = scalesTable(s, names);
    expect(t.header).toEqual(['element', 'standard', 'power']);
    expect(t.rows.at(-1)?.[0]).toBe('CR');
  });

  it('uncertainty: boxes per element; the table gives intervals and rank probabilities', () => {
    const u = ahpUncertainty(m, { draws: 100, seed: 4 });
    const svg = renderChartSvg(uncertaintyBoxes('Uncertainty', names, u.weights));
    expect(svg).toContain('<svg');
    const t = uncertaintyTable(u, names);
    expect(t.rows).toHaveLength(3);
    expect(t.title).toMatch(/100 draws, step ±0.5, seed 4/);
  });
});
