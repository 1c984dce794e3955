import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ahpConsensus, consensusBand, groupAhpConsensus, hierarchyConsensus } from '../../src/weighting/ahp-consensus.ts';
import { SCALE_MAX } from '../../src/weighting/ahp-scales.ts';
import { groupAhp } from '../../src/weighting/group-ahp.ts';
import { issues } from '../support/issues.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/ahp-consensus.json', import.meta.url), 'utf8')) as {
  priorities: number[][];
  scaleMax: number;
  alpha: number;
  gamma: number;
  beta: number;
  homogeneity: number;
  consensus: number;
  leaveOneOut: number[];
}[];

const e1 = [
  [1, 3, 5],
  [1 / 3, 1, 2],
  [1 / 5, 1 / 2, 1],
];
const e2 = [
  [1, 1, 3],
  [1, 1, 4],
  [1 / 3, 1 / 4, 1],
];
const e3 = [
  [1, 1 / 5, 1 / 3],
  [5, 1, 3],
  [3, 1 / 3, 1],
];

describe('AHP consensus (Goepel)', () => {
  it('reproduces the formulas computed with numpy (fixtures/ahp-consensus.py)', () => {
    for (const c of fixture) {
      const r = ahpConsensus(c.priorities, { scaleMax: c.scaleMax });
      expect(r.alphaEntropy).toBeCloseTo(c.alpha, 12);
      expect(r.gammaEntropy).toBeCloseTo(c.gamma, 12);
      expect(r.betaEntropy).toBeCloseTo(c.beta, 12);
      expect(r.homogeneity).toBeCloseTo(c.homogeneity, 12);
      expect(r.consensus).toBeCloseTo(c.consensus, 12);
      const byId = new Map(r.removal.map((x) => [x.id, x.consensus]));
      c.leaveOneOut.forEach((s, k) => {
        expect(byId.get(`E${k + 1}`)).toBeCloseTo(s, 12);
      });
    }
  });

  it("the correction uses AHP-OS's scale maxima (printed in its source: 9, 3.321928095, 3, 81, 256)", () => {
    expect(SCALE_MAX.standard).toBe(9);
    expect(SCALE_MAX.logarithmic).toBeCloseTo(3.321928095, 9);
    expect(SCALE_MAX['root-square']).toBe(3);
    expect(SCALE_MAX['inverse-linear']).toBe(9);
    expect(SCALE_MAX.balanced).toBe(9);
    expect(SCALE_MAX.power).toBe(81);
    expect(SCALE_MAX.geometric).toBe(256);
  });

  it('names the expert whose removal raises consensus most', () => {
    const r = ahpConsensus(fixture[1].priorities, { ids: ['a', 'b', 'c', 'd'] });
    expect(r.dissenters).toEqual(['c']);
    expect(r.removal[0].id).toBe('c');
    expect(r.removal[0].gain).toBeGreaterThan(0);
  });

  it('bands: low < 65 %, moderate to 75 %, high from 75 %', () => {
    expect(consensusBand(0.64)).toBe('low');
    expect(consensusBand(0.65)).toBe('moderate');
    expect(consensusBand(0.7499)).toBe('moderate');
    expect(consensusBand(0.75)).toBe('high');
  });

  it('property: identical experts give consensus 100 %', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 9 }),
        fc.integer({ min: 2, max: 8 }),
        (w, k) => {
          const r = ahpConsensus(Array.from({ length: k }, () => w));
          expect(r.consensus).toBeCloseTo(1, 12);
          expect(r.band).toBe('high');
          expect(r.dissenters).toEqual([]);
        },
      ),
    );
  });

  it('property: consensus falls as one expert is moved away from the others', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 7 }), (w) => {
        const n = w.length;
        const total = w.reduce((s, x) => s + x, 0);
        const base = w.map((x) => x / total);
        // the moved expert goes along the line from the others' vector towards the unit vector of the smallest element
        const j = base.indexOf(Math.min(...base));
        const target = base.map((_, i) => (i === j ? 1 - 0.001 * (n - 1) : 0.001));
        let last = Number.POSITIVE_INFINITY;
        for (const t of [0, 0.25, 0.5, 0.75, 1]) {
          const moved = base.map((x, i) => (1 - t) * x + t * target[i]);
          const s = ahpConsensus([base, base, moved]).consensus;
          expect(s).toBeLessThanOrEqual(last + 1e-12);
          last = s;
        }
        expect(last).toBeLessThan(1);
      }),
    );
  });

  it("group: consensus of the experts' own vectors, AIJ and AIP side by side", () => {
    const experts = [
      { id: 'A', matrix: e1 },
      { id: 'B', matrix: e2 },
      { id: 'C', matrix: e3 },
    ];
    const r = groupAhpConsensus(experts);
    const aij = groupAhp(experts);
    const aip = groupAhp(experts, { aggregation: 'aip' });
    expect(r.aij.weights).toEqual(aij.weights);
    aip.weights.forEach((w, i) => {
      expect(r.aip.weights[i]).toBeCloseTo(w, 14);
    });
    expect(r.aip.cr).toBeCloseTo(aip.cr, 14);
    expect(r.consensus).toBeCloseTo(ahpConsensus(aij.experts.map((e) => e.weights)).consensus, 14);
    expect(r.dissenters).toEqual(['C']);
    expect(r.band).toBe(consensusBand(r.consensus));
    expect(r.consensus).toBeLessThan(0.9);
  });

  it('hierarchy: one entry per node judged by experts, and the weighted overall consensus', () => {
    const tree = {
      code: 'G',
      name: 'goal',
      weight: 1,
      children: [
        {
          code: 'A',
          name: 'a',
          weight: 0.6,
          experts: [{ matrix: e1 }, { matrix: e2 }],
          children: ['A1', 'A2', 'A3'].map((c) => ({ code: c, name: c })),
        },
        {
          code: 'B',
          name: 'b',
          weight: 0.4,
          experts: [{ matrix: e1 }, { matrix: e1 }],
          children: ['B1', 'B2', 'B3'].map((c) => ({ code: c, name: c })),
        },
      ],
    };
    const r = hierarchyConsensus(tree);
    expect(r.nodes.map((n) => n.code)).toEqual(['A', 'B']);
    expect(r.nodes[1].consensus).toBeCloseTo(1, 12);
    expect(r.overall).toBeCloseTo(0.6 * r.nodes[0].consensus + 0.4, 12);
  });

  it('errors name what is wrong', () => {
    expect(issues(() => ahpConsensus([[0.5, 0.5]]))[0].message).toMatch(/at least two experts/);
    expect(
      issues(() =>
        ahpConsensus([
          [0.5, 0.5],
          [0.2, 0.3, 0.5],
        ]),
      )[0].path,
    ).toEqual([1]);
    expect(
      issues(() =>
        ahpConsensus([
          [0.5, 0.5],
          [0, 1],
        ]),
      )[0].path,
    ).toEqual([1, 0]);
    expect(issues(() => ahpConsensus([[1], [1]]))[0].message).toMatch(/at least two elements/);
    expect(
      issues(() =>
        ahpConsensus(
          [
            [0.5, 0.5],
            [0.5, 0.5],
          ],
          { scaleMax: 1 },
        ),
      )[0].path,
    ).toEqual(['scaleMax']);
    expect(
      issues(() =>
        ahpConsensus(
          [
            [0.5, 0.5],
            [0.5, 0.5],
          ],
          { ids: ['x'] },
        ),
      )[0].path,
    ).toEqual(['ids']);
  });
});
