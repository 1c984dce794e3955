import { describe, expect, it } from 'vitest';
import { reconcileTrades } from '../../src/monitoring/reconciliation.ts';
import { issues } from '../support/issues.ts';

const r = (id: string, tradeId: string, amount: number, date: string) => ({ id, tradeId, amount, date });

describe('three-way reconciliation', () => {
  it('one-to-one, one-to-many and many-to-one trades that agree are matched', () => {
    const out = reconcileTrades({
      orders: [
        r('o1', 'T1', 100_000, '2024-03-01'),
        r('o2', 'T2', 100_000, '2024-03-01'),
        r('o3', 'T3', 30_000, '2024-03-01'),
        r('o4', 'T3', 70_000, '2024-03-02'),
      ],
      shipments: [
        r('s1', 'T1', 100_000, '2024-03-05'),
        r('s2', 'T2', 60_000, '2024-03-05'),
        r('s3', 'T2', 40_000, '2024-03-09'),
        r('s4', 'T3', 100_000, '2024-03-03'),
      ],
      payments: [r('p1', 'T1', 100_000, '2024-04-01'), r('p2', 'T2', 100_000, '2024-04-01'), r('p3', 'T3', 100_000, '2024-03-20')],
    });
    expect(out.trades.map((t) => [t.tradeId, t.kind, t.matched])).toEqual([
      ['T1', 'one-to-one', true],
      ['T2', 'one-to-many', true],
      ['T3', 'many-to-one', true],
    ]);
    expect(out.findings).toEqual([]);
  });
  it('every mismatch is a typed finding with exact amounts', () => {
    const out = reconcileTrades({
      orders: [r('o1', 'T1', 100_000, '2024-03-01'), r('o2', 'T2', 50_000, '2024-03-01')],
      shipments: [r('s1', 'T1', 99_999, '2024-02-20'), r('s2', 'T3', 10, '2024-03-01')],
      payments: [r('p1', 'T1', 100_000, '2024-09-01'), r('p1', 'T1', 0, '2024-03-02')],
    });
    const t1 = out.trades[0].findings;
    expect(t1).toEqual(
      expect.arrayContaining([
        { type: 'duplicate-record', tradeId: 'T1', source: 'payment', recordId: 'p1' },
        {
          type: 'amount-mismatch',
          tradeId: 'T1',
          between: ['order', 'shipment'],
          amounts: [100_000, 99_999],
          difference: -1,
          tolerance: 0,
        },
        {
          type: 'amount-mismatch',
          tradeId: 'T1',
          between: ['shipment', 'payment'],
          amounts: [99_999, 100_000],
          difference: 1,
          tolerance: 0,
        },
        {
          type: 'date-out-of-tolerance',
          tradeId: 'T1',
          source: 'shipment',
          recordId: 's1',
          date: '2024-02-20',
          earliest: '2024-03-01',
          latest: '2024-03-31',
        },
        {
          type: 'date-out-of-tolerance',
          tradeId: 'T1',
          source: 'payment',
          recordId: 'p1',
          date: '2024-09-01',
          earliest: '2024-02-20',
          latest: '2024-05-20',
        },
      ]),
    );
    expect(out.trades[1].findings).toEqual([
      { type: 'missing', tradeId: 'T2', source: 'shipment' },
      { type: 'missing', tradeId: 'T2', source: 'payment' },
    ]);
    expect(out.trades[2].findings.map((f) => f.type)).toEqual(['missing', 'missing']);
    expect([out.matched, out.unmatched]).toEqual([0, 3]);
  });
  it('amount and date tolerances on both sides of their edges', () => {
    const trade = (shipped: number, shipDate: string) => ({
      orders: [r('o', 'T', 100_000, '2024-03-01')],
      shipments: [r('s', 'T', shipped, shipDate)],
      payments: [r('p', 'T', shipped, '2024-03-10')],
    });
    expect(reconcileTrades(trade(99_900, '2024-03-05'), { amount: 100 }).trades[0].matched).toBe(true);
    expect(reconcileTrades(trade(99_899, '2024-03-05'), { amount: 100 }).trades[0].matched).toBe(false);
    expect(reconcileTrades(trade(99_000, '2024-03-05'), { share: 0.01 }).trades[0].matched).toBe(true); // ⌊0.01 · 100,000⌋ = 1,000
    expect(reconcileTrades(trade(98_999, '2024-03-05'), { share: 0.01 }).trades[0].matched).toBe(false);
    expect(reconcileTrades(trade(100_000, '2024-02-28'), { dateDays: 2 }).trades[0].matched).toBe(true);
    expect(reconcileTrades(trade(100_000, '2024-02-27'), { dateDays: 2 }).trades[0].matched).toBe(false);
    expect(reconcileTrades(trade(100_000, '2024-03-10'), { shipWithinDays: 9 }).trades[0].matched).toBe(true);
    expect(reconcileTrades(trade(100_000, '2024-03-11'), { shipWithinDays: 9 }).trades[0].matched).toBe(false);
  });
  it('rejects amounts that are not integers, with paths', () => {
    const found = issues(() =>
      reconcileTrades({ orders: [r('o', 'T', 10.5, '2024-03-01')], shipments: [], payments: [r('p', '', 1, '2024-03-01')] }),
    );
    expect(found.map((i) => i.path.join('.'))).toEqual(['orders.0.amount', 'payments.0.tradeId']);
  });
});
