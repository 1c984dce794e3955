import { describe, expect, it } from 'vitest';
import { createStopLossPool, observePool, poolAcceptsNewLoans } from '../../src/monitoring/stop-loss-pool.ts';
import { issues } from '../support/issues.ts';

const obs = (date: string, nplBalance: number, profit = 0, losses = 0, balance = 1_000_000) => ({
  date,
  balance,
  nplBalance,
  profit,
  losses,
});

describe('stop-loss pool', () => {
  it('stops exactly at the limit (≥), not just below it', () => {
    const p = createStopLossPool('P1', 0.05);
    expect(observePool(p, obs('2024-03-01', 49_999)).status).toBe('open');
    expect(observePool(p, obs('2024-03-01', 50_000)).status).toBe('stopped');
  });
  it('open → stopped → recovering → open, every transition recorded with its figures', () => {
    let p = createStopLossPool('P1', 0.05);
    p = observePool(p, obs('2024-03-01', 60_000, 5_000));
    expect(poolAcceptsNewLoans(p)).toEqual({
      accepted: false,
      decision: 'declined: pool stopped',
      figures: {
        date: '2024-03-01',
        balance: 1_000_000,
        nplBalance: 60_000,
        ratio: 0.06,
        maxNplRatio: 0.05,
        profitSinceStop: 0,
        lossesSinceStop: 0,
      },
    });
    p = observePool(p, obs('2024-03-10', 20_000, 4_000, 40_000)); // write-off brings the ratio to 2 %, losses 40,000
    expect(p.status).toBe('recovering');
    expect(poolAcceptsNewLoans(p).decision).toBe('declined: pool recovering');
    p = observePool(p, obs('2024-04-10', 20_000, 35_999));
    expect(p.status).toBe('recovering'); // profit 39,999 < losses 40,000
    p = observePool(p, obs('2024-05-10', 20_000, 1));
    expect(p.status).toBe('open'); // profit 40,000 = losses: covered
    expect(poolAcceptsNewLoans(p).accepted).toBe(true);
    expect(p.transitions.map((t) => [t.date, t.from, t.to])).toEqual([
      ['2024-03-01', 'open', 'stopped'],
      ['2024-03-10', 'stopped', 'recovering'],
      ['2024-05-10', 'recovering', 'open'],
    ]);
    expect(p.transitions[2].figures).toMatchObject({ profitSinceStop: 40_000, lossesSinceStop: 40_000, ratio: 0.02 });
  });
  it('does not resume while the ratio is at the limit, however large the profit', () => {
    let p = observePool(createStopLossPool('P1', 0.05), obs('2024-03-01', 50_000));
    p = observePool(p, obs('2024-03-02', 50_000, 1_000_000));
    expect(p.status).toBe('stopped');
    p = observePool(p, obs('2024-03-03', 49_999));
    expect(p.status).toBe('open'); // under the limit and profit covers (no losses): resumes
    expect(p.transitions.slice(-2).map((t) => t.to)).toEqual(['recovering', 'open']);
  });
  it('recovering falls back to stopped when the ratio reaches the limit again', () => {
    let p = observePool(createStopLossPool('P1', 0.05), obs('2024-03-01', 60_000));
    p = observePool(p, obs('2024-03-02', 10_000, 0, 50_000));
    p = observePool(p, obs('2024-03-03', 50_000));
    expect(p.status).toBe('stopped');
    expect(p.lossesSinceStop).toBe(50_000); // the episode's losses are kept
  });
  it('rejects bad figures', () => {
    const p = createStopLossPool('P1', 0.05);
    expect(issues(() => observePool(p, obs('2024-03-01', 2, 0, 0, 1)))[0].path).toEqual(['nplBalance']);
    expect(issues(() => createStopLossPool('P', 0))[0].path).toEqual(['maxNplRatio']);
    expect(issues(() => observePool(p, obs('2024-03-01', 1, 0.5)))[0].path).toEqual(['profit']);
  });
});
