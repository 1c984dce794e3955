import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction } from '../../src/hierarchy/tree.ts';
import { type CriticConflictRule, type CriticCorrelation, type CriticNormalisation, criticWeights } from '../../src/weighting/critic.ts';
import { issues } from '../support/issues.ts';

const round = (xs: number[], d: number) => xs.map((x) => Number(x.toFixed(d)));

// Diakoulaki, Mavrotas & Papayannakis (1995), Computers & OR 22(7) 763–770: 8 alternatives × 3
// criteria, all maximised.
const diakoulaki = [
  [61, 1.08, 4.33],
  [20.7, 0.26, 4.34],
  [16.3, 1.98, 2.53],
  [9, 3.29, 1.65],
  [5.4, 2.77, 2.33],
  [4, 4.12, 1.21],
  [-6.1, 3.52, 2.1],
  [-34.6, 3.31, 0.98],
];

describe('CRITIC variants: published examples', () => {
  // scikit-criteria, tests/preprocessing/test_weighters.py::test_critic_weight_weights_diakoulaki1995determining
  // pins the weights of the four scale × correlation combinations on Diakoulaki et al.'s data
  // to 8 decimals; the first is the paper's own (.202, .481, .317).
  const pinned: [CriticNormalisation, CriticCorrelation, number[]][] = [
    ['min-max', 'pearson', [0.20222554, 0.48090173, 0.31687273]],
    ['none', 'pearson', [0.86874234, 0.08341434, 0.04784331]],
    ['min-max', 'spearman', [0.21454645, 0.4898563, 0.29559726]],
    ['none', 'spearman', [0.87672195, 0.08082369, 0.04245436]],
  ];
  for (const [normalisation, correlationMethod, weights] of pinned) {
    it(`normalisation ${normalisation}, ${correlationMethod}: scikit-criteria's 8 decimals`, () => {
      const r = criticWeights(diakoulaki, { normalisation, correlationMethod });
      expect(round(r.weights, 8)).toEqual(weights);
      expect(r).toMatchObject({ normalisation, correlationMethod, conflictRule: 'signed', sdKind: 'sample' });
    });
  }
  it("the default is the paper's: .202 .481 .317", () => {
    const r = criticWeights(diakoulaki);
    expect(round(r.weights, 3)).toEqual([0.202, 0.481, 0.317]);
    expect(r).toMatchObject({ normalisation: 'min-max', correlationMethod: 'pearson', conflictRule: 'signed' });
  });
});

describe('CRITIC variants: numpy / pandas cross-check (fixtures/critic-variants.py)', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/critic-variants.json', import.meta.url), 'utf8')) as {
    cases: {
      name: string;
      matrix: number[][];
      directions: Direction[];
      variants: {
        normalisation: CriticNormalisation;
        correlationMethod: CriticCorrelation;
        conflictRule: CriticConflictRule;
        weights: number[];
        std: number[];
        correlation: number[][];
      }[];
    }[];
  };
  it('covers all 8 variants on 2 data sets', () => {
    expect(fixture.cases.map((c) => c.variants.length)).toEqual([8, 8]);
  });
  for (const c of fixture.cases)
    for (const v of c.variants)
      it(`${c.name}: ${v.normalisation}, ${v.correlationMethod}, ${v.conflictRule} agree to 1e-12`, () => {
        const r = criticWeights(c.matrix, {
          directions: c.directions,
          normalisation: v.normalisation,
          correlationMethod: v.correlationMethod,
          conflictRule: v.conflictRule,
        });
        r.weights.forEach((w, j) => expect(Math.abs(w - v.weights[j])).toBeLessThan(1e-12));
        r.std.forEach((s, j) => expect(Math.abs(s - v.std[j]) / v.std[j]).toBeLessThan(1e-12));
        r.correlation.forEach((row, j) =>
          row.forEach((x, k) => expect(Math.abs((typeof x === 'number' ? x : Number.NaN) - v.correlation[j][k])).toBeLessThan(1e-12)),
        );
        expect(r).toMatchObject({ normalisation: v.normalisation, correlationMethod: v.correlationMethod, conflictRule: v.conflictRule });
      });
});

describe('CRITIC variants: properties', () => {
  const normalisationArb = fc.constantFrom<CriticNormalisation>('min-max', 'none');
  const correlationArb = fc.constantFrom<CriticCorrelation>('pearson', 'spearman');
  const conflictArb = fc.constantFrom<CriticConflictRule>('signed', 'absolute');
  const dataArb = fc.record({ m: fc.integer({ min: 3, max: 10 }), n: fc.integer({ min: 2, max: 6 }) }).chain(({ m, n }) =>
    fc.record({
      x: fc.array(
        fc.array(
          fc.integer({ min: -40, max: 40 }).map((v) => v / 4),
          { minLength: n, maxLength: n },
        ),
        {
          minLength: m,
          maxLength: m,
        },
      ),
      d: fc.array(fc.constantFrom<Direction>('benefit', 'cost'), { minLength: n, maxLength: n }),
    }),
  );

  it('weights are ≥ 0, sum to 1 and are never NaN (or the method refuses)', () => {
    fc.assert(
      fc.property(dataArb, normalisationArb, correlationArb, conflictArb, ({ x, d }, normalisation, correlationMethod, conflictRule) => {
        let r: ReturnType<typeof criticWeights>;
        try {
          r = criticWeights(x, { directions: d, normalisation, correlationMethod, conflictRule });
        } catch (e) {
          expect((e as Error).message).toMatch(/carry no information/);
          return;
        }
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
        for (const w of r.weights) expect(w >= 0 && Number.isFinite(w)).toBe(true);
      }),
    );
  });

  it('Spearman: a monotone transformation of a column changes no correlation', () => {
    fc.assert(
      fc.property(dataArb, ({ x }) => {
        const cubed = x.map((row) => row.map((v, j) => (j === 0 ? v ** 3 : v)));
        const run = (m: number[][]) => {
          try {
            return criticWeights(m, { correlationMethod: 'spearman' });
          } catch {
            return undefined; // perfectly correlated or constant data: refused, tested elsewhere
          }
        };
        const a = run(x);
        const b = run(cubed);
        fc.pre(a !== undefined && b !== undefined);
        a?.correlation.forEach((row, j) =>
          row.forEach((r, k) =>
            typeof r === 'number'
              ? expect(Math.abs(r - Number(b?.correlation[j][k]))).toBeLessThan(1e-12)
              : expect(b?.correlation[j][k]).toBe(r),
          ),
        );
      }),
    );
  });

  it('absolute rule: equals the signed rule when every correlation is ≥ 0; a negated column changes nothing', () => {
    // columns all increasing together: every r ≥ 0
    const x = [
      [1, 2, 10],
      [2, 3, 30],
      [3, 7, 20],
      [4, 8, 40],
      [5, 9, 50],
    ];
    const a = criticWeights(x, { conflictRule: 'absolute' });
    const s = criticWeights(x);
    a.weights.forEach((w, j) => expect(w).toBeCloseTo(s.weights[j], 14));
    // direction flips the sign of a column's correlations; |r| does not see it
    const flipped = criticWeights(x, { conflictRule: 'absolute', directions: ['benefit', 'cost', 'benefit'] });
    flipped.weights.forEach((w, j) => expect(w).toBeCloseTo(a.weights[j], 14));
  });

  it("'none' on benefit data min-max scaled beforehand equals the default", () => {
    const lo = [0, 1, 2].map((j) => Math.min(...diakoulaki.map((r) => r[j])));
    const hi = [0, 1, 2].map((j) => Math.max(...diakoulaki.map((r) => r[j])));
    const scaled = diakoulaki.map((r) => r.map((v, j) => (v - lo[j]) / (hi[j] - lo[j])));
    const a = criticWeights(scaled, { normalisation: 'none' });
    criticWeights(diakoulaki).weights.forEach((w, j) => expect(a.weights[j]).toBeCloseTo(w, 13));
  });

  it("'none' keeps a cost column's σ and turns its correlations' sign", () => {
    const b = criticWeights(diakoulaki, { normalisation: 'none' });
    const c = criticWeights(diakoulaki, { normalisation: 'none', directions: ['benefit', 'cost', 'benefit'] });
    expect(c.std).toEqual(b.std);
    expect(c.correlation[0][1]).toBeCloseTo(-Number(b.correlation[0][1]), 14);
    expect(c.correlation[0][2]).toBeCloseTo(Number(b.correlation[0][2]), 14);
  });

  it("'none': a constant raw column gets weight 0", () => {
    const r = criticWeights(
      [
        [1, 7, 3],
        [2, 7, 1],
        [3, 7, 2],
      ],
      { normalisation: 'none' },
    );
    expect(r.weights[1]).toBe(0);
    expect(r.constantColumns).toEqual([1]);
  });
});

describe('CRITIC variants: validation', () => {
  it('rejects an unknown normalisation', () => {
    expect(issues(() => criticWeights(diakoulaki, { normalisation: 'vector' as never }))[0]).toMatchObject({
      path: ['normalisation'],
      allowed: 'min-max, none',
    });
  });
  it('rejects an unknown correlation', () => {
    expect(issues(() => criticWeights(diakoulaki, { correlationMethod: 'kendall' as never }))[0]).toMatchObject({
      path: ['correlationMethod'],
      allowed: 'pearson, spearman',
    });
  });
  it('rejects an unknown conflict rule', () => {
    expect(issues(() => criticWeights(diakoulaki, { conflictRule: 'squared' as never }))[0]).toMatchObject({
      path: ['conflictRule'],
      allowed: 'signed, absolute',
    });
  });
  it('reports every unknown option at once', () => {
    expect(
      issues(() =>
        criticWeights(diakoulaki, {
          sd: 'x' as never,
          normalisation: 'x' as never,
          correlationMethod: 'x' as never,
          conflictRule: 'x' as never,
        }),
      ).map((i) => i.path[0]),
    ).toEqual(['sd', 'normalisation', 'correlationMethod', 'conflictRule']);
  });
  it('absolute rule: two perfectly anti-correlated indicators carry no information', () => {
    const x = [
      [1, 9],
      [2, 8],
      [4, 6],
    ];
    expect(criticWeights(x).weights).toEqual([0.5, 0.5]); // signed: conflict 2 each
    expect(issues(() => criticWeights(x, { conflictRule: 'absolute' }))[0].message).toMatch(
      /perfectly correlated \(positively or negatively\)/,
    );
  });
});
