/**
 * The daily monitoring run on a real database (PGlite; PostgreSQL when DATABASE_URL is set):
 * classification floors on both sides of each band edge, NPL by group, the pool's stop-loss point,
 * collateral LTV levels, transactions (a run stopped after some writes leaves nothing), idempotence
 * (twice → the same rows), and two runs of one date at once doing it once.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { marginAccounts } from '../src/db/schema.ts';
import type { Store } from '../src/db/store.ts';
import { SYSTEM } from '../src/services/context.ts';
import { runDailyMonitoring } from '../src/services/monitoring/daily-run.ts';
import { PHASES } from '../src/services/monitoring/engine.ts';
import { listMarginCalls } from '../src/services/monitoring/margin.ts';
import { nplBy } from '../src/services/monitoring/npl.ts';
import { getPool, poolGate } from '../src/services/monitoring/pools.ts';
import { describeEachBackend } from './backends.ts';
import { type Book, derivedRows, pledgeSteel, repay, seedBook } from './monitoring-fixture.ts';

const ctx = (store: Store) => ({ store, actor: SYSTEM });

async function classification(store: Store, loanId: string, asOf: string) {
  const [r] = await store.raw.query<{ category: string; floor: string; past_due_days: number; balance: string; overdue: string }>(
    `SELECT category, floor, past_due_days, balance_minor::text AS balance, overdue_principal_minor::text AS overdue
     FROM loan_classifications WHERE loan_id = $1 AND as_of = $2`,
    [loanId, asOf],
  );
  return r;
}

describeEachBackend('monitoring daily run', (backend) => {
  let store: Store;
  let book: Book;
  beforeEach(async () => {
    store = await backend.open();
    book = await seedBook(store);
    await repay(store, book.loanB, '2024-01-31', 1_000_000);
    await repay(store, book.loanB, '2024-02-29', 1_000_000);
  }, 60_000);
  afterEach(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('classifies by days past due, floors pinned on both sides of 0/90/270/360', async () => {
    // Loan A's January instalment is unpaid: due 2024-01-31.
    for (const [asOf, days, category] of [
      ['2024-01-31', 0, 'normal'],
      ['2024-02-01', 1, 'special-mention'],
      ['2024-04-30', 90, 'special-mention'],
      ['2024-05-01', 91, 'substandard'],
      ['2024-10-27', 270, 'substandard'],
      ['2024-10-28', 271, 'doubtful'],
      ['2025-01-25', 360, 'doubtful'],
      ['2025-01-26', 361, 'loss'],
    ] as const) {
      const r = await runDailyMonitoring(ctx(store), asOf);
      expect(r.ran).toBe(true);
      const c = await classification(store, book.loanA, asOf);
      expect(c, asOf).toMatchObject({ past_due_days: days, category, floor: category });
    }
    const b = await classification(store, book.loanB, '2024-02-01');
    expect(b).toMatchObject({ category: 'normal', balance: '2000000' });
  });

  it('NPL by group and the pool stop-loss point: a ratio equal to the limit stops the pool', async () => {
    // As of 2024-05-01: A 91 days (substandard, 3,000,000), B 31 days (special mention, 1,000,000) → 0.75.
    await store.raw.query('UPDATE stop_loss_pools SET max_npl_ratio = 0.75');
    const r = await runDailyMonitoring(ctx(store), '2024-05-01');
    expect(r.run.counts).toMatchObject({ loans: 2, nonPerforming: 1, pools: 1, poolsStopped: 1 });
    const npl = await nplBy(ctx(store), { by: 'industry' });
    expect(npl.groups.map((g) => [g.group, g.nplBalanceMinor, g.balanceMinor, g.ratio])).toEqual([
      ['food', '0', '1000000', 0],
      ['steel', '3000000', '3000000', 1],
    ]);
    const total = await nplBy(ctx(store), { by: 'total' });
    expect(total.groups[0]).toMatchObject({ ratio: 0.75, nplBalanceMinor: '3000000' });
    const gate = await store.db.transaction((tx) => poolGate(tx, book.smeB));
    expect(gate?.decision).toMatchObject({
      accepted: false,
      decision: 'declined: pool stopped',
      figures: { ratio: 0.75, maxNplRatio: 0.75 },
    });
    const pool = await getPool(ctx(store), book.pool);
    expect(pool.transitions).toEqual([expect.objectContaining({ asOf: '2024-05-01', from: 'open', to: 'stopped' })]);
  });

  it('a ratio just under the limit leaves the pool open', async () => {
    await store.raw.query('UPDATE stop_loss_pools SET max_npl_ratio = 0.7500001');
    await runDailyMonitoring(ctx(store), '2024-05-01');
    expect((await getPool(ctx(store), book.pool)).status).toBe('open');
    expect(await store.db.transaction((tx) => poolGate(tx, book.smeA))).toBeNull();
  });

  it('LTV levels on both sides: warning < 0.8 ≤ margin call < 0.9 ≤ liquidation', async () => {
    // Exposure 3,000,000 (nothing due yet); pledge value = ⌊price × 0.8⌋ for 1 t.
    await pledgeSteel(store, book, '1', {
      '2024-01-10': 4_687_502, // pledge 3,750,001 → LTV 0.79999… → warning
      '2024-01-11': 4_687_500, // pledge 3,750,000 → LTV 0.8 exactly → margin call
      '2024-01-12': 4_166_668, // pledge 3,333,334 → LTV 0.89999… → still a call
      '2024-01-13': 4_166_666, // pledge 3,333,332 → LTV 0.90000… → liquidation
    });
    const seen: [string, string, number][] = [];
    for (const d of ['2024-01-10', '2024-01-11', '2024-01-12', '2024-01-13']) {
      await runDailyMonitoring(ctx(store), d);
      const [v] = await store.raw.query<{ trigger: string; status: string; ltv: number }>(
        'SELECT trigger, status, ltv FROM collateral_valuations WHERE loan_id = $1 AND as_of = $2',
        [book.loanA, d],
      );
      seen.push([v!.trigger, v!.status, v!.ltv]);
    }
    expect(seen.map(([t, s]) => [t, s])).toEqual([
      ['warning', 'warning'],
      ['margin-call', 'called'],
      ['margin-call', 'called'],
      ['liquidation', 'liquidation'],
    ]);
    expect(seen[1]![2]).toBe(0.8);
  });

  it('margin levels on both sides: cover equal to maintenance → no call; one fen less → a call to the initial level', async () => {
    const terms = { initialRate: 0.1, maintenanceRate: 0.07, deadlineDays: 3, defaultAfterDays: 5 };
    const params = {
      weights: { volume: 0.5, timeliness: 0.3, returns: 0.2 },
      smoothing: 0.5,
      baseline: { volume: 1000, onTimeShare: 1, returnShare: 0 },
    };
    // Exposure 3,000,000 at index 100: maintenance 210,000, initial 300,000.
    await store.db.insert(marginAccounts).values([
      { loanId: book.loanA, openedOn: '2024-01-01', cashMinor: 210_000n, collateralMinor: 0n, terms, indexParameters: params },
      { loanId: book.loanB, openedOn: '2024-01-01', cashMinor: 209_999n, collateralMinor: 0n, terms, indexParameters: params },
    ]);
    const r = await runDailyMonitoring(ctx(store), '2024-01-15');
    expect(r.run.counts).toMatchObject({ marginAccounts: 2, marginCallsOpen: 1 });
    const calls = await listMarginCalls(ctx(store), { limit: 10, offset: 0 });
    expect(calls.calls).toHaveLength(1);
    expect(calls.calls[0]).toMatchObject({ loanId: book.loanB, amountMinor: '90001', deadline: '2024-01-18', status: 'open' });
    expect(calls.calls[0]!.inputs).toMatchObject({ exposure: 3_000_000, initial: 300_000, maintenance: 210_000, cover: 209_999 });
    // Unmet past the deadline: the line is frozen, then a default event.
    await runDailyMonitoring(ctx(store), '2024-01-19');
    expect((await listMarginCalls(ctx(store), { limit: 10, offset: 0 })).calls[0]).toMatchObject({ status: 'frozen' });
    await runDailyMonitoring(ctx(store), '2024-01-24');
    expect((await listMarginCalls(ctx(store), { limit: 10, offset: 0 })).calls[0]).toMatchObject({ status: 'defaulted' });
  });

  it('is transactional: a run stopped after any phase leaves the store as it was', async () => {
    await pledgeSteel(store, book, '1', { '2024-01-10': 4_687_500 });
    await runDailyMonitoring(ctx(store), '2024-02-05');
    const before = await derivedRows(store);
    for (const phase of PHASES) {
      await expect(runDailyMonitoring(ctx(store), '2024-03-05', { failAfter: phase })).rejects.toThrow(`after ${phase}`);
      expect(await derivedRows(store), phase).toEqual(before);
    }
    const runs = await store.raw.query<{ as_of: string; status: string }>('SELECT as_of::text, status FROM monitoring_runs ORDER BY as_of');
    expect(runs).toEqual([
      { as_of: '2024-02-05', status: 'succeeded' },
      { as_of: '2024-03-05', status: 'failed' },
    ]);
  });

  it('is idempotent: running a date twice gives the same rows', async () => {
    await pledgeSteel(store, book, '1', { '2024-01-10': 4_687_500 });
    await runDailyMonitoring(ctx(store), '2024-02-05');
    await runDailyMonitoring(ctx(store), '2024-03-05');
    const once = await derivedRows(store);
    expect(once.alerts!.length).toBeGreaterThan(0);
    // Each alert keeps its text as a catalogue code (the workbench shows it in zh or en).
    const texts = await store.raw.query<{ code: string | null }>("SELECT message_text->>'code' AS code FROM alerts");
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.code).toMatch(/^alert\./);
    const again = await runDailyMonitoring(ctx(store), '2024-03-05');
    expect(again.run.runs).toBe(2);
    expect(await derivedRows(store)).toEqual(once);
  });

  it('two runs of one date at once: one does it, the other finds it done', async () => {
    const [a, b] = await Promise.all([
      runDailyMonitoring(ctx(store), '2024-02-05', { force: false }),
      runDailyMonitoring(ctx(store), '2024-02-05', { force: false }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const [run] = await store.raw.query<{ runs: number }>('SELECT runs FROM monitoring_runs');
    expect(run!.runs).toBe(1);
  });
});
