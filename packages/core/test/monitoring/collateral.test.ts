import { describe, expect, it } from 'vitest';
import {
  collateralStep,
  openCollateralCase,
  type PledgeItem,
  valueCollateral,
  volatilityHaircut,
} from '../../src/monitoring/collateral.ts';
import { issues } from '../support/issues.ts';

const steel: PledgeItem = { id: 'WR-1', commodity: 'steel', quantity: 100, unitPrice: 400_000, haircut: 0.2, ltvLimit: 0.7 };
const copper: PledgeItem = { id: 'WR-2', commodity: 'copper', quantity: 2.5, unitPrice: 6_800_000, haircut: 0.1, ltvLimit: 0.8 };
const levels = { warning: 0.7, marginCall: 0.8, liquidation: 0.9 };

describe('collateral valuation', () => {
  it('per item: quantity × price × (1 − haircut), its own LTV limit; LTV on the sum', () => {
    const v = valueCollateral(30_000_000, [steel, copper], levels);
    expect(v.items.map((i) => [i.marketValue, i.pledgeValue, i.lendingValue])).toEqual([
      [40_000_000, 32_000_000, 22_400_000],
      [17_000_000, 15_300_000, 12_240_000],
    ]);
    expect(v.pledgeValue).toBe(47_300_000);
    expect(v.lendingValue).toBe(34_640_000);
    expect(v.ltv).toBeCloseTo(30_000_000 / 47_300_000, 15);
    expect(v.trigger).toBe('none');
    expect(v.shortfall).toBe(0);
  });
  it('triggers at each LTV level on both sides (≥ reaches the level)', () => {
    const at = (exposure: number) => valueCollateral(exposure, [{ ...steel, haircut: 0, ltvLimit: 1 }], levels).trigger; // pledge 40,000,000
    expect([27_999_999, 28_000_000, 31_999_999, 32_000_000, 35_999_999, 36_000_000].map(at)).toEqual([
      'none',
      'warning',
      'warning',
      'margin-call',
      'margin-call',
      'liquidation',
    ]);
    expect(valueCollateral(1, [], levels)).toMatchObject({ ltv: null, trigger: 'liquidation' });
  });
  it('rejects a float price, a haircut of 1, and levels out of order', () => {
    const found = issues(() => valueCollateral(1, [{ ...steel, unitPrice: 1.5, haircut: 1 }], levels));
    expect(found.map((i) => i.path.join('.'))).toEqual(['items.0.unitPrice', 'items.0.haircut']);
    expect(issues(() => valueCollateral(1, [steel], { warning: 0.8, marginCall: 0.8, liquidation: 0.9 }))[0].path).toEqual(['levels']);
  });
  it('volatility haircut: z·σ·√T of daily log returns, within floor and cap', () => {
    const prices = [100, 102, 99, 101, 103];
    const r = prices.slice(1).map((p, k) => Math.log(p / prices[k]));
    const m = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / 3);
    const h = volatilityHaircut(prices);
    expect(h.dailyVolatility).toBeCloseTo(sd, 15);
    expect(h.haircut).toBeCloseTo(2.33 * sd * Math.sqrt(10), 15);
    expect(volatilityHaircut(prices, { floor: 0.3 }).haircut).toBe(0.3);
    expect(volatilityHaircut([100, 200, 50, 300], { cap: 0.5 }).haircut).toBe(0.5);
  });
});

describe('call → cure → liquidate', () => {
  const terms = { levels, cureDays: 5 };
  const pledge = (price: number): PledgeItem[] => [{ ...steel, unitPrice: price, haircut: 0, ltvLimit: 0.7 }]; // 100 units
  it('a price fall opens a call with its deadline and inputs; a repayment cures it', () => {
    let s = openCollateralCase('L1');
    s = collateralStep(s, { date: '2024-03-01', exposure: 28_000_000, items: pledge(400_000) }, terms); // LTV 0.70 → warning
    expect(s.status).toBe('warning');
    s = collateralStep(s, { date: '2024-03-02', exposure: 28_000_000, items: pledge(350_000) }, terms); // LTV 0.80 → call
    expect(s.status).toBe('called');
    expect(s.call).toMatchObject({ issuedOn: '2024-03-02', deadline: '2024-03-07', valuation: { ltv: 0.8, shortfall: 3_500_000 } });
    s = collateralStep(s, { date: '2024-03-04', exposure: 25_000_000, items: pledge(350_000) }, terms); // still above 24,500,000
    expect(s.status).toBe('called');
    s = collateralStep(s, { date: '2024-03-05', exposure: 24_500_000, items: pledge(350_000) }, terms); // = lending value → cured
    expect(s.status).toBe('warning');
    expect(s.calls[0].curedOn).toBe('2024-03-05');
    expect(s.history.map((h) => h.to)).toEqual(['warning', 'called', 'warning']);
  });
  it('an uncured call is liquidated the day after its deadline, not on it', () => {
    let s = collateralStep(openCollateralCase('L1'), { date: '2024-03-02', exposure: 28_000_000, items: pledge(350_000) }, terms);
    s = collateralStep(s, { date: '2024-03-07', exposure: 28_000_000, items: pledge(350_000) }, terms);
    expect(s.status).toBe('called');
    s = collateralStep(s, { date: '2024-03-08', exposure: 28_000_000, items: pledge(350_000) }, terms);
    expect(s.status).toBe('liquidation');
    expect(s.history.at(-1)?.reason).toMatch(/not cured by its deadline 2024-03-07/);
    // Liquidation is final.
    expect(collateralStep(s, { date: '2024-03-09', exposure: 0, items: pledge(400_000) }, terms).status).toBe('liquidation');
  });
  it('refuses an observation older than the last one', () => {
    const s = collateralStep(openCollateralCase('L1'), { date: '2024-03-02', exposure: 1, items: pledge(350_000) }, terms);
    expect(issues(() => collateralStep(s, { date: '2024-03-01', exposure: 1, items: pledge(350_000) }, terms))[0].path).toEqual(['date']);
  });
});
