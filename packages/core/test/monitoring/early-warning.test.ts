import { describe, expect, it } from 'vitest';
import {
  acknowledgeAlert,
  assignAlert,
  evaluateWarnings,
  mergeAlerts,
  resolveAlert,
  type WarningRule,
} from '../../src/monitoring/early-warning.ts';
import { issues } from '../support/issues.ts';

const rules: WarningRule[] = [
  { id: 'score-drop', kind: 'drop', indicator: 'score', by: 50, severity: 'medium', stage: 'in-loan' },
  { id: 'dpd30', kind: 'threshold', indicator: 'daysPastDue', op: '>=', value: 30, severity: 'high', stage: 'post-loan' },
  { id: 'ltv', kind: 'threshold', indicator: 'ltv', op: '>=', value: 0.8, severity: 'high' },
  { id: 'index-drop', kind: 'drop', indicator: 'transactionIndex', by: 0.2, relative: true, severity: 'medium' },
  { id: 'core-downgrade', kind: 'event', eventType: 'core-enterprise-downgrade', withinDays: 7, severity: 'critical' },
  { id: 'stale-financials', kind: 'missing', indicator: 'revenue', maxAgeDays: 120, severity: 'low' },
  { id: 'shipment-mismatch', kind: 'mismatch', indicator: 'shippedAmount', tolerance: 100, severity: 'high' },
];

const subject = {
  id: 'SME-1',
  indicators: {
    score: { value: 600, previous: 650 },
    daysPastDue: { value: 30 },
    ltv: { value: 0.7999 },
    transactionIndex: { value: 80, previous: 100 },
    revenue: { value: 1_000_000, date: '2024-01-01' },
    shippedAmount: { value: null, sources: { bank: 50_000, platform: 50_000, logistics: 50_101 } },
  },
  events: [{ type: 'core-enterprise-downgrade', date: '2024-04-25', detail: 'CE1 AA → A' }],
};

describe('early warning rules', () => {
  it('each kind fires on its condition, at the boundary as written', () => {
    const alerts = evaluateWarnings(rules, [subject], '2024-05-01');
    expect(alerts.map((a) => [a.ruleId, a.severity])).toEqual([
      ['score-drop', 'medium'], // 650 → 600: drop 50 ≥ 50
      ['dpd30', 'high'], // 30 ≥ 30
      ['index-drop', 'medium'], // 20 % ≥ 20 %
      ['core-downgrade', 'critical'], // 6 days ago, within 7
      ['stale-financials', 'low'], // 121 days old > 120
      ['shipment-mismatch', 'high'], // spread 101 > 100
    ]);
    expect(alerts[0]).toMatchObject({
      id: 'score-drop/SME-1/2024-05-01',
      status: 'open',
      owner: null,
      inputs: { previous: 650, value: 600, drop: 50 },
    });
  });
  it('and stays quiet just on the other side', () => {
    const quiet = {
      id: 'SME-2',
      indicators: {
        score: { value: 601, previous: 650 },
        daysPastDue: { value: 29 },
        ltv: { value: 0.79 },
        transactionIndex: { value: 80.01, previous: 100 },
        revenue: { value: 1, date: '2024-01-02' },
        shippedAmount: { value: null, sources: { bank: 50_000, logistics: 50_100 } },
      },
      events: [{ type: 'core-enterprise-downgrade', date: '2024-04-24' }],
    };
    expect(evaluateWarnings(rules, [quiet], '2024-05-01')).toEqual([]);
    expect(evaluateWarnings(rules, [{ id: 'SME-3', indicators: {} }], '2024-05-01').map((a) => a.ruleId)).toEqual(['stale-financials']);
  });
  it('the same date evaluated twice gives the same alerts; merging keeps one unresolved alert per rule and subject', () => {
    const a = evaluateWarnings(rules, [subject], '2024-05-01');
    expect(evaluateWarnings(rules, [subject], '2024-05-01')).toEqual(a);
    const next = evaluateWarnings(rules, [subject], '2024-05-02');
    expect(mergeAlerts(a, next)).toHaveLength(a.length);
  });
  it('lifecycle: open → acknowledged → resolved with an owner; no skipping, no going back', () => {
    let a = evaluateWarnings(rules, [subject], '2024-05-01')[1];
    a = assignAlert(a, 'officer-1', 'head-of-risk', '2024-05-01');
    expect(a.owner).toBe('officer-1');
    expect(issues(() => resolveAlert(a, 'officer-1', '2024-05-02', 'paid'))[0].path).toEqual(['status']);
    a = acknowledgeAlert(a, 'officer-1', '2024-05-02');
    expect(issues(() => acknowledgeAlert(a, 'officer-1', '2024-05-02'))[0].message).toMatch(/acknowledged/);
    a = resolveAlert(a, 'officer-1', '2024-05-03', 'borrower paid the overdue instalment');
    expect(a.status).toBe('resolved');
    expect(a.history.map((h) => h.action)).toEqual(['opened', 'assigned', 'acknowledged', 'resolved']);
    expect(issues(() => assignAlert(a, 'x', 'y', '2024-05-04'))[0].path).toEqual(['status']);
    // A resolved alert no longer blocks a new one for the same rule and subject.
    expect(mergeAlerts([a], evaluateWarnings(rules, [subject], '2024-05-04')).filter((x) => x.ruleId === 'dpd30')).toHaveLength(2);
  });
  it('rule sets are checked with paths', () => {
    const bad = [
      { id: 'a', kind: 'threshold', indicator: 'x', op: '=>', value: 1, severity: 'high' },
      { id: 'a', kind: 'drop', indicator: 'x', by: -1, severity: 'urgent' },
    ] as unknown as WarningRule[];
    expect(issues(() => evaluateWarnings(bad, [], '2024-05-01')).map((i) => i.path.join('.'))).toEqual([
      '0.op',
      '1.id',
      '1.severity',
      '1.by',
    ]);
  });
});
