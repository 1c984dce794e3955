import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADES, fuzzyEvaluate, membershipFromScore, membershipFromThresholds } from '../../src/evaluation/fuzzy.ts';
import { gra } from '../../src/evaluation/grey.ts';
import { evaluateHierarchyPortfolio, type PortfolioAlternative, portfolioIndicators } from '../../src/evaluation/portfolio.ts';
import { topsis } from '../../src/evaluation/topsis.ts';
import { synthesiseHierarchy } from '../../src/hierarchy/synthesis.ts';
import type { HierarchyNode } from '../../src/hierarchy/tree.ts';
import { validateHierarchy } from '../../src/hierarchy/validate.ts';
import { toColumnMajor } from '../../src/numeric/column-major.ts';
import { runStudy } from '../../src/study/run.ts';
import { issues } from '../support/issues.ts';

/** examples/evaluation/smes.yaml and smes.csv. */
const TREE = {
  code: 'S',
  name: 'SME financing risk',
  children: [
    {
      code: 'S1',
      name: 'Enterprise quality',
      weight: 0.55,
      children: [
        { code: 'S11', name: 'Management', weight: 0.4, direction: 'benefit' },
        { code: 'S12', name: 'Profitability', weight: 0.35, direction: 'benefit' },
        { code: 'S13', name: 'Solvency', weight: 0.25, direction: 'benefit' },
      ],
    },
    {
      code: 'S2',
      name: 'Transactions',
      weight: 0.45,
      children: [
        { code: 'S21', name: 'Cooperation', weight: 0.5, direction: 'benefit' },
        { code: 'S22', name: 'Overdue rate', weight: 0.5, direction: 'cost', rule: { thresholds: [0, 5, 10, 15, 20] } },
      ],
    },
  ],
};
const CODES = ['S11', 'S12', 'S13', 'S21', 'S22'];
const IDS = ['SME-001', 'SME-002', 'SME-003', 'SME-004', 'SME-005'];
const DATA = [
  [9, 8, 7, 9, 1.5],
  [6, 5, 6, 7, 8],
  [8, 9, 8, 6, 3],
  [4, 5, 3, 5, 17],
  [7, 7, 7, 8, 4.5],
];
const W = [0.55 * 0.4, 0.55 * 0.35, 0.55 * 0.25, 0.45 * 0.5, 0.45 * 0.5];
const root = validateHierarchy(TREE).root;
const table = { ids: IDS, codes: CODES, x: toColumnMajor(DATA) };
const alternatives: PortfolioAlternative[] = IDS.map((id, i) => ({ id, values: Object.fromEntries(CODES.map((c, j) => [c, DATA[i][j]])) }));

describe('evaluateHierarchyPortfolio: the evaluation behind `evaluate` and studies', () => {
  it('fce: the numbers `scf-risk evaluate` printed (ranks, SME-004 through the overdue thresholds)', () => {
    const r = evaluateHierarchyPortfolio({ root, alternatives: table, method: 'fce' });
    expect(r.rows.map((x) => [x.id, x.rank])).toEqual([
      ['SME-001', 1],
      ['SME-002', 4],
      ['SME-003', 2],
      ['SME-004', 5],
      ['SME-005', 3],
    ]);
    // overdue 17 % maps to 3.2 on the 2–10 axis (thresholds 15 → 4, 20 → 2)
    expect(r.rows[3].score).toBeCloseTo(W[0] * 4 + W[1] * 5 + W[2] * 3 + W[3] * 5 + W[4] * 3.2, 12);
    r.indicators.forEach((l, j) => expect(l.globalWeight).toBeCloseTo(W[j], 15));
    expect(r.indicators[4].direction).toBe('cost');
    expect(r.grades).toEqual(DEFAULT_GRADES.map((g) => (g.name as { en: string }).en));
    expect(r.diagnostics).toMatchObject({ alternatives: 5, indicators: 5, fceComposition: 'global weights' });
    // B of each alternative equals the multi-level fuzzy evaluation with the local weights
    r.rows.forEach((row, i) => {
      const leaf = (j: number) => (j === 4 ? membershipFromThresholds(DATA[i][4], [0, 5, 10, 15, 20]) : membershipFromScore(DATA[i][j]));
      const ref = fuzzyEvaluate({
        children: [
          { weight: 0.55, children: [0, 1, 2].map((j) => ({ weight: [0.4, 0.35, 0.25][j], membership: leaf(j) })) },
          { weight: 0.45, children: [3, 4].map((j) => ({ weight: 0.5, membership: leaf(j) })) },
        ],
      });
      row.b?.forEach((b, k) => expect(b).toBeCloseTo(ref.b[k], 12));
      expect(row.grade).toBe(ref.gradeName);
    });
  });

  it('topsis and gra: the methods on raw values with the leaves’ directions and global weights', () => {
    const directions = ['benefit', 'benefit', 'benefit', 'benefit', 'cost'] as const;
    const t = evaluateHierarchyPortfolio({ root, alternatives: table, method: 'topsis' });
    const tr = topsis(DATA, W, { directions: [...directions] });
    t.rows.forEach((row, i) => {
      expect(row.score).toBeCloseTo(tr.closeness[i], 12);
      expect(row.rank).toBe(tr.rank[i]);
    });
    const g = evaluateHierarchyPortfolio({ root, alternatives: table, method: 'gra' });
    const gr = gra(DATA, { weights: W, directions: [...directions] });
    g.rows.forEach((row, i) => expect(row.score).toBeCloseTo(gr.grades[i], 12));
  });

  it('explain: contributions add up to the score; node scores roll up with the local weights', () => {
    for (const method of ['fce', 'scorecard'] as const) {
      const r = evaluateHierarchyPortfolio({ root, alternatives: table, method, explain: true });
      for (const row of r.rows) {
        expect(row.contributions?.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(row.score, 12);
        const nodes = Object.fromEntries((row.nodes ?? []).map((n) => [n.code, n.score]));
        expect(nodes.S).toBeCloseTo(row.score, 12);
        expect(0.55 * nodes.S1 + 0.45 * nodes.S2).toBeCloseTo(row.score, 12);
      }
    }
  });

  it('a column table and a list of alternatives give the same rows, for every method', () => {
    for (const method of ['fce', 'scorecard', 'topsis', 'gra'] as const) {
      const a = evaluateHierarchyPortfolio({ root, alternatives: table, method, explain: true });
      const b = evaluateHierarchyPortfolio({ root, alternatives, method, explain: true });
      expect(b.rows, method).toEqual(a.rows);
    }
    // table columns in another order, with an extra column
    const shuffled = { ids: IDS, codes: ['note', ...[...CODES].reverse()], x: toColumnMajor(DATA.map((r) => [0, ...[...r].reverse()])) };
    expect(evaluateHierarchyPortfolio({ root, alternatives: shuffled, method: 'fce' }).rows).toEqual(
      evaluateHierarchyPortfolio({ root, alternatives: table, method: 'fce' }).rows,
    );
  });

  it('the study runner gives the same rows as the use case called directly (as `evaluate` calls it)', () => {
    for (const method of ['fce', 'scorecard', 'topsis', 'gra'] as const) {
      const study = runStudy({ title: 'SMEs', hierarchy: TREE, alternatives, evaluation: [{ method }] });
      const direct = evaluateHierarchyPortfolio({ root, synthesis: synthesiseHierarchy(TREE), alternatives: table, method, explain: true });
      const strip = (rows: { id: string; score: number; grade?: string; rank: number; b?: number[] }[]) =>
        rows.map(({ id, score, grade, rank, b }) => ({ id, score, grade, rank, b }));
      expect(strip(study.evaluations[0].rows ?? []), method).toEqual(strip(direct.rows));
    }
  });

  it('fce with votes or another operator composes level by level with the local weights', () => {
    const { S11: _, ...rest } = alternatives[0].values as Record<string, number>;
    const votes = [{ id: 'SME-001', values: rest, votes: { S11: [3, 1, 0, 0, 0] } }, ...alternatives.slice(1)];
    const r = evaluateHierarchyPortfolio({ root, alternatives: votes, method: 'fce', fuzzyTrees: true, explain: true });
    expect(r.diagnostics.fceComposition).toBe('multi-level');
    expect(r.fuzzy?.[0].result.root.children?.[0].children?.[0].b).toEqual([0.75, 0.25, 0, 0, 0]);
    expect(r.rows[0].score).toBeCloseTo(r.fuzzy?.[0].result.score ?? Number.NaN, 15);
    // votes 3:1 on 10 and 8 score 9.5, so the row equals the one with S11 = 9.5
    const same = evaluateHierarchyPortfolio({
      root,
      alternatives: [{ id: 'x', values: { ...alternatives[0].values, S11: 9.5 } }, ...alternatives.slice(1)],
      method: 'fce',
    });
    expect(r.rows[0].score).toBeCloseTo(same.rows[0].score, 12);
    expect(r.rows[0].contributions?.find((c) => c.code === 'S11')?.value).toBeCloseTo(9.5, 12);
    const mm = evaluateHierarchyPortfolio({ root, alternatives: table, method: 'fce', operator: 'min-max' });
    expect(mm.diagnostics.fceComposition).toBe('multi-level');
    expect(mm.rows[0].score).not.toBeCloseTo(same.rows[0].score, 3);
  });

  it('names the alternative and leaf of missing values and bad votes; unknown weights; no alternatives', () => {
    const missing = alternatives.map((a, i) => (i === 2 ? { id: a.id, values: { S11: 1 } } : a));
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: missing, method: 'topsis' }))[0]).toMatchObject({
      path: ['alternatives', 2],
      message: 'SME-003: no value or votes for S12',
      allowed: 'values.S12 or votes.S12',
    });
    const badVotes = [{ id: 'a', values: { S12: 1, S13: 1, S21: 1, S22: 1 }, votes: { S11: [1, 2] } }];
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: badVotes, method: 'fce' }))[0]).toMatchObject({
      path: ['alternatives', 0, 'votes', 'S11'],
      message: '2 vote counts for 5 grades',
    });
    const zero = [{ id: 'a', values: { S12: 1, S13: 1, S21: 1, S22: 1 }, votes: { S11: [0, 0, 0, 0, 0] } }];
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: zero, method: 'fce' }))[0].path).toEqual([
      'alternatives',
      0,
      'votes',
      'S11',
    ]);
    const partial = validateHierarchy({
      ...TREE,
      children: [
        { ...TREE.children[0], weight: undefined },
        { ...TREE.children[1], weight: undefined },
      ],
    });
    expect(issues(() => portfolioIndicators(partial.root, synthesiseHierarchy(partial.root)))[0].message).toBe(
      'no global weight for S11, S12, S13, S21, S22',
    );
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: [], method: 'gra' }))[0]).toMatchObject({
      path: ['alternatives'],
      message: 'the portfolio is empty (no alternatives)',
    });
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: { ...table, codes: ['S11'] }, method: 'gra' }))[0]).toMatchObject({
      path: ['alternatives', 'codes'],
      message: 'no column for S12, S13, S21, S22',
    });
    expect(issues(() => evaluateHierarchyPortfolio({ root, alternatives: table, method: 'vikor' as never }))[0].path).toEqual(['method']);
  });

  it('direction overrides replace the leaves’ own', () => {
    const r = evaluateHierarchyPortfolio({
      root: root as HierarchyNode,
      alternatives: table,
      method: 'topsis',
      directions: { S22: 'benefit' },
    });
    expect(r.indicators[4].direction).toBe('benefit');
    const tr = topsis(DATA, W, { directions: ['benefit', 'benefit', 'benefit', 'benefit', 'benefit'] });
    r.rows.forEach((row, i) => expect(row.score).toBeCloseTo(tr.closeness[i], 12));
  });
});
