/**
 * Margin accounts through the API on each backend (SPEC §6.5): open one for a loan (audited), list
 * it, a second for the same loan 409, an unknown loan 404, terms and index parameters checked by
 * core (maintenance above initial, weights not summing to 1: 422 naming each path, all at once),
 * malformed money 400; replacing the terms (audited with before and after) changes what the daily
 * run requires: initial margin = exposure × initial rate at index 100 (3,000,000 × 0.2 = 600,000,
 * then × 0.1 = 300,000 when the date is run again). Roles: risk officer writes, credit officer reads.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';
import { type Book, seedBook } from './monitoring-fixture.ts';

const TERMS = { initialRate: 0.2, maintenanceRate: 0.15, deadlineDays: 3, defaultAfterDays: 10 };
const INDEX = {
  weights: { volume: 0.5, timeliness: 0.3, returns: 0.2 },
  smoothing: 0.3,
  baseline: { volume: 100_000, onTimeShare: 0.95, returnShare: 0.02 },
};
const NO_LOAN = '00000000-0000-4000-8000-00000000abcd';

describeEachBackend('margin accounts', (backend) => {
  let h: Harness;
  let book: Book;
  let accountId: string;
  beforeAll(async () => {
    h = await openHarness(backend);
    book = await seedBook(h.store);
  }, 180_000);
  afterAll(() => h?.close());

  const call = (role: keyof Harness['cookie'], method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: { cookie: h.cookie[role] }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const count = async (sql: string) => (await h.store.raw.query<{ n: number }>(sql))[0]?.n;
  const stateOn = async (asOf: string) =>
    (
      await h.store.raw.query<{ initial: string; status: string }>(
        `SELECT initial_minor::text AS initial, status FROM margin_account_states WHERE account_id = $1 AND as_of = $2`,
        [accountId, asOf],
      )
    )[0];

  it('a risk officer opens an account for a loan; it is listed and audited', async () => {
    const r = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: book.loanA,
      openedOn: '2024-01-01',
      cashMinor: '100000',
      terms: TERMS,
      indexParameters: INDEX,
    });
    expect(r.statusCode, r.body).toBe(201);
    accountId = r.json().id;
    expect(r.json()).toMatchObject({
      loanId: book.loanA,
      openedOn: '2024-01-01',
      cashMinor: '100000',
      collateralMinor: '0',
      terms: TERMS,
      indexParameters: INDEX,
    });
    const list = await call('credit-officer', 'GET', `/margin-accounts?loanId=${book.loanA}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((a: { id: string }) => a.id)).toEqual([accountId]);
    expect((await call('credit-officer', 'GET', `/margin-accounts?loanId=${book.loanB}`)).json()).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'margin-account' AND action = 'create'`)).toBe(1);
  });

  it('a second account for the loan is a 409, an unknown loan a 404, both naming loanId', async () => {
    const again = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: book.loanA,
      openedOn: '2024-01-01',
      terms: TERMS,
      indexParameters: INDEX,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('loanId');
    const none = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: NO_LOAN,
      openedOn: '2024-01-01',
      terms: TERMS,
      indexParameters: INDEX,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().errors[0].path).toBe('loanId');
  });

  it('core checks the terms and the index: 422 naming every path at once; malformed money 400; nothing written', async () => {
    const before = await count('SELECT count(*)::int AS n FROM margin_accounts');
    const audits = await count('SELECT count(*)::int AS n FROM audit_log');
    const bad = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: book.loanB,
      openedOn: '2024-01-01',
      terms: { ...TERMS, maintenanceRate: 0.25 },
      indexParameters: { ...INDEX, weights: { volume: 0.5, timeliness: 0.3, returns: 0.3 } },
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['terms.maintenanceRate', 'indexParameters.weights']);
    // The edge: maintenance above initial is refused here; equal is accepted (the update below).
    const negative = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: book.loanB,
      openedOn: '2024-01-01',
      cashMinor: '-1',
      terms: TERMS,
      indexParameters: INDEX,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].path).toBe('cashMinor');
    const fraction = await call('risk-officer', 'POST', '/margin-accounts', {
      loanId: book.loanB,
      openedOn: '2024-02-30',
      cashMinor: 1.5,
      terms: TERMS,
      indexParameters: INDEX,
    });
    expect(fraction.statusCode).toBe(400);
    expect(
      fraction
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['cashMinor', 'openedOn']);
    expect(await count('SELECT count(*)::int AS n FROM margin_accounts')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM audit_log')).toBe(audits);
    expect((await call('credit-officer', 'POST', '/margin-accounts', {})).statusCode).toBe(403);
  });

  it('the run requires exposure × initial rate; new terms (audited) change it when the date is run again', async () => {
    const run = () => call('risk-officer', 'POST', '/monitoring/runs', { asOf: '2024-01-02' });
    expect((await run()).statusCode).toBe(200);
    expect(await stateOn('2024-01-02')).toMatchObject({ initial: '600000' });
    const upd = await call('risk-officer', 'PUT', `/margin-accounts/${accountId}`, {
      terms: { ...TERMS, initialRate: 0.1, maintenanceRate: 0.1 },
      indexParameters: INDEX,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().terms.initialRate).toBe(0.1);
    const [entry] = await h.store.raw.query<{ before: { terms: { initialRate: number } }; after: { terms: { initialRate: number } } }>(
      `SELECT before, after FROM audit_log WHERE entity = 'margin-account' AND action = 'update' ORDER BY id DESC LIMIT 1`,
    );
    expect([entry?.before.terms.initialRate, entry?.after.terms.initialRate]).toEqual([0.2, 0.1]);
    expect((await run()).statusCode).toBe(200);
    expect(await stateOn('2024-01-02')).toMatchObject({ initial: '300000' });
  });

  it('updating an unknown account is a 404; bad terms a 422; an auditor may not update', async () => {
    const none = await call('risk-officer', 'PUT', `/margin-accounts/${NO_LOAN}`, { terms: TERMS, indexParameters: INDEX });
    expect(none.statusCode).toBe(404);
    const bad = await call('risk-officer', 'PUT', `/margin-accounts/${accountId}`, {
      terms: TERMS,
      indexParameters: { ...INDEX, baseline: { ...INDEX.baseline, onTimeShare: 0 } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('indexParameters.baseline.onTimeShare');
    expect((await call('auditor', 'PUT', `/margin-accounts/${accountId}`, { terms: TERMS, indexParameters: INDEX })).statusCode).toBe(403);
  });
});
