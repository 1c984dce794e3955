import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debtRank, spectralRadiusNonNegative } from '../../src/monitoring/contagion.ts';
import { issues } from '../support/issues.ts';

const pair = [
  { id: 'A', equity: 1_000 },
  { id: 'B', equity: 1_000 },
];
const mutual = [
  { creditor: 'A', debtor: 'B', amount: 500 },
  { creditor: 'B', debtor: 'A', amount: 500 },
];

// Core enterprise CORE; supplier S1 sells to CORE (receivable 800 of equity 1,000); S2 supplies S1
// (receivable 300 of equity 600); distributor D holds prepayment 200 to CORE (equity 400).
const chain = [
  { id: 'CORE', equity: 10_000 },
  { id: 'S1', equity: 1_000 },
  { id: 'S2', equity: 600 },
  { id: 'D', equity: 400 },
];
const chainLinks = [
  { creditor: 'S1', debtor: 'CORE', amount: 800 },
  { creditor: 'S2', debtor: 'S1', amount: 300 },
  { creditor: 'D', debtor: 'CORE', amount: 200 },
];

describe('DebtRank', () => {
  it('hand-checked chain: a core-enterprise default, both rules agree on a tree', () => {
    for (const rule of ['single-hit', 'differential'] as const) {
      const r = debtRank(chain, chainLinks, { CORE: 1 }, { rule, lenderExposure: { S1: 2_000_000, S2: 1_000_000, D: 500_000 } });
      // S1: 0.8·1 = 0.8; S2: (300/600)·0.8 = 0.4; D: (200/400)·1 = 0.5.
      expect(r.h.map((x) => Number(x.toFixed(12)))).toEqual([1, 0.8, 0.4, 0.5]);
      expect(r.atRisk.map((a) => [a.id, a.expectedLoss])).toEqual([
        ['CORE', 0],
        ['S1', 1_600_000],
        ['S2', 400_000],
        ['D', 250_000],
      ]);
      expect(r.lenderExposureAtRisk).toBe(3_500_000);
      expect(r.lenderExpectedLoss).toBe(2_250_000);
      // H = (10,000 + 800 + 240 + 200) / 12,000; network part without the core's own 10,000.
      expect(r.systemicLoss).toBeCloseTo(11_240 / 12_000, 12);
      expect(r.networkLoss).toBeCloseTo(1_240 / 12_000, 12);
      expect(r.spectralRadius).toBeCloseTo(0, 12); // no cycle: nilpotent impact matrix
      expect(r.converged).toBe(true);
    }
  });
  it('hand-checked cycle: the rules differ (single-hit 0.625/0.25; differential (I − Λ)⁻¹h = 2/3, 1/3)', () => {
    const single = debtRank(pair, mutual, { A: 0.5 }, { rule: 'single-hit' });
    expect(single.h).toEqual([0.625, 0.25]);
    const diff = debtRank(pair, mutual, { A: 0.5 }, { rule: 'differential' });
    expect(diff.h[0]).toBeCloseTo(2 / 3, 11);
    expect(diff.h[1]).toBeCloseTo(1 / 3, 11);
    expect(diff.spectralRadius).toBeCloseTo(0.5, 12);
    expect(diff.impactMatrix).toEqual([
      [0, 0.5],
      [0.5, 0],
    ]);
  });
  it('spectral radius of a known matrix', () => {
    expect(
      spectralRadiusNonNegative([
        [0, 2],
        [0.5, 0],
      ]),
    ).toBeCloseTo(1, 10); // eigenvalues ±1
    expect(
      spectralRadiusNonNegative([
        [0.2, 0.1, 0],
        [0, 0.3, 0.4],
        [0.5, 0, 0.1],
      ]),
    ).toBeCloseTo(0.4837138669, 9); // numpy: max |eigvals|
  });
  it('an unstable cycle (ρ > 1) is capped at default', () => {
    const r = debtRank(
      pair,
      [
        { creditor: 'A', debtor: 'B', amount: 2_000 },
        { creditor: 'B', debtor: 'A', amount: 2_000 },
      ],
      { A: 0.1 },
    );
    expect(r.spectralRadius).toBeCloseTo(2, 10);
    expect(r.h).toEqual([1, 1]);
  });
  it('properties: no shock → zero; h in [0, 1]; monotone in the shock', () => {
    const arb = fc.record({
      equity: fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 4, maxLength: 4 }),
      amounts: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 12, maxLength: 12 }),
      s: fc.double({ min: 0, max: 1, noNaN: true }),
      t: fc.double({ min: 0, max: 1, noNaN: true }),
      rule: fc.constantFrom('single-hit' as const, 'differential' as const),
    });
    fc.assert(
      fc.property(arb, ({ equity, amounts, s, t, rule }) => {
        const ents = equity.map((e, i) => ({ id: `E${i}`, equity: e }));
        const links = [];
        let k = 0;
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) if (i !== j) links.push({ creditor: `E${i}`, debtor: `E${j}`, amount: amounts[k++] });
        expect(debtRank(ents, links, {}, { rule }).h).toEqual([0, 0, 0, 0]);
        const [lo, hi] = s <= t ? [s, t] : [t, s];
        const a = debtRank(ents, links, { E0: lo }, { rule });
        const b = debtRank(ents, links, { E0: hi }, { rule });
        for (let i = 0; i < 4; i++) {
          expect(a.h[i]).toBeGreaterThanOrEqual(0);
          expect(b.h[i]).toBeLessThanOrEqual(1);
          expect(b.h[i]).toBeGreaterThanOrEqual(a.h[i] - 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('rejects unknown enterprises and bad shocks with paths', () => {
    const found = issues(() => debtRank(pair, [{ creditor: 'A', debtor: 'Z', amount: 1 }], { A: 1.5 }));
    expect(found.map((i) => i.path.join('.'))).toEqual(['links.0.debtor', 'shock.A']);
  });
});
