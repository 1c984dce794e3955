/**
 * Monitoring wired into the book and pre-loan, through the API on both back ends: a backdated
 * repayment (POST /loans/:id/repayments dated before the latest run) replays its loan at once —
 * GET /loans/:id/classification changes from its date on, nothing else does; and the stop-loss
 * gate: an SME whose pool the NPL limit stopped is recommended "declined: pool stopped" with the
 * pool's figures, and an approval is refused with a 409 naming the pool.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Role } from '../src/db/schema.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';
import { type Book, derivedRows, seedBook } from './monitoring-fixture.ts';
import { scorecardRule } from './scoring-fixture.ts';

const SCORING = scorecardRule({ tiers: [{ minScore: 4, multiple: '0.3' }] });

describeEachBackend('monitoring wired into the book and pre-loan', (backend) => {
  let h: Harness;
  let book: Book;
  beforeEach(async () => {
    h = await openHarness(backend);
  }, 120_000);
  afterEach(() => h?.close());

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: { cookie: h.cookie[role] }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await call(role, method, url, payload);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const history = async (loanId: string) =>
    (await ok('auditor', 'GET', `/loans/${loanId}/classification`)).history.map(
      (r: { asOf: string; category: string; pastDueDays: number; balance: { minor: string } }) => [
        r.asOf,
        r.category,
        r.pastDueDays,
        r.balance.minor,
      ],
    );

  it('a backdated repayment replays its loan from its date in the same request, and nothing else', async () => {
    book = await seedBook(h.store);
    for (const asOf of ['2024-02-05', '2024-02-15', '2024-03-01', '2024-03-10'])
      await ok('risk-officer', 'POST', '/monitoring/runs', { asOf });
    expect(await history(book.loanA)).toEqual([
      ['2024-02-05', 'special-mention', 5, '3000000'],
      ['2024-02-15', 'special-mention', 15, '3000000'],
      ['2024-03-01', 'special-mention', 30, '3000000'],
      ['2024-03-10', 'special-mention', 39, '3000000'],
    ]);
    const before = await derivedRows(h.store);
    const paid = await call('credit-officer', 'POST', `/loans/${book.loanA}/repayments`, {
      amount: { minor: '1000000', currency: 'CNY' },
      paidOn: '2024-02-10',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(await history(book.loanA)).toEqual([
      ['2024-02-05', 'special-mention', 5, '3000000'],
      ['2024-02-15', 'normal', 0, '2000000'],
      ['2024-03-01', 'special-mention', 1, '2000000'],
      ['2024-03-10', 'special-mention', 10, '2000000'],
    ]);
    const after = await derivedRows(h.store);
    const notA = (rows: unknown[] | undefined) => rows!.filter((r) => !String(r).includes(book.loanA));
    expect(notA(after.loan_classifications)).toEqual(notA(before.loan_classifications));
    const early = (rows: unknown[] | undefined) => rows!.filter((r) => /"as_of":"2024-02-05"/.test(String(r)));
    for (const table of ['loan_classifications', 'npl_snapshots', 'pool_states'])
      expect(early(after[table]), table).toEqual(early(before[table]));
    // A repayment after the latest run replays nothing.
    const late = await derivedRows(h.store);
    await ok('credit-officer', 'POST', `/loans/${book.loanA}/repayments`, {
      amount: { minor: '1', currency: 'CNY' },
      paidOn: '2024-03-11',
    });
    expect(await derivedRows(h.store)).toEqual(late);
  });

  it('a pool stopped by its NPL limit: evaluation declines naming the pool, an approval is a 409', async () => {
    book = await seedBook(h.store, { maxNplRatio: 0.1 });
    await ok('credit-officer', 'POST', '/links', {
      buyerId: book.core,
      sellerId: book.smeA,
      since: '2020-01-01',
      frequency: 'monthly',
      annualVolume: { minor: '1000000000', currency: 'CNY' },
    });
    for (const [kind, content] of [
      ['weights', { a: 1 }],
      ['scoring-rule', SCORING],
    ] as const) {
      const v = await ok('risk-officer', 'POST', '/model-versions', { kind, productId: book.product, content });
      await ok('risk-officer', 'POST', `/model-versions/${v.id}/activate`);
    }
    const apply = async () => {
      const app = await ok('credit-officer', 'POST', '/applications', {
        enterpriseId: book.smeA,
        productId: book.product,
        coreEnterpriseId: book.core,
        amount: { minor: '100000000', currency: 'CNY' },
        termMonths: 12,
        indicators: { a: 0.9 },
        submittedOn: '2024-07-01',
      });
      return { app, evaluation: await ok('credit-officer', 'POST', `/applications/${app.id}/evaluate`) };
    };
    // Open pool: approve.
    const open = await apply();
    expect(open.evaluation.recommendation).toBe('approve');
    expect(open.evaluation.explanation.pool).toBeUndefined();

    // Both loans unpaid for more than 90 days: NPL ratio 1 > 0.1 → stopped.
    await ok('risk-officer', 'POST', '/monitoring/runs', { asOf: '2024-06-30' });
    const pool = await ok('auditor', 'GET', `/pools/${book.pool}`);
    expect(pool.status).toBe('stopped');
    const { app, evaluation } = await apply();
    expect(evaluation.recommendation).toBe('decline');
    expect(evaluation.creditLimit.minor).toBe('0');
    expect(evaluation.explanation.pool).toMatchObject({
      poolId: book.pool,
      poolName: 'small traders',
      asOf: '2024-06-30',
      decision: { accepted: false, decision: 'declined: pool stopped', figures: { ratio: 1, maxNplRatio: 0.1, nplBalance: 6_000_000 } },
    });
    expect(evaluation.explanation.reasons.at(-1)).toMatch(
      /^declined: pool stopped \(pool small traders as of 2024-06-30: NPL ratio 1 against the limit 0\.1/,
    );
    expect((await ok('auditor', 'GET', `/evaluations/${evaluation.id}/reproduce`)).identical).toBe(true);

    for (const a of [app, open.app]) {
      const refused = await call('credit-officer', 'POST', `/applications/${a.id}/decision`, {
        decision: 'approve',
        reason: 'ok',
        limit: { minor: '1000', currency: 'CNY' },
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.body).toContain('small traders');
      expect(refused.json().errors[0].path).toBe('decision');
    }
    const declined = await call('credit-officer', 'POST', `/applications/${app.id}/decision`, {
      decision: 'decline',
      reason: 'pool stopped',
    });
    expect(declined.statusCode, declined.body).toBe(201);
  });
});
