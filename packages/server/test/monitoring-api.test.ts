/**
 * The monitoring API through fastify.inject on a real database (PGlite; PostgreSQL when
 * DATABASE_URL is set): runs, NPL by group, classification history and overrides (never better
 * than the floor), the alert lifecycle with its webhook (HMAC verified by a real local HTTP server;
 * retries on 500 with backoff), rules, pools, contagion, reconciliation from CSV, stress, and the
 * role entries (risk officer runs, credit officer acknowledges, auditor reads).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterpriseBuffers, supplyChainLinks } from '../src/db/schema.ts';
import { deliverPending } from '../src/services/monitoring/webhooks.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';
import { type Book, pledgeSteel, repay, seedBook } from './monitoring-fixture.ts';

const SECRET = 'a-webhook-secret-of-some-length';

describeEachBackend('monitoring API', (backend) => {
  let h: Harness;
  let book: Book;
  let hook: Server;
  let hookUrl: string;
  const received: { body: string; signature: string; status: number }[] = [];
  beforeAll(async () => {
    h = await openHarness(backend);
    book = await seedBook(h.store);
    await repay(h.store, book.loanB, '2024-01-31', 1_000_000);
    await pledgeSteel(h.store, book, '1', { '2024-01-10': 4_687_502 });
    // The receiver fails twice, then accepts; it checks the signature over the raw body.
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const signature = String(req.headers['x-scf-signature'] ?? '');
        const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        const valid = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
        const status = !valid ? 401 : received.length < 2 ? 500 : 200;
        received.push({ body, signature, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
  }, 180_000);
  afterAll(async () => {
    await new Promise((r) => hook?.close(r));
    await h?.close();
  });

  const call = (role: keyof Harness['cookie'], method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: { cookie: h.cookie[role] }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('runs a date; a bad date is a 400 naming asOf; a credit officer may not run', async () => {
    const bad = await call('risk-officer', 'POST', '/monitoring/runs', { asOf: '2024-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors[0].path).toBe('asOf');
    expect((await call('credit-officer', 'POST', '/monitoring/runs', { asOf: '2024-02-05' })).statusCode).toBe(403);
    const hookRes = await call('risk-officer', 'POST', '/webhooks', { url: hookUrl, secret: SECRET, minSeverity: 'high' });
    expect(hookRes.statusCode).toBe(201);
    expect(hookRes.json()).not.toHaveProperty('secret');
    for (const asOf of ['2024-02-05', '2024-03-01']) {
      const r = await call('risk-officer', 'POST', '/monitoring/runs', { asOf });
      expect(r.statusCode, r.body).toBe(200);
    }
    const runs = await call('auditor', 'GET', '/monitoring/runs');
    expect(runs.json().map((r: { asOf: string; status: string }) => [r.asOf, r.status])).toEqual([
      ['2024-03-01', 'succeeded'],
      ['2024-02-05', 'succeeded'],
    ]);
  });

  it('NPL by pool and industry with history; a loan’s classification history', async () => {
    const npl = await call('auditor', 'GET', '/monitoring/npl?by=industry');
    expect(npl.statusCode).toBe(200);
    expect(npl.json().asOf).toBe('2024-03-01');
    expect(npl.json().history).toHaveLength(4);
    expect((await call('auditor', 'GET', '/monitoring/npl?by=region')).json().errors[0].path).toBe('querystring.by');
    const c = await call('credit-officer', 'GET', `/loans/${book.loanA}/classification`);
    expect(
      c.json().history.map((x: { asOf: string; category: string; pastDueDays: number }) => [x.asOf, x.category, x.pastDueDays]),
    ).toEqual([
      ['2024-02-05', 'special-mention', 5],
      ['2024-03-01', 'special-mention', 30],
    ]);
  });

  it('an override better than the floor is a 422; a worse one is recorded and replayed', async () => {
    const better = await call('risk-officer', 'POST', `/loans/${book.loanA}/classification/override`, {
      category: 'normal',
      reason: 'trust me',
      effectiveOn: '2024-02-05',
    });
    expect(better.statusCode).toBe(422);
    expect(better.json().errors[0]).toMatchObject({ path: 'override.category', allowed: 'special-mention, substandard, doubtful, loss' });
    const worse = await call('risk-officer', 'POST', `/loans/${book.loanA}/classification/override`, {
      category: 'doubtful',
      reason: 'the buyer disputes the invoices',
      effectiveOn: '2024-02-20',
    });
    expect(worse.statusCode, worse.body).toBe(201);
    expect(worse.json().replayedDates).toEqual(['2024-03-01']);
    const c = (await call('auditor', 'GET', `/loans/${book.loanA}/classification`)).json();
    expect(c.history.map((x: { category: string; basis: string }) => [x.category, x.basis])).toEqual([
      ['special-mention', 'days'],
      ['doubtful', 'override'],
    ]);
    expect(c.overrides[0]).toMatchObject({ category: 'doubtful', floor: 'special-mention', decidedBy: 'risk-officer-1' });
  });

  it('alerts: open → acknowledged → resolved, each step audited; the webhook retried with backoff until accepted', async () => {
    const open = (await call('credit-officer', 'GET', '/alerts?status=open')).json();
    const dpd = open.find((a: { ruleId: string; subjectId: string }) => a.ruleId === 'dpd-30' && a.subjectId === book.loanA);
    expect(dpd).toMatchObject({ id: `dpd-30/${book.loanA}/2024-03-01`, severity: 'high', owner: null });
    // The backoff without a clock. The run's own delivery made the first attempt (a 500, retry due
    // in 1 s). Made due now and sent with a one-hour base, the second attempt (a 500) is held back
    // for 2 hours (base · 2^(2−1)): a pass right after sends nothing; made due again, it is accepted.
    const HOUR = 3_600_000;
    const alertId = JSON.parse(received[0]!.body).alert.id as string;
    expect(received.map((r) => r.status)).toEqual([500]);
    const advance = () => h.store.raw.query("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'pending'");
    await advance();
    await deliverPending({ store: h.store }, { baseDelayMs: HOUR });
    expect(received.map((r) => r.status)).toEqual([500, 500]);
    const [held] = await h.store.raw.query<{ hours: number; attempts: number }>(
      "SELECT extract(epoch FROM next_attempt_at - now())::float8 / 3600 AS hours, attempts FROM webhook_deliveries WHERE alert_id = $1 AND status = 'pending'",
      [alertId],
    );
    expect(held!.attempts).toBe(2);
    expect(held!.hours).toBeGreaterThan(1.5);
    expect(held!.hours).toBeLessThanOrEqual(2);
    await deliverPending({ store: h.store }, { baseDelayMs: HOUR });
    expect(received).toHaveLength(2);
    await advance();
    const report = await deliverPending({ store: h.store }, { baseDelayMs: HOUR });
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    expect(received.slice(0, 3).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(JSON.parse(received[2]!.body).alert.id).toBe(received[0] && JSON.parse(received[0].body).alert.id);
    const [row] = await h.store.raw.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM webhook_deliveries WHERE alert_id = $1',
      [JSON.parse(received[2]!.body).alert.id],
    );
    expect(row).toEqual({ status: 'delivered', attempts: 3 });

    const id = encodeURIComponent(dpd.id);
    expect((await call('auditor', 'POST', `/alerts/${id}/acknowledge`)).statusCode).toBe(403);
    const early = await call('risk-officer', 'POST', `/alerts/${id}/resolve`, { note: 'done' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe('status');
    const ack = await call('credit-officer', 'POST', `/alerts/${id}/acknowledge`);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', owner: 'credit-officer-1' });
    expect((await call('risk-officer', 'POST', `/alerts/${id}/resolve`, {})).json().errors[0].path).toBe('note');
    const done = await call('risk-officer', 'POST', `/alerts/${id}/resolve`, { note: 'borrower paid on 5 March' });
    expect(done.json().status).toBe('resolved');
    expect(done.json().history.map((x: { action: string; by: string }) => `${x.action} by ${x.by}`)).toEqual([
      'opened by system',
      'acknowledged by credit-officer-1',
      'resolved by risk-officer-1',
    ]);
    const audit = (await call('auditor', 'GET', `/audit?entity=alert&entityId=${id}`)).json();
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['resolve', 'acknowledge']);
    expect((await call('risk-officer', 'POST', `/alerts/${encodeURIComponent('nope/x/2024-01-01')}/acknowledge`)).statusCode).toBe(404);
  });

  it('rules are data: a bad operator names its field; a new rule is created, then replaced', async () => {
    const bad = await call('risk-officer', 'POST', '/alert-rules', {
      rule: { id: 'x', kind: 'threshold', indicator: 'ltv', op: '=>', value: 1, severity: 'low' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('rule.op');
    const rule = { id: 'dpd-60', kind: 'threshold', indicator: 'daysPastDue', op: '>', value: 60, severity: 'critical' };
    expect((await call('risk-officer', 'POST', '/alert-rules', { rule })).statusCode).toBe(201);
    expect((await call('risk-officer', 'POST', '/alert-rules', { rule: { ...rule, value: 59 } })).statusCode).toBe(200);
    expect((await call('credit-officer', 'POST', '/alert-rules', { rule })).statusCode).toBe(403);
    const rules = (await call('auditor', 'GET', '/alert-rules')).json();
    expect(rules.find((r: { id: string }) => r.id === 'dpd-60').rule.value).toBe(59);
  });

  it('pools: created with members, listed with state and decision; bad ratio and taken member refused', async () => {
    expect((await call('risk-officer', 'POST', '/pools', { name: 'p2', maxNplRatio: 1 })).json().errors[0].path).toBe('maxNplRatio');
    const taken = await call('risk-officer', 'POST', '/pools', { name: 'p2', maxNplRatio: 0.05, members: [book.smeA] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe('members[0]');
    const made = await call('risk-officer', 'POST', '/pools', { name: 'p2', maxNplRatio: 0.05, members: [book.core] });
    expect(made.statusCode).toBe(201);
    const one = (await call('auditor', 'GET', `/pools/${book.pool}`)).json();
    // The override made loan A (3,000,000 of 5,000,000) doubtful from 20 February: 0.6 ≥ 0.5.
    expect(one).toMatchObject({ status: 'stopped', asOf: '2024-03-01', decision: { accepted: false, decision: 'declined: pool stopped' } });
    expect(one.transitions).toEqual([expect.objectContaining({ asOf: '2024-03-01', from: 'open', to: 'stopped' })]);
    expect((await call('auditor', 'GET', '/pools')).json()).toHaveLength(2);
  });

  it('contagion from the core enterprise: both rules, the SMEs at risk with the lender’s exposure', async () => {
    await h.store.db.insert(supplyChainLinks).values([
      { buyerId: book.core, sellerId: book.smeA, since: '2020-01-01', frequency: 'daily', annualVolumeMinor: 12_000_000n, currency: 'CNY' },
      { buyerId: book.smeA, sellerId: book.smeB, since: '2020-01-01', frequency: 'weekly', annualVolumeMinor: 6_000_000n, currency: 'CNY' },
    ]);
    await h.store.db.insert(enterpriseBuffers).values([
      { enterpriseId: book.core, equityMinor: 100_000_000n },
      { enterpriseId: book.smeA, equityMinor: 2_000_000n },
      { enterpriseId: book.smeB, equityMinor: 1_000_000n },
    ]);
    for (const rule of ['single-hit', 'differential']) {
      const r = await call('credit-officer', 'GET', `/monitoring/contagion?from=${book.core}&rule=${rule}`);
      expect(r.statusCode, r.body).toBe(200);
      // A loses one month of sales to the core (1,000,000) of its 2,000,000 buffer: h = 0.5; B: 500,000 of 1,000,000 × 0.5.
      const at = Object.fromEntries(
        r.json().atRisk.map((a: { id: string; h: number; lenderExposure: number }) => [a.id, [a.h, a.lenderExposure]]),
      );
      expect(at[book.smeA][0]).toBeCloseTo(0.5, 12);
      expect(at[book.smeA][1]).toBe(3_000_000);
      expect(at[book.smeB][0]).toBeCloseTo(0.25, 12);
      expect(r.json().spectralRadius).toBe(0);
    }
    const bad = await call('credit-officer', 'GET', '/monitoring/contagion?from=00000000-0000-4000-8000-000000000000');
    expect(bad.statusCode).toBe(404);
    expect(bad.json().errors[0].path).toBe('from');
  });

  it('reconciliation from CSV: mismatches listed and raised as alerts; a bad amount names its cell', async () => {
    const csv = (rows: string[]) => ['id,tradeId,amount,date', ...rows].join('\n');
    const body = {
      format: 'csv',
      orders: csv(['o1,T1,100000,2024-03-01', 'o2,T2,50000,2024-03-01']),
      shipments: csv(['s1,T1,60000,2024-03-02', 's2,T1,40000,2024-03-03', 's3,T2,50000,2024-03-02']),
      payments: csv(['p1,T1,100000,2024-03-10', 'p2,T2,49000,2024-03-10']),
    };
    const r = await call('risk-officer', 'POST', '/reconciliation/import', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ trades: expect.any(Array), matched: 1, unmatched: 1, alertsOpened: 1 });
    const m = (await call('auditor', 'GET', '/reconciliation/mismatches')).json();
    expect(m.mismatches.map((x: { tradeId: string; type: string }) => `${x.tradeId} ${x.type}`)).toEqual([
      'T2 amount-mismatch',
      'T2 amount-mismatch',
    ]);
    expect((await call('auditor', 'GET', '/alerts?subjectId=trade:T2')).json()).toHaveLength(1);
    const bad = await call('risk-officer', 'POST', '/reconciliation/import', { ...body, orders: csv(['o1,T1,1000.50,2024-03-01']) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('orders[0].amount');
  });

  it('stress: steel −30 % raises a collateral call the baseline lacks', async () => {
    const r = await call('risk-officer', 'POST', '/monitoring/stress', {
      asOf: '2024-01-15',
      scenario: { name: 'steel down', commodityShocks: { steel: -30 } },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().baseline.collateralCalls).toBe(0);
    expect(r.json().stressed.collateralCalls).toBe(1);
    expect(r.json().changes.newMarginCalls).toEqual([book.loanA]);
    const bad = await call('risk-officer', 'POST', '/monitoring/stress', {
      asOf: '2024-01-15',
      scenario: { commodityShocks: { steel: -130 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('scenario.commodityShocks.steel');
    expect((await call('auditor', 'POST', '/monitoring/stress', { asOf: '2024-01-15', scenario: {} })).statusCode).toBe(403);
  });

  it('the monitoring-daily-run job kind runs a date once, however often it is asked', async () => {
    const submit = async () => {
      const res = await call('risk-officer', 'POST', '/jobs', { kind: 'monitoring-daily-run', input: { asOf: '2024-03-05' } });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().id as string;
    };
    const ids = [await submit(), await submit()];
    const ended: { status: string; result: { ran: boolean } }[] = [];
    for (const id of ids)
      for (let k = 0; ; k++) {
        const j = (await call('auditor', 'GET', `/jobs/${id}`)).json();
        if (['succeeded', 'failed', 'cancelled'].includes(j.status)) {
          ended.push(j);
          break;
        }
        if (k > 300) throw new Error(`job ${id} did not end: ${JSON.stringify(j)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    expect(ended.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(ended.map((j) => j.result.ran).sort()).toEqual([false, true]);
    const [run] = await h.store.raw.query<{ runs: number }>("SELECT runs FROM monitoring_runs WHERE as_of = '2024-03-05'");
    expect(run!.runs).toBe(1);
    const bad = await call('risk-officer', 'POST', '/jobs', { kind: 'monitoring-daily-run', input: { asOf: '2024-02-31' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('input.asOf');
  });
});
