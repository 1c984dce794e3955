/**
 * The demo book (src/demo): loaded once into an empty book and never twice, all or nothing;
 * deterministic for a seed; its invariants (schedules sum to the principal, repayments never
 * exceed what is scheduled, every SME on a core's chain) and its intended shares, measured with
 * core's own monitoring functions (NPL ratio as of the book's date, three-way reconciliation).
 * Tests run at scale 0.05 (25 SMEs, 250 loans); the full book's load time is in docs/decisions.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type BookEvent, type BookLoan, bookAsOf, createLoanBook, reconcileTrades, type TradeRecord } from '@scf-risk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Store } from '../src/db/store.ts';
import {
  DEMO_AS_OF,
  DemoBookNotEmptyError,
  type DemoLoadReport,
  demoWanted,
  ensureDemoBook,
  generateDemoBook,
  loadDemoBook,
} from '../src/demo/index.ts';
import { SYSTEM } from '../src/services/context.ts';
import { runDailyMonitoring } from '../src/services/monitoring/daily-run.ts';
import { evaluateApplication, reproduceEvaluation } from '../src/services/preloan.ts';
import { createUser } from '../src/services/users.ts';
import { BACKENDS, describeEachBackend } from './backends.ts';
import { login, openHarness, PASSWORD } from './harness.ts';

const SCALE = 0.05;
const SEED = 7;

const n = (x: unknown) => Number(x);

interface LoanRow {
  id: string;
  enterpriseId: string;
  product?: string;
  industry?: string;
}
interface InstalmentRow {
  loanId: string;
  dueOn: string;
  principalMinor: number;
  interestMinor: number;
}
interface RepaymentRow {
  id: string;
  loanId: string;
  paidOn: string;
  amountMinor: number;
}

/** Core's loan book as of the demo date, from loans, their instalments and repayments. */
function snapshotOf(loans: readonly LoanRow[], schedule: readonly InstalmentRow[], repayments: readonly RepaymentRow[]) {
  const byLoan = new Map<string, BookLoan['schedule']>();
  for (const i of schedule) {
    const list = byLoan.get(i.loanId) ?? [];
    list.push({ dueDate: i.dueOn, principal: i.principalMinor, interest: i.interestMinor });
    byLoan.set(i.loanId, list);
  }
  const book = createLoanBook(
    loans.map((l) => ({
      id: l.id,
      borrowerId: l.enterpriseId,
      ...(l.product ? { product: l.product } : {}),
      ...(l.industry ? { industry: l.industry } : {}),
      schedule: byLoan.get(l.id) ?? [],
    })),
  );
  const events: BookEvent[] = repayments.map((r) => ({
    type: 'repayment',
    id: r.id,
    loanId: r.loanId,
    valueDate: r.paidOn,
    bookedDate: r.paidOn,
    amount: r.amountMinor,
  }));
  return bookAsOf({ ...book, events }, DEMO_AS_OF);
}

describeEachBackend('demo book', (backend) => {
  let store: Store;
  let report: DemoLoadReport;
  beforeAll(async () => {
    store = await backend.open();
    report = await ensureDemoBook(store, { scale: SCALE, seed: SEED });
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('loads into an empty book, with one audit entry by the system', async () => {
    expect(report.loaded).toBe(true);
    expect(report.asOf).toBe(DEMO_AS_OF);
    const expected = generateDemoBook({ scale: SCALE, seed: SEED });
    for (const [table, rows] of Object.entries(expected.rows)) expect(report.counts[table as keyof typeof report.counts]).toBe(rows.length);
    const [counts] = await store.raw.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM enterprises WHERE kind = 'core') AS cores, (SELECT count(*)::int FROM loans) AS loans,
              (SELECT count(*)::int FROM financing_products) AS products, (SELECT count(*)::int FROM trade_events) AS events`,
    );
    expect(counts).toEqual({ cores: 4, loans: expected.rows.loans.length, products: 4, events: expected.rows.tradeEvents.length });
    const audit = await store.raw.query<{ actor: string; actor_id: string | null; after: { seed: number } }>(
      "SELECT actor, actor_id, after FROM audit_log WHERE entity = 'demo-book' AND action = 'load'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system', actor_id: null, after: { seed: SEED } });
  });

  it('the daily monitoring of the book date has run right after the load (status, NPLs, pools)', async () => {
    expect(report.monitoring).toMatchObject({ asOf: DEMO_AS_OF, status: 'succeeded', runBy: 'system' });
    expect(report.monitoring?.counts.nonPerforming).toBeGreaterThan(0);
    const runs = await store.raw.query<{ as_of: string; status: string }>(
      "SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, status FROM monitoring_runs",
    );
    expect(runs).toEqual([{ as_of: DEMO_AS_OF, status: 'succeeded' }]);
  });

  it('GET /book/summary gives the real totals and the run’s balance and NPL ratio (an auditor may read it, an expert may not)', async () => {
    const app = await buildApp({ store, logger: false });
    try {
      for (const role of ['auditor', 'expert'] as const)
        await createUser({ store, actor: SYSTEM }, { username: `summary-${role}`, displayName: role, role, password: PASSWORD });
      const forbidden = await app.inject({ url: '/book/summary', headers: { cookie: await login(app, 'summary-expert') } });
      expect(forbidden.statusCode).toBe(403);
      const res = await app.inject({ url: '/book/summary', headers: { cookie: await login(app, 'summary-auditor') } });
      expect(res.statusCode).toBe(200);
      const summary = res.json();
      const expected = generateDemoBook({ scale: SCALE, seed: SEED });
      expect(summary.enterprises).toBe(expected.rows.enterprises.length);
      expect(summary.loans).toBe(expected.rows.loans.length);
      expect(Object.values(summary.loansByStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(expected.rows.loans.length);
      const [balance] = await store.raw.query<{ total: string; npl: string }>(
        `SELECT sum(balance_minor)::text AS total,
                coalesce(sum(balance_minor) FILTER (WHERE category IN ('substandard', 'doubtful', 'loss')), 0)::text AS npl
           FROM loan_classifications WHERE as_of = $1`,
        [DEMO_AS_OF],
      );
      expect(summary.latestRun).toEqual({
        asOf: DEMO_AS_OF,
        balanceMinor: balance?.total,
        nplBalanceMinor: balance?.npl,
        nplRatio: Number(balance?.npl) / Number(balance?.total),
      });
      expect(summary.latestRun.nplRatio).toBeGreaterThanOrEqual(0.015);
      expect(summary.latestRun.nplRatio).toBeLessThanOrEqual(0.03);
    } finally {
      await app.close();
    }
  });

  it('a second ensure does nothing; loadDemoBook refuses a book that is not empty', async () => {
    const before = await store.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM loans');
    const again = await ensureDemoBook(store, { scale: SCALE, seed: SEED + 1 });
    expect(again.loaded).toBe(false);
    await expect(loadDemoBook(store, { scale: SCALE })).rejects.toBeInstanceOf(DemoBookNotEmptyError);
    expect(await store.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM loans')).toEqual(before);
  });

  it.skipIf(backend.name !== 'postgres')(
    'two servers starting at once on one empty PostgreSQL load it once',
    async () => {
      const schema = `t_demo_${randomBytes(4).toString('hex')}`;
      const a = await backend.open({ schema });
      const b = await backend.open({ schema });
      try {
        const reports = await Promise.all([
          ensureDemoBook(a, { scale: SCALE, seed: SEED }),
          ensureDemoBook(b, { scale: SCALE, seed: SEED }),
        ]);
        expect(reports.map((r) => r.loaded).sort()).toEqual([false, true]);
        const [row] = await a.raw.query<{ loans: number; audit: number }>(
          "SELECT (SELECT count(*)::int FROM loans) AS loans, (SELECT count(*)::int FROM audit_log WHERE entity = 'demo-book') AS audit",
        );
        expect(row).toEqual({ loans: report.counts.loans, audit: 1 });
      } finally {
        await a.close();
        await b.close();
      }
    },
    120_000,
  );

  it('every schedule sums to its loan principal; repayments never exceed what is scheduled', async () => {
    const bad = await store.raw.query(
      `SELECT l.id, l.principal_minor, s.p, s.due, r.paid
         FROM loans l
         JOIN (SELECT loan_id, sum(principal_minor) AS p, sum(principal_minor + interest_minor) AS due FROM repayment_schedule GROUP BY loan_id) s ON s.loan_id = l.id
         LEFT JOIN (SELECT loan_id, sum(amount_minor) AS paid FROM repayments GROUP BY loan_id) r ON r.loan_id = l.id
        WHERE s.p <> l.principal_minor OR coalesce(r.paid, 0) > s.due`,
    );
    expect(bad).toEqual([]);
    const [orphans] = await store.raw.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM loans l WHERE NOT EXISTS (SELECT 1 FROM repayment_schedule s WHERE s.loan_id = l.id)',
    );
    expect(orphans?.n).toBe(0);
    // Repaid loans are paid in full; defaulted ones are not.
    const status = await store.raw.query<{ status: string; full: boolean; n: string }>(
      `SELECT l.status, coalesce(r.paid, 0) = s.due AS full, count(*)::int AS n
         FROM loans l
         JOIN (SELECT loan_id, sum(principal_minor + interest_minor) AS due FROM repayment_schedule GROUP BY loan_id) s ON s.loan_id = l.id
         LEFT JOIN (SELECT loan_id, sum(amount_minor) AS paid FROM repayments GROUP BY loan_id) r ON r.loan_id = l.id
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(status.filter((s) => s.status === 'repaid').map((s) => s.full)).toEqual([true]);
    expect(status.filter((s) => s.status === 'defaulted').map((s) => s.full)).toEqual([false]);
  });

  it('every SME trades with a core enterprise; every link is between two enterprises of the book', async () => {
    const [unlinked] = await store.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enterprises e
        WHERE e.kind IN ('sme-supplier', 'sme-distributor')
          AND NOT EXISTS (SELECT 1 FROM supply_chain_links k JOIN enterprises c ON c.kind = 'core'
                           AND (k.buyer_id = c.id AND k.seller_id = e.id OR k.seller_id = c.id AND k.buyer_id = e.id))`,
    );
    expect(unlinked?.n).toBe(0);
    const [smes] = await store.raw.query<{ n: number }>("SELECT count(*)::int AS n FROM enterprises WHERE kind LIKE 'sme-%'");
    expect(n(smes?.n)).toBe(25);
  });

  it('the NPL ratio as of the book date, by core, is in the intended 1.5–3 %', async () => {
    const loans = await store.raw.query<{ id: string; enterprise_id: string; product: string; industry: string }>(
      `SELECT l.id, l.enterprise_id, p.kind AS product, e.industry FROM loans l
         JOIN financing_products p ON p.id = l.product_id JOIN enterprises e ON e.id = l.enterprise_id ORDER BY l.id`,
    );
    const schedule = await store.raw.query<{ loan_id: string; due_on: string; principal_minor: string; interest_minor: string }>(
      "SELECT loan_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, principal_minor, interest_minor FROM repayment_schedule ORDER BY loan_id, seq",
    );
    const paid = await store.raw.query<{ id: string; loan_id: string; paid_on: string; amount_minor: string }>(
      "SELECT id, loan_id, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, amount_minor FROM repayments",
    );
    const snapshot = snapshotOf(
      loans.map((l) => ({ id: l.id, enterpriseId: l.enterprise_id, product: l.product, industry: l.industry })),
      schedule.map((i) => ({
        loanId: i.loan_id,
        dueOn: i.due_on,
        principalMinor: n(i.principal_minor),
        interestMinor: n(i.interest_minor),
      })),
      paid.map((p) => ({ id: p.id, loanId: p.loan_id, paidOn: p.paid_on, amountMinor: n(p.amount_minor) })),
    );
    const ratio = snapshot.npl.total.ratio ?? 0;
    expect(ratio).toBeGreaterThanOrEqual(0.015);
    expect(ratio).toBeLessThanOrEqual(0.03);
    // Some loans are overdue but still performing (special mention), and some are lost.
    const categories = new Set(snapshot.loans.map((l) => l.classification.category));
    expect(categories.has('normal')).toBe(true);
    expect([...categories].some((c) => c !== 'normal')).toBe(true);
  });

  it('its applications can be evaluated with the active models; the evaluated ones reproduce exactly', async () => {
    const pending = await store.raw.query<{ id: string }>("SELECT id FROM applications WHERE status = 'submitted' ORDER BY id LIMIT 3");
    expect(pending.length).toBeGreaterThan(0);
    for (const { id } of pending) {
      const e = await evaluateApplication({ store, actor: SYSTEM }, id);
      expect(['approve', 'review', 'decline']).toContain(e.recommendation);
      expect(e.models.creditTree).not.toBeNull();
    }
    const evaluated = await store.raw.query<{ id: string }>(
      "SELECT e.id FROM evaluations e JOIN applications a ON a.id = e.application_id WHERE a.status = 'evaluated'",
    );
    expect(evaluated.length).toBeGreaterThan(0);
    for (const { id } of evaluated) expect((await reproduceEvaluation(store, id)).identical).toBe(true);
  });

  it('the daily monitoring run works on it as of the book date: pools, margin accounts, collateral, NPLs', async () => {
    const book = generateDemoBook({ scale: SCALE, seed: SEED });
    const { run } = await runDailyMonitoring({ store, actor: SYSTEM }, DEMO_AS_OF);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({
      loans: book.rows.loans.length,
      pools: 4,
      marginAccounts: book.rows.marginAccounts.length,
      collateralValued: book.rows.collateral.length,
      problems: 0,
    });
    expect(book.rows.marginAccounts.length).toBeGreaterThan(0);
    expect(run.counts.nonPerforming).toBeGreaterThan(0);
  });

  it('the trades disagree at the intended rate: exactly the broken closed trades are unmatched (core reconciliation)', async () => {
    const { trades } = generateDemoBook({ scale: SCALE, seed: SEED });
    const events = await store.raw.query<{ id: string; trade_ref: string; kind: string; occurred_on: string; amount_minor: string }>(
      "SELECT id, trade_ref, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, amount_minor FROM trade_events WHERE kind <> 'invoice'",
    );
    const input = { orders: [] as TradeRecord[], shipments: [] as TradeRecord[], payments: [] as TradeRecord[] };
    for (const e of events) {
      if (!trades.closed.has(e.trade_ref)) continue;
      const record = { id: e.id, tradeId: e.trade_ref, amount: n(e.amount_minor), date: e.occurred_on };
      (e.kind === 'order' ? input.orders : e.kind === 'payment' ? input.payments : input.shipments).push(record);
    }
    const result = reconcileTrades(input);
    expect(result.trades).toHaveLength(trades.closed.size);
    const unmatched = result.trades.filter((t) => !t.matched).map((t) => t.tradeId);
    expect(new Set(unmatched)).toEqual(new Set(trades.broken.keys()));
    const rate = unmatched.length / result.trades.length;
    expect(rate).toBeGreaterThan(0.015);
    expect(rate).toBeLessThan(0.05);
  });
});

describe('demo book generation', () => {
  const checksum = (seed: number) => {
    const book = generateDemoBook({ scale: SCALE, seed });
    const h = createHash('sha256');
    for (const [table, rows] of Object.entries(book.rows)) h.update(`${table}:${rows.length}:${JSON.stringify(rows)}`);
    return h.digest('hex');
  };

  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    expect(checksum(SEED)).toBe(checksum(SEED));
    expect(checksum(SEED)).not.toBe(checksum(SEED + 1));
  });

  it('keeps money in integer minor units and dates as calendar dates', () => {
    const book = generateDemoBook({ scale: SCALE, seed: SEED });
    for (const rows of Object.values(book.rows))
      for (const row of rows)
        for (const [key, value] of Object.entries(row)) {
          if (key.endsWith('Minor')) expect(Number.isSafeInteger(value) && (value as number) >= 0, `${key} = ${String(value)}`).toBe(true);
          if (/(On|since)$/.test(key)) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
  });

  it('at the default size: 4 cores, 500 SMEs, 5,000 loans over the four products, NPL 1.5–3 %, ~3 % of closed trades broken', () => {
    const book = generateDemoBook();
    const kinds = new Map<string, number>();
    for (const e of book.rows.enterprises) kinds.set(e.kind as string, (kinds.get(e.kind as string) ?? 0) + 1);
    expect(kinds.get('core')).toBe(4);
    expect((kinds.get('sme-supplier') ?? 0) + (kinds.get('sme-distributor') ?? 0)).toBe(500);
    expect(book.rows.loans).toHaveLength(5000);
    expect(new Set(book.rows.loans.map((l) => l.productId)).size).toBe(4);
    const snapshot = snapshotOf(
      book.rows.loans as unknown as LoanRow[],
      book.rows.repaymentSchedule as unknown as InstalmentRow[],
      book.rows.repayments as unknown as RepaymentRow[],
    );
    expect(snapshot.npl.total.ratio).toBeGreaterThanOrEqual(0.015);
    expect(snapshot.npl.total.ratio).toBeLessThanOrEqual(0.03);
    const overdue = snapshot.loans.filter((l) => l.classification.category === 'special-mention').length / snapshot.loans.length;
    expect(overdue).toBeGreaterThan(0.003);
    expect(overdue).toBeLessThan(0.03);
    const broken = book.trades.broken.size / book.trades.closed.size;
    expect(broken).toBeGreaterThan(0.02);
    expect(broken).toBeLessThan(0.04);
  }, 120_000);

  it('names its pools, industries and commodities in Chinese, like its enterprises', () => {
    const book = generateDemoBook({ scale: SCALE, seed: SEED });
    const labels = [
      ...book.rows.stopLossPools.map((p) => p.name),
      ...book.rows.enterprises.map((e) => e.industry),
      ...book.rows.collateral.map((c) => c.commodity),
      ...book.rows.commodityPrices.map((c) => c.commodity),
    ];
    expect(book.rows.stopLossPools.map((p) => p.name)).toContain('汽车产业链止损池');
    for (const label of labels) expect(label, String(label)).toMatch(/^(ABS)?[\u4e00-\u9fff]+$/);
  });

  it('refuses a bad seed or scale', () => {
    expect(() => generateDemoBook({ seed: 1.5 })).toThrow(/seed/);
    expect(() => generateDemoBook({ scale: 0 })).toThrow(/scale/);
  });

  it('loads on the embedded database by default; SCF_DEMO=1 forces it, SCF_DEMO=0 disables it', () => {
    expect(demoWanted('pglite', undefined)).toBe(true);
    expect(demoWanted('postgres', undefined)).toBe(false);
    expect(demoWanted('postgres', '1')).toBe(true);
    expect(demoWanted('pglite', '0')).toBe(false);
  });
});

describe('book summary of an empty book [pglite]', () => {
  it('counts nothing and has no run', async () => {
    if (!BACKENDS[0]) throw new Error('no PGlite backend');
    const h = await openHarness(BACKENDS[0]);
    try {
      const res = await h.app.inject({ url: '/book/summary', headers: { cookie: h.cookie.admin } });
      expect(res.json()).toEqual({ enterprises: 0, loans: 0, loansByStatus: {}, latestRun: null });
    } finally {
      await h.close();
    }
  });
});

describe('demo book atomicity [pglite]', () => {
  const pglite = BACKENDS[0];
  it('a failure part-way leaves nothing behind, and a later load succeeds', async () => {
    if (!pglite) throw new Error('no PGlite backend');
    const store = await pglite.open();
    try {
      await expect(
        ensureDemoBook(store, {
          scale: SCALE,
          onProgress: ({ table }) => {
            if (table === 'repayments') throw new Error('injected failure');
          },
        }),
      ).rejects.toThrow('injected failure');
      const [left] = await store.raw.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM enterprises) AS enterprises, (SELECT count(*)::int FROM loans) AS loans,
                (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM audit_log WHERE entity = 'demo-book') AS audit`,
      );
      expect(left).toEqual({ enterprises: 0, loans: 0, users: 0, audit: 0 });
      expect((await ensureDemoBook(store, { scale: SCALE })).loaded).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
