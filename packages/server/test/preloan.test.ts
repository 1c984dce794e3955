/**
 * Pre-loan and loan writes through HTTP on a real database (PGlite; PostgreSQL when DATABASE_URL is
 * set): model versions stored and activated, an application evaluated (score, contributions,
 * credit-tree path, recommendation, limit, the versions used), reproduced, decided once (two
 * simultaneous decisions: one 201, one 409), lent on with a generated schedule, repaid; every error
 * rule of services/preloan.ts and the loan writes with a test that triggers it.
 */
import { creditDatasetFromRows, trainTree, treeModelFile } from '@scf-risk/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../src/db/schema.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';
import { scorecardRule } from './scoring-fixture.ts';

const NO_ID = '00000000-0000-4000-8000-000000000000';

/** A credit tree on indicator b: b ≤ 3 → bad, above → good (trained by core, as `tree train` would). */
function creditTree() {
  const rows = [1, 2, 3, 2.5, 5, 6, 7, 5.5].map((b) => [b, b <= 3 ? 'bad' : 'good']);
  const model = trainTree(creditDatasetFromRows(['b', 'class'], rows, { target: 'class' }), { algorithm: 'cart' });
  return treeModelFile(model, { target: 'class', kind: 'class' });
}

const SCORING = scorecardRule({ tree: { decline: ['bad'], review: [] } });

describeEachBackend('pre-loan', (backend) => {
  let h: Harness;
  let core: string;
  let sme: string;
  let product: string;
  const versions: Record<string, string> = {};

  const post = (url: string, payload?: unknown, role: Role = 'credit-officer') =>
    h.app.inject({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { cookie: h.cookie[role] },
    });
  const get = (url: string, role: Role = 'auditor') => h.app.inject({ method: 'GET', url, headers: { cookie: h.cookie[role] } });
  const created = async (url: string, payload?: unknown, role: Role = 'credit-officer') => {
    const res = await post(url, payload, role);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(201);
    return res.json();
  };
  const problem = async (url: string, payload: unknown, status: number, path?: string, role: Role = 'credit-officer') => {
    const res = await post(url, payload, role);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (path !== undefined) expect(res.json().errors?.map((e: { path: string }) => e.path)).toContain(path);
    return res.json();
  };
  const count = async (table: string, where = 'true') => {
    const [r] = await h.store.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
    return r?.n ?? -1;
  };
  const application = (extra: Record<string, unknown> = {}) => ({
    enterpriseId: sme,
    productId: product,
    coreEnterpriseId: core,
    amount: { minor: '500000000', currency: 'CNY' },
    termMonths: 12,
    indicators: { a: 0.8, b: 6, c: 5 },
    submittedOn: '2026-11-30',
    ...extra,
  });
  const evaluated = async (extra: Record<string, unknown> = {}) => {
    const app = await created('/applications', application(extra));
    return { app, evaluation: await created(`/applications/${app.id}/evaluate`) };
  };

  beforeAll(async () => {
    h = await openHarness(backend);
    core = (await created('/enterprises', { name: 'Core Steel', kind: 'core', industry: 'steel' })).id;
    sme = (await created('/enterprises', { name: 'Small Supplier', kind: 'sme-supplier', industry: 'steel' })).id;
    await created('/links', {
      buyerId: core,
      sellerId: sme,
      since: '2020-01-01',
      frequency: 'monthly',
      annualVolume: { minor: '1000000000', currency: 'CNY' },
    });
    product = (await created('/products', { code: 'recv', kind: 'receivables', name: 'Receivables', currency: 'CNY' }, 'risk-officer')).id;
    for (const [kind, content] of [
      ['weights', { a: 0.5, b: 0.3, c: 0.2 }],
      ['scoring-rule', SCORING],
      ['credit-tree', creditTree()],
    ] as const) {
      const v = await created('/model-versions', { kind, productId: product, content }, 'risk-officer');
      versions[kind] = v.id;
      expect((await post(`/model-versions/${v.id}/activate`, undefined, 'risk-officer')).statusCode).toBe(200);
    }
  }, 180_000);
  afterAll(() => h?.close());

  it('evaluates with the active versions: score, contributions, tree path, recommendation, limit; reproduces it', async () => {
    const { app, evaluation } = await evaluated();
    // score = 0.5 × (1 + 6 × 0.8) + 0.3 × 6 + 0.2 × 5 = 5.7 → approve; limit = min(5e8, ⌊0.3 × 1e9⌋) = 3e8
    expect(evaluation.score).toBeCloseTo(5.7, 12);
    expect(evaluation.recommendation).toBe('approve');
    expect(evaluation.creditLimit).toEqual({ minor: '300000000', currency: 'CNY' });
    expect(evaluation.models).toEqual({
      scoringRule: versions['scoring-rule'],
      weights: versions.weights,
      creditTree: versions['credit-tree'],
    });
    const ex = evaluation.explanation;
    expect(ex.contributions.map((c: { code: string; contribution: number }) => [c.code, Number(c.contribution.toFixed(10))])).toEqual([
      ['a', 2.9],
      ['b', 1.8],
      ['c', 1],
    ]);
    expect(ex.tree.class).toBe('good');
    expect(ex.tree.path).toHaveLength(1);
    expect(ex.tree.path[0]).toMatchObject({ attribute: 'b', value: 6, condition: { op: '>' } });
    expect(ex.limit).toEqual({ requested: '500000000', annualVolume: '1000000000', tier: 1, multiple: '0.3' });

    const row = await h.store.raw.query<{ model_version_id: string; weights_version_id: string; tree_version_id: string }>(
      `SELECT model_version_id, weights_version_id, tree_version_id FROM evaluations WHERE id = '${evaluation.id}'`,
    );
    expect(row[0]).toEqual({
      model_version_id: versions['scoring-rule'],
      weights_version_id: versions.weights,
      tree_version_id: versions['credit-tree'],
    });
    expect((await get(`/applications/${app.id}`)).json()).toMatchObject({ status: 'evaluated', decision: null });
    expect(await count('audit_log', `entity = 'evaluation' AND entity_id = '${evaluation.id}'`)).toBe(1);

    const rep = await get(`/evaluations/${evaluation.id}/reproduce`);
    expect(rep.statusCode).toBe(200);
    expect(rep.json().identical).toBe(true);
    expect(rep.json().reproduced.score).toBe(evaluation.score);
    expect(rep.json().reproduced.explanation).toEqual(evaluation.explanation);

    // A newer active weights version changes new evaluations, not the reproduction of the old one.
    const w2 = await created(
      '/model-versions',
      { kind: 'weights', productId: product, content: { a: 0.2, b: 0.3, c: 0.5 } },
      'risk-officer',
    );
    await post(`/model-versions/${w2.id}/activate`, undefined, 'risk-officer');
    const again = await created(`/applications/${app.id}/evaluate`);
    expect(again.models.weights).toBe(w2.id);
    expect(again.score).not.toBeCloseTo(evaluation.score, 6);
    expect((await get(`/evaluations/${evaluation.id}/reproduce`)).json().identical).toBe(true);
    await post(`/model-versions/${versions.weights}/activate`, undefined, 'risk-officer');
  });

  it('the tree and the thresholds shape the recommendation', async () => {
    // b = 2 → tree class bad → decline, limit 0
    const bad = (await evaluated({ indicators: { a: 1, b: 2, c: 7 } })).evaluation;
    expect(bad.explanation.tree.class).toBe('bad');
    expect(bad.recommendation).toBe('decline');
    expect(bad.creditLimit.minor).toBe('0');
    expect(bad.explanation.reasons).toContain('credit tree class bad declines');
    // score 0.5 × 1 + 0.3 × 6 + 0.2 × 7 = 3.7 → decline; 0.5 × 4 + 1.8 + 0.2 × 1 = 4.0 → review at 0.1 × volume
    expect((await evaluated({ indicators: { a: 0, b: 6, c: 7 } })).evaluation.recommendation).toBe('decline');
    const review = (await evaluated({ indicators: { a: 0.5, b: 6, c: 1 } })).evaluation;
    expect(review.recommendation).toBe('review');
    expect(review.creditLimit.minor).toBe('100000000');
    // no link with this core enterprise in USD → limit 0 → an approval becomes a review
    const other = (await created('/enterprises', { name: 'Other Core', kind: 'core', industry: 'steel' })).id;
    const noVolume = (await evaluated({ coreEnterpriseId: other })).evaluation;
    expect(noVolume.recommendation).toBe('review');
    expect(noVolume.creditLimit.minor).toBe('0');
  });

  it('decides once; the decision, the status and the audit entry are written together', async () => {
    const { app, evaluation } = await evaluated();
    await problem(
      `/applications/${app.id}/decision`,
      { decision: 'approve', reason: 'ok', limit: { minor: '600000000', currency: 'CNY' } },
      422,
      'limit.minor',
    );
    await problem(
      `/applications/${app.id}/decision`,
      { decision: 'approve', reason: 'ok', limit: { minor: '1', currency: 'USD' } },
      422,
      'limit.currency',
    );
    await problem(
      `/applications/${app.id}/decision`,
      { decision: 'decline', reason: 'no', limit: { minor: '5', currency: 'CNY' } },
      422,
      'limit.minor',
    );
    await problem(`/applications/${app.id}/decision`, { decision: 'approve', reason: '  ' }, 400, 'reason');
    await problem(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'ok' }, 403, undefined, 'auditor');
    await problem(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'ok' }, 403, undefined, 'expert');
    expect(await count('decisions', `application_id = '${app.id}'`)).toBe(0);

    const d = await created(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'strong chain' }, 'risk-officer');
    expect(d).toMatchObject({ decision: 'approve', evaluationId: evaluation.id, creditLimit: { minor: '300000000', currency: 'CNY' } });
    expect((await get(`/applications/${app.id}`)).json()).toMatchObject({ status: 'approved', decision: { id: d.id } });
    const [entry] = await h.store.raw.query<{ before: unknown; after: { status: string } }>(
      `SELECT before, after FROM audit_log WHERE entity = 'application' AND entity_id = '${app.id}' AND action = 'decide'`,
    );
    expect(entry?.before).toEqual({ status: 'evaluated', decision: null });
    expect(entry?.after.status).toBe('approved');
    await problem(`/applications/${app.id}/decision`, { decision: 'decline', reason: 'changed my mind' }, 409);
    await problem(`/applications/${app.id}/evaluate`, undefined, 409);
  });

  it('two simultaneous decisions: exactly one wins, the other is 409', async () => {
    for (let round = 0; round < 3; round++) {
      const { app } = await evaluated();
      const [a, b] = await Promise.all([
        post(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'first' }, 'credit-officer'),
        post(`/applications/${app.id}/decision`, { decision: 'decline', reason: 'second' }, 'risk-officer'),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect(await count('decisions', `application_id = '${app.id}'`)).toBe(1);
      expect(await count('audit_log', `entity_id = '${app.id}' AND action = 'decide'`)).toBe(1);
      const winner = a.statusCode === 201 ? 'approved' : 'declined';
      expect((await get(`/applications/${app.id}`)).json().status).toBe(winner);
    }
  });

  it('the decisions table refuses a second row for an application (unique constraint)', async () => {
    const [d] = await h.store.raw.query<{ application_id: string; evaluation_id: string; decided_by: string }>(
      'SELECT application_id, evaluation_id, decided_by FROM decisions LIMIT 1',
    );
    if (!d) throw new Error('no decision yet');
    await expect(
      h.store.raw.query(
        "INSERT INTO decisions (application_id, evaluation_id, decision, credit_limit_minor, currency, decided_by) VALUES ($1, $2, 'decline', 0, 'CNY', $3)",
        [d.application_id, d.evaluation_id, d.decided_by],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('lends on an approved application: schedule in minor units, repayments, collateral', async () => {
    const { app } = await evaluated();
    const loanBody = {
      applicationId: app.id,
      principal: { minor: '300000000', currency: 'CNY' },
      annualRate: '0.0435',
      termMonths: 6,
      disbursedOn: '2026-12-01',
      schedule: 'equal-instalment',
    };
    await problem('/loans', loanBody, 409); // not decided yet
    await created(`/applications/${app.id}/decision`, {
      decision: 'approve',
      reason: 'ok',
      limit: { minor: '300000000', currency: 'CNY' },
    });
    await problem('/loans', { ...loanBody, principal: { minor: '300000001', currency: 'CNY' } }, 422, 'principal.minor');
    await problem('/loans', { ...loanBody, principal: { minor: '100', currency: 'USD' } }, 422, 'principal.currency');
    await problem('/loans', { ...loanBody, enterpriseId: core }, 422, 'enterpriseId');
    const loan = await created('/loans', loanBody);
    expect(loan).toMatchObject({
      applicationId: app.id,
      enterpriseId: sme,
      maturityOn: '2027-06-01',
      scheduleKind: 'equal-instalment',
      status: 'active',
    });
    expect(loan.schedule).toHaveLength(6);
    expect(loan.schedule.reduce((s: bigint, x: { principal: { minor: string } }) => s + BigInt(x.principal.minor), 0n)).toBe(300_000_000n);
    expect(loan.schedule[0]).toMatchObject({ seq: 1, dueOn: '2027-01-01', interest: { minor: '1087500' } }); // 3e8 × 0.0435 / 12
    await problem('/loans', loanBody, 409); // one loan per application
    expect(await count('audit_log', `entity = 'loan' AND entity_id = '${loan.id}' AND action = 'create'`)).toBe(1);

    const first = loan.schedule[0];
    const paid = await created(`/loans/${loan.id}/repayments`, {
      amount: { minor: String(BigInt(first.principal.minor) + BigInt(first.interest.minor)), currency: 'CNY' },
      paidOn: '2027-01-01',
    });
    expect(paid).toMatchObject({
      source: 'bank',
      loan: { status: 'active', outstandingPrincipal: { minor: String(300_000_000n - BigInt(first.principal.minor)) } },
    });
    await problem(`/loans/${loan.id}/repayments`, { amount: { minor: '5', currency: 'CNY' }, paidOn: '2026-11-30' }, 422, 'paidOn');
    await problem(
      `/loans/${loan.id}/repayments`,
      { amount: { minor: '5', currency: 'EUR' }, paidOn: '2027-01-02' },
      422,
      'amount.currency',
    );
    await problem(`/loans/${NO_ID}/repayments`, { amount: { minor: '5', currency: 'CNY' }, paidOn: '2027-01-02' }, 404);

    const pledged = await created(`/loans/${loan.id}/collateral`, {
      commodity: 'rebar',
      quantity: '1200.5',
      unit: 't',
      haircut: '0.3',
      warehouseReceipt: 'WR-1',
    });
    expect(pledged).toMatchObject({ loanId: loan.id, quantity: '1200.5000', haircut: '0.3000' });
    const detail = (await get(`/loans/${loan.id}`)).json();
    expect(detail.repayments).toHaveLength(1);
    expect(detail.collateral).toHaveLength(1);

    // Paying everything left repays the loan; it takes nothing more.
    const rest = loan.schedule
      .slice(1)
      .reduce(
        (s: bigint, x: { principal: { minor: string }; interest: { minor: string } }) =>
          s + BigInt(x.principal.minor) + BigInt(x.interest.minor),
        0n,
      );
    const last = await created(`/loans/${loan.id}/repayments`, {
      amount: { minor: rest.toString(), currency: 'CNY' },
      paidOn: '2027-06-01',
      source: 'platform',
    });
    expect(last.loan).toMatchObject({ status: 'repaid', outstandingTotal: { minor: '0' } });
    await problem(`/loans/${loan.id}/repayments`, { amount: { minor: '1', currency: 'CNY' }, paidOn: '2027-06-02' }, 409);
    await problem(`/loans/${loan.id}/collateral`, { commodity: 'rebar', quantity: '1', unit: 't', haircut: '0.3' }, 409);
  });

  it('a credit officer lends directly: bullet and equal-principal schedules', async () => {
    const base = {
      enterpriseId: sme,
      productId: product,
      principal: { minor: '1000001', currency: 'CNY' },
      annualRate: '0.12',
      termMonths: 3,
      disbursedOn: '2026-01-31',
    };
    const bullet = await created('/loans', { ...base, schedule: 'bullet' });
    expect(bullet.schedule).toEqual([
      { seq: 1, dueOn: '2026-04-30', principal: { minor: '1000001', currency: 'CNY' }, interest: { minor: '30000', currency: 'CNY' } },
    ]);
    const ep = await created('/loans', { ...base, schedule: 'equal-principal' });
    expect(ep.schedule.map((s: { principal: { minor: string } }) => s.principal.minor)).toEqual(['333333', '333333', '333335']);
    expect(ep.schedule.map((s: { dueOn: string }) => s.dueOn)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    await problem('/loans', { ...base, enterpriseId: undefined, schedule: 'bullet' }, 400, 'enterpriseId');
    await problem('/loans', { ...base, productId: NO_ID, schedule: 'bullet' }, 404, 'productId');
    await problem('/loans', { ...base, annualRate: '0.1234567', schedule: 'bullet' }, 400, 'annualRate');
    await problem(
      '/loans',
      { ...base, principal: { minor: '9007199254740992', currency: 'CNY' }, schedule: 'bullet' },
      422,
      'principal.minor',
    );
    await problem('/loans', { ...base, schedule: 'balloon' }, 400, 'schedule');
    await problem('/loans', { ...base, schedule: 'bullet' }, 403, undefined, 'auditor');
  });

  it('an approval needs a limit when the evaluation recommends 0; an evaluation without a weights version cannot be re-run', async () => {
    const other = (await created('/enterprises', { name: 'Unlinked Core', kind: 'core', industry: 'steel' })).id;
    const { app, evaluation } = await evaluated({ coreEnterpriseId: other });
    expect(evaluation.creditLimit.minor).toBe('0');
    await problem(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'ok' }, 422, 'limit');
    await created(`/applications/${app.id}/decision`, { decision: 'approve', reason: 'ok', limit: { minor: '1000', currency: 'CNY' } });

    // A row written without weights_version_id (e.g. loaded from elsewhere): reproduce says it cannot.
    const [row] = await h.store.raw.query<{ id: string }>(
      `INSERT INTO evaluations (application_id, model_version_id, score, recommendation, credit_limit_minor, currency, explanation)
       VALUES ($1, $2, 5, 'review', 0, 'CNY', '{}'::jsonb) RETURNING id`,
      [app.id, versions['scoring-rule']],
    );
    const res = await get(`/evaluations/${row?.id}/reproduce`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('error rules of applications and evaluations', async () => {
    await problem('/applications', application({ enterpriseId: NO_ID }), 404, 'enterpriseId');
    await problem('/applications', application({ productId: NO_ID }), 404, 'productId');
    await problem('/applications', application({ coreEnterpriseId: NO_ID }), 404, 'coreEnterpriseId');
    await problem('/applications', application({ coreEnterpriseId: sme }), 422, 'coreEnterpriseId');
    await problem('/applications', application({ amount: { minor: '100', currency: 'USD' } }), 422, 'amount.currency');
    await problem('/applications', application({ amount: { minor: '0', currency: 'CNY' } }), 400, 'amount.minor');
    await problem('/applications', application({ indicators: { a: 'high' } }), 400, 'indicators.a');
    await problem('/applications', application(), 403, undefined, 'expert');
    await problem(`/applications/${NO_ID}/evaluate`, undefined, 404);
    await problem(`/applications/${NO_ID}/decision`, { decision: 'approve', reason: 'x' }, 404);
    expect((await get(`/applications/${NO_ID}`)).statusCode).toBe(404);
    expect((await get(`/evaluations/${NO_ID}/reproduce`)).statusCode).toBe(404);

    // An indicator the weights need is missing → 422 naming it; nothing is written.
    const app = await created('/applications', application({ indicators: { a: 0.5, b: 6 } }));
    const before = await count('evaluations');
    await problem(`/applications/${app.id}/evaluate`, undefined, 422, 'indicators.c');
    expect(await count('evaluations')).toBe(before);
    // Deciding before any evaluation → 409.
    await problem(`/applications/${app.id}/decision`, { decision: 'decline', reason: 'x' }, 409);

    // A product without active models → 409. An invalid model is refused when stored (422 naming
    // `content.…`); one stored without that check (a row from before it) is refused again when used.
    const bare = (await created('/products', { code: 'bare', kind: 'e-order', name: 'Bare', currency: 'CNY' }, 'risk-officer')).id;
    const onBare = await created('/applications', application({ productId: bare }));
    await problem(`/applications/${onBare.id}/evaluate`, undefined, 409);
    const badRule = { ...SCORING, thresholds: { approve: 3, review: 4 } };
    const badWeights = { a: 0.5, b: 0.3, c: 0.1 };
    await problem(
      '/model-versions',
      { kind: 'scoring-rule', productId: bare, content: badRule },
      422,
      'content.thresholds.approve',
      'risk-officer',
    );
    await problem('/model-versions', { kind: 'weights', productId: bare, content: badWeights }, 422, 'content', 'risk-officer');
    const unchecked = async (kind: string, version: number, content: unknown) => {
      const [v] = await h.store.raw.query<{ id: string }>(
        'INSERT INTO model_versions (kind, product_id, version, content, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [kind, bare, version, JSON.stringify(content), h.userId['risk-officer']],
      );
      await post(`/model-versions/${v?.id}/activate`, undefined, 'risk-officer');
    };
    const w = await created('/model-versions', { kind: 'weights', productId: bare, content: { a: 0.5, b: 0.3, c: 0.2 } }, 'risk-officer');
    await post(`/model-versions/${w.id}/activate`, undefined, 'risk-officer');
    await unchecked('scoring-rule', 1, badRule);
    await problem(`/applications/${onBare.id}/evaluate`, undefined, 422, 'scoringRule.content.thresholds.approve');
    // Weights that do not sum to 1 → 422 naming the model's field.
    await unchecked('weights', 2, badWeights);
    const fixed = await created('/model-versions', { kind: 'scoring-rule', productId: bare, content: SCORING }, 'risk-officer');
    await post(`/model-versions/${fixed.id}/activate`, undefined, 'risk-officer');
    await problem(`/applications/${onBare.id}/evaluate`, undefined, 422, 'weights.content');
    const list = (await get(`/applications?productId=${bare}`)).json();
    expect(list.map((a: { id: string }) => a.id)).toEqual([onBare.id]);
  });
});
