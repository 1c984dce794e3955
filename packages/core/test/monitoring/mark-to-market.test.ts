import { describe, expect, it } from 'vitest';
import {
  type MarginTerms,
  marginRequirement,
  marginStep,
  openMarginAccount,
  transactionIndex,
} from '../../src/monitoring/mark-to-market.ts';
import { issues } from '../support/issues.ts';

const params = {
  weights: { volume: 0.5, timeliness: 0.3, returns: 0.2 },
  smoothing: 0.5,
  baseline: { volume: 1_000_000, onTimeShare: 0.9, returnShare: 0.05 },
};
const terms: MarginTerms = { initialRate: 0.1, maintenanceRate: 0.07, deadlineDays: 2, defaultAfterDays: 3 };

describe('transaction index', () => {
  it('is 100 on baseline days and follows the smoothed composite', () => {
    const base = { volume: 1_000_000, onTimeShare: 0.9, returnShare: 0.05 };
    const idx = transactionIndex(
      [
        { date: '2024-03-01', ...base },
        { date: '2024-03-02', volume: 500_000, onTimeShare: 0.9, returnShare: 0.05 },
        { date: '2024-03-03', volume: 500_000, onTimeShare: 0.9, returnShare: 0.05 },
      ],
      params,
    );
    expect(idx[0].index).toBeCloseTo(100, 12);
    // x = 0.5·0.5 + 0.3 + 0.2 = 0.75; s = 0.5·0.75 + 0.5·1 = 0.875; then 0.5·0.75 + 0.5·0.875 = 0.8125.
    expect(idx.map((p) => Number(p.index.toFixed(10)))).toEqual([100, 87.5, 81.25]);
  });
  it('rejects weights that do not sum to 1 and days out of order', () => {
    expect(issues(() => transactionIndex([], { ...params, weights: { volume: 0.5, timeliness: 0.5, returns: 0.5 } }))[0].path).toEqual([
      'weights',
    ]);
    const d = { volume: 1, onTimeShare: 1, returnShare: 0 };
    expect(
      issues(() =>
        transactionIndex(
          [
            { date: '2024-03-02', ...d },
            { date: '2024-03-01', ...d },
          ],
          params,
        ),
      )[0].path,
    ).toEqual(['days', 1, 'date']);
  });
});

describe('margin requirement and calls', () => {
  it('the module example: index 80 → multiplier 1.25, IM 125,000, MM 87,500', () => {
    expect(marginRequirement(1_000_000, 80, terms)).toEqual({
      exposure: 1_000_000,
      index: 80,
      multiplier: 1.25,
      initial: 125_000,
      maintenance: 87_500,
    });
    expect(marginRequirement(1_000_000, 10, terms).multiplier).toBe(3); // bounded
  });
  it('a call exactly below maintenance, none at it (cover < MM, not ≤)', () => {
    const mark = { type: 'mark' as const, date: '2024-03-02', exposure: 1_000_000, index: 80 };
    expect(marginStep(openMarginAccount('A', 87_500), mark, terms).status).toBe('active');
    const called = marginStep(openMarginAccount('A', 87_499), mark, terms);
    expect(called.status).toBe('called');
    expect(called.calls[0]).toMatchObject({
      id: 'A-call-1',
      issuedOn: '2024-03-02',
      deadline: '2024-03-04',
      amount: 37_501,
      inputs: {
        exposure: 1_000_000,
        index: 80,
        multiplier: 1.25,
        initial: 125_000,
        maintenance: 87_500,
        cash: 87_499,
        collateral: 0,
        cover: 87_499,
      },
    });
  });
  it('met by a deposit with pledged collateral counting as cover', () => {
    let a = marginStep(openMarginAccount('A', 50_000, 30_000), { type: 'mark', date: '2024-03-02', exposure: 1_000_000, index: 80 }, terms);
    expect(a.status).toBe('called');
    a = marginStep(a, { type: 'deposit', date: '2024-03-03', amount: 45_000 }, terms); // 125,000 = IM
    expect(a.status).toBe('active');
    expect(a.calls[0]).toMatchObject({ status: 'met', closedOn: '2024-03-03' });
  });
  it('escalates: frozen the day after the deadline, default after the grace period', () => {
    let a = openMarginAccount('A', 0);
    const mark = (date: string) => ({ type: 'mark' as const, date, exposure: 1_000_000, index: 100 });
    a = marginStep(a, mark('2024-03-01'), terms); // call, deadline 03-03
    a = marginStep(a, mark('2024-03-03'), terms);
    expect(a.status).toBe('called');
    a = marginStep(a, mark('2024-03-04'), terms);
    expect(a.status).toBe('frozen');
    a = marginStep(a, mark('2024-03-06'), terms);
    expect(a.status).toBe('frozen');
    a = marginStep(a, mark('2024-03-07'), terms);
    expect(a.status).toBe('defaulted');
    expect(a.history.map((h) => h.to)).toEqual(['called', 'frozen', 'defaulted']);
    expect(issues(() => marginStep(a, mark('2024-03-08'), terms))[0].message).toMatch(/default/);
  });
  it('a frozen line is released when the call is met before default', () => {
    let a = openMarginAccount('A', 0);
    const mark = (date: string) => ({ type: 'mark' as const, date, exposure: 1_000_000, index: 100 });
    a = marginStep(a, mark('2024-03-01'), terms);
    a = marginStep(a, mark('2024-03-04'), terms);
    a = marginStep(a, { type: 'deposit', date: '2024-03-05', amount: 100_000 }, terms);
    expect(a.status).toBe('active');
  });
  it('refuses a withdrawal below the initial requirement', () => {
    const a = marginStep(openMarginAccount('A', 150_000), { type: 'mark', date: '2024-03-01', exposure: 1_000_000, index: 100 }, terms);
    expect(marginStep(a, { type: 'withdrawal', date: '2024-03-01', amount: 50_000 }, terms).cash).toBe(100_000);
    expect(issues(() => marginStep(a, { type: 'withdrawal', date: '2024-03-01', amount: 50_001 }, terms))[0].path).toEqual(['amount']);
  });
});
