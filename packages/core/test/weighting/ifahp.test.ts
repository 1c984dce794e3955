import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIpr, type Ifn, ifahp, ifahpWeights, iprDistance, perfectlyConsistentIpr } from '../../src/weighting/ifahp.ts';
import {
  IFAHP_DEFAULT_SCALE,
  IFAHP_VERBAL_GRADES,
  IFAHP_VERBAL_SCALE,
  ifahpVerbalLabel,
  iprFromUpper,
} from '../../src/weighting/ifahp-scale.ts';
import { issues } from '../support/issues.ts';

const ipr3 = (): Ifn[][] => [
  [
    [0.5, 0.5],
    [0.6, 0.3],
    [0.3, 0.6],
  ],
  [
    [0.3, 0.6],
    [0.5, 0.5],
    [0.7, 0.2],
  ],
  [
    [0.6, 0.3],
    [0.2, 0.7],
    [0.5, 0.5],
  ],
];

interface NumpyCase {
  n: number;
  sigma: number;
  tau: number;
  convention: 'fixed-reference' | 'rebuild';
  matrix: Ifn[][];
  consistentMatrix: Ifn[][];
  distance: number;
  iterations: number;
  distances: number[];
  accepted: Ifn[][];
  ifWeights: Ifn[];
  weightsScore: number[];
  weightsOneMinusNu: number[];
}
const numpy: { cases: NumpyCase[] } = JSON.parse(readFileSync(new URL('../fixtures/ifahp-numpy.json', import.meta.url), 'utf8'));

const maxDiff = (a: unknown, b: unknown): number =>
  Array.isArray(a) ? Math.max(0, ...a.map((x, i) => maxDiff(x, (b as unknown[])[i]))) : Math.abs((a as number) - (b as number));

describe('IFAHP (Xu & Liao 2014)', () => {
  it('agrees with an independent numpy implementation (fixtures/ifahp-numpy.py) to 1e-12, n = 3…12, both conventions', () => {
    expect(numpy.cases.length).toBe(42);
    expect(numpy.cases.some((c) => c.iterations === 0)).toBe(true);
    expect(numpy.cases.some((c) => c.iterations >= 3)).toBe(true);
    for (const c of numpy.cases) {
      const r = ifahp(c.matrix, { sigma: c.sigma, tau: c.tau, convention: c.convention });
      const tag = `n=${c.n} σ=${c.sigma} ${c.convention}`;
      expect(maxDiff(r.consistentMatrix, c.consistentMatrix), tag).toBeLessThan(1e-12);
      expect(Math.abs(r.distance - c.distance), tag).toBeLessThan(1e-12);
      expect(r.iterations, tag).toBe(c.iterations);
      expect(maxDiff(r.distances, c.distances), tag).toBeLessThan(1e-12);
      expect(maxDiff(r.repairedMatrix ?? c.matrix, c.accepted), tag).toBeLessThan(1e-12);
      expect(maxDiff(r.ifWeights, c.ifWeights), tag).toBeLessThan(1e-12);
      expect(maxDiff(r.weights, c.weightsScore), tag).toBeLessThan(1e-12);
      const alt = ifahp(c.matrix, { sigma: c.sigma, tau: c.tau, convention: c.convention, crisp: 'one-minus-nu' });
      expect(maxDiff(alt.weights, c.weightsOneMinusNu), tag).toBeLessThan(1e-12);
    }
  });

  it('builds R̄ from the original relation and measures d(R̄, R) — worked by hand', () => {
    // μ̄13 = (0.6·0.7)/(0.6·0.7 + 0.4·0.3) = 0.42/0.54; ν̄13 = (0.3·0.2)/(0.3·0.2 + 0.7·0.8) = 0.06/0.62
    const r = ifahp(ipr3());
    expect(r.consistentMatrix[0][2][0]).toBeCloseTo(0.42 / 0.54, 15);
    expect(r.consistentMatrix[0][2][1]).toBeCloseTo(0.06 / 0.62, 15);
    expect(r.consistentMatrix[2][0]).toEqual([r.consistentMatrix[0][2][1], r.consistentMatrix[0][2][0]]);
    expect(r.consistentMatrix[0][1]).toEqual([0.6, 0.3]);
    // d = (2 entries × (|Δμ| + |Δν| + |Δπ|)) / (2·2·1)
    const dmu = 0.42 / 0.54 - 0.3;
    const dnu = 0.6 - 0.06 / 0.62;
    const dpi = Math.abs(1 - 0.42 / 0.54 - 0.06 / 0.62 - 0.1);
    expect(r.distance).toBeCloseTo((2 * (dmu + dnu + dpi)) / 4, 14);
    expect(Number(r.distance.toFixed(4))).toBe(0.5032);
    expect(r.consistent).toBe(false);
  });

  it('R̄ uses the ORIGINAL non-adjacent entries (4×4 worked by hand), not R̄ built so far', () => {
    const r: Ifn[][] = iprFromUpper({
      '12': [0.6, 0.3],
      '13': [0.2, 0.7],
      '14': [0.9, 0.1],
      '23': [0.7, 0.2],
      '24': [0.4, 0.5],
      '34': [0.6, 0.3],
    });
    const bar = perfectlyConsistentIpr(r);
    // k = i + 1 entries are kept
    expect(bar[0][1]).toEqual([0.6, 0.3]);
    expect(bar[2][3]).toEqual([0.6, 0.3]);
    // μ̄13 = μ12μ23 / (μ12μ23 + (1−μ12)(1−μ23)) = 0.42 / (0.42 + 0.12)
    expect(bar[0][2][0]).toBeCloseTo(0.42 / 0.54, 15);
    // μ̄14 = √(μ12μ24·μ13μ34) / (√(μ12μ24·μ13μ34) + √((1−μ12)(1−μ24)(1−μ13)(1−μ34))) with the ORIGINAL μ13 = 0.2
    const p = Math.sqrt(0.6 * 0.4 * 0.2 * 0.6);
    const q = Math.sqrt(0.4 * 0.6 * 0.8 * 0.4);
    expect(bar[0][3][0]).toBeCloseTo(p / (p + q), 15);
    expect(Number(bar[0][3][0].toFixed(4))).toBe(0.3798);
    // ν̄14 likewise: √(ν12ν24·ν13ν34) = √(0.3·0.5·0.7·0.3)
    const pv = Math.sqrt(0.3 * 0.5 * 0.7 * 0.3);
    const qv = Math.sqrt(0.7 * 0.5 * 0.3 * 0.7);
    expect(bar[0][3][1]).toBeCloseTo(pv / (pv + qv), 15);
    expect(bar[3][0]).toEqual([bar[0][3][1], bar[0][3][0]]);
    // the tempting mistake — using μ̄13 (0.7778) instead of μ13 (0.2) — gives a different value
    const wrongP = Math.sqrt(0.6 * 0.4 * (0.42 / 0.54) * 0.6);
    const wrongQ = Math.sqrt(0.4 * 0.6 * (1 - 0.42 / 0.54) * 0.4);
    expect(Math.abs(bar[0][3][0] - wrongP / (wrongP + wrongQ))).toBeGreaterThan(0.2);
  });

  it('repairs without re-scoring until d < τ, reporting σ, the iterations and the convention', () => {
    const r = ifahp(ipr3(), { sigma: 0.5 });
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.repairedDistance).toBeLessThan(0.1);
    expect(r).toMatchObject({ sigma: 0.5, tau: 0.1, convention: 'fixed-reference' });
    // fixed reference: d after t rounds with σ on a 3×3 relation equals the distance to R̄ of the fused relation
    expect(iprDistance(r.consistentMatrix, r.repairedMatrix as Ifn[][])).toBeCloseTo(r.repairedDistance as number, 15);
    const rebuild = ifahp(ipr3(), { convention: 'rebuild' });
    expect(rebuild.convention).toBe('rebuild');
    expect(rebuild.repairedDistance).toBeLessThan(0.1);
    expect(ifahp(ipr3(), { sigma: 1 }).iterations).toBe(1);
  });

  it('IF weights and crisp weights by both rules', () => {
    const consistent: Ifn[][] = perfectlyConsistentIpr(ipr3());
    const r = ifahp(consistent);
    expect(r.consistent).toBe(true);
    expect(r.iterations).toBe(0);
    const sumMu = consistent.flat().reduce((s, c) => s + c[0], 0);
    const sumOneMinusNu = consistent.flat().reduce((s, c) => s + 1 - c[1], 0);
    const row0Mu = consistent[0].reduce((s, c) => s + c[0], 0);
    const row0 = consistent[0].reduce((s, c) => s + 1 - c[1], 0);
    expect(r.ifWeights[0][0]).toBeCloseTo(row0Mu / sumOneMinusNu, 15);
    expect(r.ifWeights[0][1]).toBeCloseTo(1 - row0 / sumMu, 15);
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 15);
    expect(r.crisp).toBe('score');
    const alt = ifahp(consistent, { crisp: 'one-minus-nu' });
    const raw = alt.ifWeights.map(([, nu]) => 1 - nu);
    alt.weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / raw.reduce((s, x) => s + x, 0), 15));
    expect(r.rank[0]).toBe(1);
  });

  it('maps the verbal scale and builds the IPR from its upper triangle', () => {
    const r = iprFromUpper({ '12': 3, '13': '5', '23': [0.6, 0.3] });
    expect(r[0][1]).toEqual(IFAHP_DEFAULT_SCALE['3']);
    expect(r[1][0]).toEqual([0.25, 0.6]);
    expect(r[2][1]).toEqual([0.3, 0.6]);
    expect(issues(() => iprFromUpper({ '12': 4 }))[0]).toMatchObject({ path: ['12'], message: expect.stringMatching(/not on the scale/) });
    expect(issues(() => iprFromUpper({ '12': 3, '23': 3 }))[0].message).toMatch(/element 1 over element 3 is missing/);
    expect(issues(() => iprFromUpper({ '21': 3 }))[0]).toMatchObject({ path: ['21'] });
    const big = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 - i - 1 }, (_, d) => [`${i + 1},${i + d + 2}`, 1] as const)).flat(),
    );
    expect(iprFromUpper(big)).toHaveLength(10);
  });

  it('ships the nine-grade verbal IFN scale ([004] table 8) by English term, Chinese term or grade', () => {
    expect(IFAHP_VERBAL_GRADES.map((g) => g.ifn)).toEqual([
      [0.9, 0.1],
      [0.8, 0.15],
      [0.7, 0.2],
      [0.6, 0.25],
      [0.5, 0.3],
      [0.4, 0.45],
      [0.3, 0.6],
      [0.2, 0.75],
      [0.1, 0.9],
    ]);
    for (const g of IFAHP_VERBAL_GRADES) {
      expect(g.ifn[0] + g.ifn[1]).toBeLessThanOrEqual(1);
      expect(IFAHP_VERBAL_SCALE[g.label.en]).toEqual(g.ifn);
      expect(IFAHP_VERBAL_SCALE[g.label.zh]).toEqual(g.ifn);
      expect(IFAHP_VERBAL_SCALE[`g${g.grade}`]).toEqual(g.ifn);
      expect(ifahpVerbalLabel(g.ifn)).toEqual(g.label);
    }
    const r = iprFromUpper({ '12': '明显重要', '13': 'slightly less important', '23': 'g5' });
    expect(r[0][1]).toEqual([0.7, 0.2]);
    expect(r[1][0]).toEqual([0.2, 0.7]);
    expect(r[0][2]).toEqual([0.4, 0.45]);
    expect(r[2][0]).toEqual([0.45, 0.4]);
    expect(r[1][2]).toEqual([0.5, 0.3]);
    expect(r[2][1]).toEqual([0.3, 0.5]);
    expect(() => checkIpr(r)).not.toThrow();
    // Saaty-like values take the "more important" grades; 1/v is the reverse of v
    expect(IFAHP_DEFAULT_SCALE['5']).toEqual(IFAHP_VERBAL_SCALE.g7);
    expect(IFAHP_DEFAULT_SCALE['1/5']).toEqual([0.2, 0.7]);
  });

  it('properties: the repaired relation is an IPR and passes τ; weights sum to 1; permutation-equivariant', () => {
    const scaleValues = Object.values(IFAHP_DEFAULT_SCALE);
    const relation = fc.integer({ min: 3, max: 7 }).chain((n) =>
      fc.array(fc.constantFrom(...scaleValues), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((cells) => {
        const r: Ifn[][] = Array.from({ length: n }, () => Array.from({ length: n }, () => [0.5, 0.5] as Ifn));
        let t = 0;
        for (let i = 0; i < n; i++)
          for (let k = i + 1; k < n; k++) {
            r[i][k] = cells[t++];
            r[k][i] = [r[i][k][1], r[i][k][0]];
          }
        return r;
      }),
    );
    fc.assert(
      fc.property(
        relation,
        fc.constantFrom(0.2, 0.5, 0.8),
        fc.constantFrom('fixed-reference' as const, 'rebuild' as const),
        (rel, sigma, convention) => {
          const res = ifahp(rel, { sigma, convention });
          const acc = res.repairedMatrix ?? rel;
          expect(() => checkIpr(acc)).not.toThrow();
          const ref = convention === 'rebuild' ? perfectlyConsistentIpr(acc) : res.consistentMatrix;
          expect(iprDistance(ref, acc)).toBeLessThan(0.1);
          expect(Math.abs(res.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
          for (const w of res.weights) expect(Number.isFinite(w)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(relation, (rel) => {
        const n = rel.length;
        const p = Array.from({ length: n }, (_, i) => n - 1 - i);
        const a = ifahp(rel, { convention: 'rebuild' });
        const permuted = p.map((i) => p.map((k) => rel[i][k]));
        expect(permuted.length).toBe(n);
        // reversing the order keeps sums per row, so IF weights of an unrepaired relation permute exactly
        if (a.consistent) {
          const b = ifahp(permuted, { convention: 'rebuild' });
          if (b.consistent) p.forEach((orig, k) => expect(b.weights[k]).toBeCloseTo(a.weights[orig], 12));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('IF weights are permutation-equivariant for any relabelling of the elements', () => {
    const scaleValues = Object.values(IFAHP_VERBAL_SCALE);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) =>
          fc.tuple(
            fc.array(fc.constantFrom(...scaleValues), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i),
              { minLength: n, maxLength: n },
            ),
          ),
        ),
        ([cells, perm]) => {
          const n = perm.length;
          const rel: Ifn[][] = Array.from({ length: n }, () => Array.from({ length: n }, () => [0.5, 0.5] as Ifn));
          let t = 0;
          for (let i = 0; i < n; i++)
            for (let k = i + 1; k < n; k++) {
              rel[i][k] = cells[t++];
              rel[k][i] = [rel[i][k][1], rel[i][k][0]];
            }
          const permuted = perm.map((i) => perm.map((k) => rel[i][k]));
          const a = ifahpWeights(rel);
          const b = ifahpWeights(permuted);
          perm.forEach((orig, k) => {
            expect(b[k][0]).toBeCloseTo(a[orig][0], 14);
            expect(b[k][1]).toBeCloseTo(a[orig][1], 14);
          });
          // R̄ itself depends on the order of the elements (a property of Xu & Liao's construction);
          // with σ = 1 under the fixed reference the accepted relation is R̄ — so only an unrepaired run is equivariant.
          const ra = ifahp(rel);
          const rb = ifahp(permuted);
          if (ra.consistent && rb.consistent) perm.forEach((orig, k) => expect(rb.weights[k]).toBeCloseTo(ra.weights[orig], 14));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('validation names the cell', () => {
    const bad = ipr3();
    bad[0][1] = [0.7, 0.4];
    expect(issues(() => ifahp(bad))[0]).toMatchObject({ path: [0, 1], message: expect.stringMatching(/μ \+ ν = 1.1 exceeds 1/) });
    const nonRecip = ipr3();
    nonRecip[1][0] = [0.3, 0.5];
    expect(issues(() => ifahp(nonRecip))[0]).toMatchObject({
      path: [1, 0],
      message: expect.stringMatching(/not the reverse of \[0\]\[1\]/),
    });
    const diag = ipr3();
    diag[2][2] = [0.6, 0.4];
    expect(issues(() => ifahp(diag))[0]).toMatchObject({ path: [2, 2], message: expect.stringMatching(/diagonal must be \(0.5, 0.5\)/) });
    expect(issues(() => ifahp([[[0.5, 0.5], [0.5]]] as never))[0]).toMatchObject({ path: [0] });
    expect(issues(() => ifahp(ipr3(), { sigma: 0 }))[0]).toMatchObject({ path: ['sigma'] });
    expect(issues(() => ifahp(ipr3(), { tau: 2 }))[0]).toMatchObject({ path: ['tau'] });
    expect(issues(() => ifahp([]))[0].message).toMatch(/empty/);
    expect(issues(() => ifahp(ipr3(), { convention: 'sometimes' as never }))[0]).toMatchObject({ path: ['convention'] });
    expect(issues(() => ifahp(ipr3(), { crisp: 'centroid' as never }))[0]).toMatchObject({ path: ['crisp'] });
    expect(issues(() => ifahp(ipr3(), { labels: ['a'] }))[0]).toMatchObject({ path: ['labels'] });
    const outOfRange = ipr3();
    outOfRange[0][1] = [-0.1, 0.3];
    outOfRange[1][0] = [0.3, -0.1];
    expect(issues(() => ifahp(outOfRange))[0]).toMatchObject({ path: [0, 1], message: expect.stringMatching(/must lie in \[0, 1\]/) });
    const nan = ipr3();
    nan[2][1] = [Number.NaN, 0.7];
    expect(issues(() => ifahp(nan))[0]).toMatchObject({ path: [2, 1], message: expect.stringMatching(/not a pair/) });
    // too few rounds allowed
    expect(issues(() => ifahp(ipr3(), { sigma: 0.05, maxIterations: 2 }))[0]).toMatchObject({
      path: ['sigma'],
      message: expect.stringMatching(/still inconsistent .* after 2 repair rounds with σ = 0.05/),
    });
  });

  it('a degree of exactly 0 or 1 cannot be repaired by σ < 1: the cell is named, σ = 1 works', () => {
    const stuck = iprFromUpper({ '12': [0.9, 0.1], '13': [0, 0.2], '23': [0.9, 0.1] });
    for (const convention of ['fixed-reference', 'rebuild'] as const)
      expect(issues(() => ifahp(stuck, { convention }))[0]).toMatchObject({
        path: [0, 2],
        message: expect.stringMatching(/μ = 0 cannot be moved towards R̄ .* by the σ-repair/),
      });
    const r = ifahp(stuck, { sigma: 1 });
    expect(r.iterations).toBe(1);
    expect(r.repairedDistance).toBe(0);
  });
});
