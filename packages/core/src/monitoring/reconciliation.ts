/**
 * Three-way reconciliation of a trade between the bank, the platform and the logistics company
 * (SPEC §6.9, [002 §5], [001]): orders, shipments / warehouse receipts and payments matched by
 * trade id; every mismatch is a typed finding (an alert for §6.7).
 *
 * Per trade id, with O, S, P the sums of the order, shipment and payment amounts (exact integers):
 *   amounts agree   |x − y| ≤ max(tolerance.amount, ⌊tolerance.share · max(x, y)⌋)   for (O,S), (S,P), (O,P)
 *   dates           earliest order − dateDays ≤ shipment ≤ latest order + shipWithinDays
 *                   earliest shipment − dateDays ≤ payment ≤ latest shipment + payWithinDays
 *   cardinality     one-to-one (≤ 1 record per source), one-to-many (one order, several shipments
 *                   or payments), many-to-one (several orders, at most one shipment and one payment),
 *                   many-to-many
 * Missing sources, duplicate record ids, amount and date breaks are findings; a trade without
 * findings is matched.
 *
 * Example: order T1 100,000; shipments 60,000 + 40,000; payment 100,000 → matched, one-to-many.
 */
import { ValidationError } from '../errors.ts';
import { checkMoney, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';

export const TRADE_SOURCES = ['order', 'shipment', 'payment'] as const;
export type TradeSource = (typeof TRADE_SOURCES)[number];

export interface TradeRecord {
  id: string;
  tradeId: string;
  amount: Money;
  date: IsoDate;
}

export interface ReconciliationInput {
  orders: TradeRecord[];
  /** Shipments or warehouse receipts. */
  shipments: TradeRecord[];
  payments: TradeRecord[];
}

export interface ReconciliationTolerances {
  /** Absolute amount tolerance, minor units (default 0: exact). */
  amount?: Money;
  /** Relative tolerance on the larger amount (default 0). */
  share?: number;
  /** Days a record may precede its predecessor's date (default 0). */
  dateDays?: number;
  /** Days after the latest order by which goods must ship (default 30). */
  shipWithinDays?: number;
  /** Days after the latest shipment by which payment must arrive (default 90). */
  payWithinDays?: number;
}

export const MATCH_KINDS = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A typed mismatch. */
export type ReconciliationFinding =
  | { type: 'missing'; tradeId: string; source: TradeSource }
  | { type: 'duplicate-record'; tradeId: string; source: TradeSource; recordId: string }
  | {
      type: 'amount-mismatch';
      tradeId: string;
      between: [TradeSource, TradeSource];
      amounts: [Money, Money];
      difference: Money;
      tolerance: Money;
    }
  | {
      type: 'date-out-of-tolerance';
      tradeId: string;
      source: TradeSource;
      recordId: string;
      date: IsoDate;
      earliest: IsoDate;
      latest: IsoDate;
    };

export interface TradeReconciliation {
  tradeId: string;
  kind: MatchKind;
  counts: Record<TradeSource, number>;
  totals: Record<TradeSource, Money>;
  matched: boolean;
  findings: ReconciliationFinding[];
}

export interface ReconciliationResult {
  trades: TradeReconciliation[];
  matched: number;
  unmatched: number;
  findings: ReconciliationFinding[];
}

const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** Reconcile the three sources (see the module comment); trades sorted by id. */
export function reconcileTrades(input: ReconciliationInput, tolerances: ReconciliationTolerances = {}): ReconciliationResult {
  const { amount: absTol = 0, share = 0, dateDays = 0, shipWithinDays = 30, payWithinDays = 90 } = tolerances;
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const lists: [TradeSource, 'orders' | 'shipments' | 'payments'][] = [
    ['order', 'orders'],
    ['shipment', 'shipments'],
    ['payment', 'payments'],
  ];
  for (const [, key] of lists)
    (input[key] ?? []).forEach((r, k) => {
      if (!r.tradeId) issues.push({ path: [key, k, 'tradeId'], message: 'a record needs a trade id' });
      try {
        checkMoney(r.amount, [key, k, 'amount']);
        dayNumber(r.date, [key, k, 'date']);
      } catch (e) {
        if (e instanceof ValidationError) issues.push(...e.issues);
        else throw e;
      }
    });
  if (!(Number.isSafeInteger(absTol) && absTol >= 0))
    issues.push({ path: ['tolerances', 'amount'], message: `${absTol} is not an amount in minor units` });
  if (!(share >= 0 && share < 1)) issues.push({ path: ['tolerances', 'share'], message: `${share} is out of range`, allowed: '[0, 1)' });
  for (const [k, v] of Object.entries({ dateDays, shipWithinDays, payWithinDays }))
    if (!(Number.isInteger(v) && v >= 0)) issues.push({ path: ['tolerances', k], message: `${v} is not a number of days` });
  if (issues.length) throw new ValidationError(issues);

  const byTrade = new Map<string, Record<TradeSource, TradeRecord[]>>();
  for (const [source, key] of lists)
    for (const r of input[key] ?? []) {
      const t = byTrade.get(r.tradeId) ?? { order: [], shipment: [], payment: [] };
      t[source].push(r);
      byTrade.set(r.tradeId, t);
    }
  const trades = [...byTrade.keys()].sort().map((tradeId): TradeReconciliation => {
    const t = byTrade.get(tradeId)!;
    const findings: ReconciliationFinding[] = [];
    const counts = { order: t.order.length, shipment: t.shipment.length, payment: t.payment.length };
    const totals = { order: 0, shipment: 0, payment: 0 } as Record<TradeSource, Money>;
    for (const s of TRADE_SOURCES) {
      const seen = new Set<string>();
      for (const r of t[s]) {
        if (seen.has(r.id)) findings.push({ type: 'duplicate-record', tradeId, source: s, recordId: r.id });
        seen.add(r.id);
        totals[s] += r.amount;
      }
      if (t[s].length === 0) findings.push({ type: 'missing', tradeId, source: s });
    }
    const pairs: [TradeSource, TradeSource][] = [
      ['order', 'shipment'],
      ['shipment', 'payment'],
      ['order', 'payment'],
    ];
    for (const [a, b] of pairs) {
      if (!t[a].length || !t[b].length) continue;
      const x = totals[a];
      const y = totals[b];
      const tol = Math.max(absTol, Math.floor(share * Math.max(x, y)));
      if (Math.abs(x - y) > tol)
        findings.push({ type: 'amount-mismatch', tradeId, between: [a, b], amounts: [x, y], difference: y - x, tolerance: tol });
    }
    const days = (rs: TradeRecord[]) => rs.map((r) => dayNumber(r.date));
    const window = (s: TradeSource, lo: number, hi: number) => {
      for (const r of t[s]) {
        const d = dayNumber(r.date);
        if (d < lo || d > hi)
          findings.push({
            type: 'date-out-of-tolerance',
            tradeId,
            source: s,
            recordId: r.id,
            date: r.date,
            earliest: iso(lo),
            latest: iso(hi),
          });
      }
    };
    if (t.order.length && t.shipment.length)
      window('shipment', Math.min(...days(t.order)) - dateDays, Math.max(...days(t.order)) + shipWithinDays);
    if (t.shipment.length && t.payment.length)
      window('payment', Math.min(...days(t.shipment)) - dateDays, Math.max(...days(t.shipment)) + payWithinDays);
    const many = (n: number) => n > 1;
    const kind: MatchKind =
      !many(counts.order) && !many(counts.shipment) && !many(counts.payment)
        ? 'one-to-one'
        : !many(counts.order)
          ? 'one-to-many'
          : !many(counts.shipment) && !many(counts.payment)
            ? 'many-to-one'
            : 'many-to-many';
    return { tradeId, kind, counts, totals, matched: findings.length === 0, findings };
  });
  const matched = trades.filter((t) => t.matched).length;
  return { trades, matched, unmatched: trades.length - matched, findings: trades.flatMap((t) => t.findings) };
}
