/**
 * The incremental daily run (services/monitoring/incremental.ts) writes exactly what a full run
 * writes: over a generated book, a sequence of run days with new, backdated and override entries
 * in between, each day is run incrementally, its rows kept, then the same day recomputed in full —
 * and every derived table of the day (classifications, NPL, collateral, margin, pools, alerts) must
 * be the same. A change of the classification settings makes the next run a full one.
 */
import { dayNumber, isoDate } from '@scf-risk/core';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../src/db/store.ts';
import { SYSTEM } from '../src/services/context.ts';
import { runDailyMonitoring } from '../src/services/monitoring/daily-run.ts';
import { describeEachBackend } from './backends.ts';
import { generatedBookSql } from './generated-book.ts';

const LOANS = 240;

/** Every derived row of `asOf`, in a stable order, as JSON-able values. */
async function dayRows(store: Store, asOf: string): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => store.raw.query<Record<string, unknown>>(sql, [asOf]);
  const text = (sql: string) =>
    q(sql).then((r) => r.map((x) => JSON.parse(JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? String(v) : v)))));
  return {
    classifications: await text(
      `SELECT loan_id, category, floor, basis, past_due_days, delinquent_days, overdue_principal_minor::text, overdue_interest_minor::text,
              overdue_fees_minor::text, overdue_penalty_minor::text, balance_minor::text, override_id
       FROM loan_classifications WHERE as_of = $1 ORDER BY loan_id`,
    ),
    npl: await text(
      `SELECT dimension, group_key, loans, normal_minor::text, special_mention_minor::text, substandard_minor::text, doubtful_minor::text,
              loss_minor::text FROM npl_snapshots WHERE as_of = $1 ORDER BY dimension, group_key`,
    ),
    collateral: await text(
      `SELECT loan_id, exposure_minor::text, pledge_value_minor::text, ltv, trigger, status, state FROM collateral_valuations
       WHERE as_of = $1 ORDER BY loan_id`,
    ),
    margin: await text(
      `SELECT account_id, status, index_value, cover_minor::text, state FROM margin_account_states WHERE as_of = $1 ORDER BY account_id`,
    ),
    calls: await text(
      `SELECT account_id, call_id, status, amount_minor::text FROM margin_calls WHERE as_of = $1 ORDER BY account_id, call_id`,
    ),
    pools: await text(`SELECT pool_id, status, state FROM pool_states WHERE as_of = $1 ORDER BY pool_id`),
    transitions: await text(
      `SELECT pool_id, seq, from_status, to_status, figures FROM pool_transitions WHERE as_of = $1 ORDER BY pool_id, seq`,
    ),
    alerts: await text(
      `SELECT id, rule_id, subject_id, severity, opened_on::text, message, inputs, status FROM alerts WHERE $1::date IS NOT NULL ORDER BY id`,
    ),
  };
}

const plusDays = (iso: string, n: number) => isoDate(dayNumber(iso) + n);

describeEachBackend('the incremental daily run', (backend) => {
  let store: Store;
  const ctx = () => ({ store, actor: SYSTEM });
  beforeAll(async () => {
    store = await backend.open();
    await store.raw.exec(generatedBookSql(LOANS));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('the first run recomputes every loan; the next day only those that may have moved', async () => {
    const first = await runDailyMonitoring(ctx(), '2024-03-10', { deliver: false });
    expect(first.run).toMatchObject({ mode: 'full', recomputedLoans: LOANS });
    const next = await runDailyMonitoring(ctx(), '2024-03-11', { deliver: false });
    expect(next.run.mode).toBe('incremental');
    // Due that day (about one loan in 28), overdue, pledged (one in ten) or with a margin account.
    expect(next.run.recomputedLoans).toBeGreaterThan(0);
    expect(next.run.recomputedLoans).toBeLessThan(LOANS / 2);
    expect(next.run.counts.loans).toBe(LOANS);
  });

  it('a loan whose instalment fell due unpaid on the last run day is past due the next day, as in a full run', async () => {
    // A loan's first unpaid instalment (every earlier one paid on its day), due after 2024-03-11.
    const [miss] = await store.raw.query<{ loan_id: string; due: string }>(
      `WITH unpaid AS (SELECT s.loan_id, s.seq, s.due_on FROM repayment_schedule s
                       WHERE NOT EXISTS (SELECT 1 FROM repayments r WHERE r.loan_id = s.loan_id AND r.paid_on = s.due_on))
       SELECT loan_id, min(due_on)::text AS due FROM unpaid GROUP BY loan_id
       HAVING min(due_on) > '2024-03-11' ORDER BY 2, 1 LIMIT 1`,
    );
    if (!miss) throw new Error('the generated book has no missed instalment');
    await runDailyMonitoring(ctx(), miss.due, { deliver: false });
    const next = plusDays(miss.due, 1);
    const run = await runDailyMonitoring(ctx(), next, { deliver: false });
    expect(run.run.mode).toBe('incremental');
    const incremental = await dayRows(store, next);
    expect(incremental.classifications).toContainEqual(expect.objectContaining({ loan_id: miss.loan_id, past_due_days: 1 }));
    await runDailyMonitoring(ctx(), next, { deliver: false, full: true });
    expect(await dayRows(store, next)).toEqual(incremental);
  });

  it('writes exactly what a full run writes, over days with new, backdated and override entries between runs', async () => {
    let day = (await store.raw.query<{ d: string }>('SELECT max(as_of)::text AS d FROM monitoring_runs'))[0]!.d;
    const start = day;
    const loanIds = (await store.raw.query<{ id: string }>('SELECT id FROM loans ORDER BY id')).map((r) => r.id);
    const step = fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })),
      repayments: fc.array(
        fc.record({ loan: fc.nat(LOANS - 1), back: fc.integer({ min: 0, max: 60 }), amount: fc.integer({ min: 1, max: 300_000 }) }),
        {
          maxLength: 4,
        },
      ),
      override: fc.option(fc.record({ loan: fc.nat(LOANS - 1), back: fc.integer({ min: 0, max: 60 }) })),
      graceDays: fc.option(fc.constantFrom(0, 5)),
    });
    await fc.assert(
      fc.asyncProperty(step, async (s) => {
        const asOf = plusDays(day, s.gap);
        // Entries dated after the last run or before it (backdated: the stored rows do not know them).
        for (const r of s.repayments)
          await store.raw.query("INSERT INTO repayments (loan_id, paid_on, amount_minor, currency) VALUES ($1, $2, $3, 'CNY')", [
            loanIds[r.loan],
            plusDays(asOf, -r.back),
            r.amount,
          ]);
        if (s.override)
          await store.raw.query(
            "INSERT INTO classification_overrides (loan_id, effective_on, category, floor, reason, decided_by_name) VALUES ($1, $2, 'loss', 'normal', 'test', 'tester')",
            [loanIds[s.override.loan], plusDays(asOf, -s.override.back)],
          );
        const before = await store.raw.query<{ s: { graceDays?: number } }>(
          "SELECT settings AS s FROM monitoring_settings WHERE id = 'default'",
        );
        const settingsChanged = s.graceDays !== null && (before[0]?.s.graceDays ?? 0) !== s.graceDays;
        if (s.graceDays !== null)
          await store.raw.query(
            "INSERT INTO monitoring_settings (id, settings) VALUES ('default', $1) ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings",
            [JSON.stringify({ graceDays: s.graceDays })],
          );
        const run = await runDailyMonitoring(ctx(), asOf, { deliver: false });
        expect(run.run.mode).toBe(settingsChanged ? 'full' : 'incremental');
        const incremental = await dayRows(store, asOf);
        const full = await runDailyMonitoring(ctx(), asOf, { deliver: false, full: true });
        expect(full.run).toMatchObject({ mode: 'full', recomputedLoans: LOANS });
        expect(await dayRows(store, asOf)).toEqual(incremental);
        // The rerun finds the day's alerts already open, so it opens none itself.
        expect({ ...full.run.counts, alertsOpened: 0 }).toEqual({ ...run.run.counts, alertsOpened: 0 });
        day = asOf;
      }),
      { numRuns: 10, seed: 15 },
    );
    expect(day > start).toBe(true);
  }, 120_000);
});
