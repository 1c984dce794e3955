/**
 * The HTTP API through fastify.inject on a real database (PGlite; PostgreSQL when DATABASE_URL is
 * set): sign-in, problem+json for bad input, 404s, transactions, models as versions, the method
 * endpoints against core, the OpenAPI document, size and rate limits.
 */
import { readFileSync } from 'node:fs';
import { ahp, entropyWeights, METHOD_RUNNERS, type MethodRunnerName, topsis } from '@scf-risk/core';
import { parseInputText } from '@scf-risk/io/document';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.ts';
import { buildApp } from '../src/app.ts';
import { SERVED_METHODS } from '../src/routes/methods.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, login, openHarness } from './harness.ts';

const NO_ID = '00000000-0000-4000-8000-000000000000';

/** An example document of the repository, as the CLI reads it. */
function example(path: string): unknown {
  const file = new URL(`../../../examples/${path}`, import.meta.url);
  return parseInputText(readFileSync(file, 'utf8'), path).data;
}

/** One request per method (and per shape where a method takes two), with options the CLI would take as flags. */
const METHOD_CASES: { name: MethodRunnerName; input: unknown; options?: Record<string, unknown>; flags?: string[] }[] = [
  { name: 'ahp', input: example('ahp/drinks.yaml'), options: { scales: ['standard', 'balanced'], uncertainty: 40, seed: 3 } },
  { name: 'ahp-group', input: example('ahp/panel.yaml'), options: { aggregation: 'aip', consensus: true } },
  { name: 'hierarchy', input: example('hierarchy/two-level.yaml'), options: { method: 'geometric-mean', uncertainty: 20 } },
  { name: 'ifahp', input: example('weighting/ifahp.yaml'), options: { sigma: 0.3, convention: 'rebuild' } },
  { name: 'entropy', input: example('weighting/suppliers.yaml'), options: { normalisation: 'sum', shift: 0.001 } },
  { name: 'entropy', input: example('ahp/drinks.yaml'), options: { normalisation: 'ahp-matrix' } },
  { name: 'critic', input: example('weighting/suppliers.yaml'), options: { sd: 'population', correlationMethod: 'spearman' } },
  { name: 'g1', input: example('weighting/g1.yaml') },
  { name: 'g1', input: example('weighting/g1-group.yaml') },
  { name: 'combine', input: example('weighting/combine.yaml'), options: { rule: 'game' } },
  { name: 'delphi', input: example('weighting/delphi.yaml'), options: { sd: 'population' } },
  { name: 'kendall', input: example('weighting/kendall.yaml'), options: { ties: 'ignore' } },
  { name: 'fce', input: example('evaluation/fce.yaml') },
  { name: 'fce', input: example('evaluation/fce-tree.yaml'), options: { operator: 'min-max' } },
  { name: 'topsis', input: example('evaluation/platforms.yaml'), options: { normalisation: 'min-max' } },
  { name: 'gra', input: example('evaluation/platforms.yaml'), options: { rho: 0.3 } },
  { name: 'gra', input: example('evaluation/ztmg-factors.yaml') },
];

/** A bad document per method: the field the 422 (or 400) must name. */
const METHOD_BAD_INPUTS: Record<MethodRunnerName, { input: unknown; path: string }> = {
  ahp: { input: { matrix: [[1, 2]] }, path: 'input.matrix[0]' },
  'ahp-group': { input: { experts: [{ matrix: [[1, 2]] }] }, path: 'input.experts[0].matrix[0]' },
  hierarchy: {
    input: {
      code: 'R',
      name: 'r',
      children: [
        { code: 'a', name: 'a', weight: 0.3 },
        { code: 'b', name: 'b', weight: 0.3 },
      ],
    },
    path: 'input.children',
  },
  ifahp: { input: { upper: { '12': 'nope' } }, path: 'input.upper["12"]' },
  entropy: {
    input: {
      matrix: [
        [1, null],
        [2, 3],
      ],
    },
    path: 'input.matrix[0][1]',
  },
  critic: { input: { matrix: [[1, 2]] }, path: 'input.matrix' },
  g1: { input: { order: ['a', 'b'], ratios: [0.5] }, path: 'input.ratios[0]' },
  combine: { input: { subjective: [0.5, 0.5], objective: [1] }, path: 'input.objective' },
  delphi: { input: { answers: 'answers.csv' }, path: 'input.answers' },
  kendall: { input: { ratings: [[1, 2], [3]] }, path: 'input.ratings[1]' },
  fce: { input: { weights: [0.5, 0.5], membership: [[1, 0, 0, 0, 0]] }, path: 'input.membership' },
  topsis: {
    input: {
      matrix: [
        [1, 2],
        [2, 1],
      ],
      weights: [0.5],
    },
    path: 'input.weights',
  },
  gra: { input: { referenceSeries: [1, 2], factors: [{ name: 'x', series: [1] }] }, path: 'input.factors[0].series' },
};

async function count(h: Harness, table: string): Promise<number> {
  const [r] = await h.store.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r?.n ?? -1;
}

describeEachBackend('API', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 180_000);
  afterAll(() => h?.close());

  const post = (url: string, payload: unknown, role: keyof Harness['cookie'] = 'admin') =>
    h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: h.cookie[role] } });
  const get = (url: string, role: keyof Harness['cookie'] = 'admin') =>
    h.app.inject({ method: 'GET', url, headers: { cookie: h.cookie[role] } });

  it('answers /health without a session', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: backend.name });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('signs in and out with a session cookie', async () => {
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'auditor-1', password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await h.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'nobody', password: 'whatever12345' } });
    expect(unknown.statusCode).toBe(401);

    const cookie = await login(h.app, 'auditor-1');
    const me = await h.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'auditor-1', role: 'auditor' });
    expect(me.body).not.toMatch(/password/i);

    const out = await h.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await h.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    const [row] = await h.store.raw.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'auditor-1'");
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('creates and reads enterprises, links and products, each with an audit entry', async () => {
    const a = await post('/enterprises', { name: 'Anshan Steel', kind: 'core', industry: 'steel' }, 'credit-officer');
    expect(a.statusCode).toBe(201);
    const b = await post('/enterprises', {
      name: 'Liaoning Parts',
      kind: 'sme-supplier',
      industry: 'steel',
      creditCode: '91210300MA0XXXXX1A',
    });
    expect(b.statusCode).toBe(201);
    const [buyer, seller] = [a.json(), b.json()];
    expect((await get(`/enterprises/${buyer.id}`)).json()).toEqual(buyer);
    const link = await post('/links', {
      buyerId: buyer.id,
      sellerId: seller.id,
      since: '2021-03-01',
      frequency: 'weekly',
      annualVolume: { minor: '120000000000000001', currency: 'CNY' },
    });
    expect(link.statusCode).toBe(201);
    // exact beyond 2^53: money is bigint minor units end to end
    expect(link.json().annualVolume).toEqual({ minor: '120000000000000001', currency: 'CNY' });
    expect((await get(`/links?enterpriseId=${seller.id}`)).json()).toHaveLength(1);
    const audit = (await get(`/audit?entity=enterprise&entityId=${buyer.id}`)).json();
    expect(audit).toEqual([expect.objectContaining({ actor: 'credit-officer-1', action: 'create', before: null, after: buyer })]);
    const p = await post(
      '/products',
      { code: 'ar-steel', kind: 'receivables', name: 'Steel receivables', currency: 'CNY' },
      'risk-officer',
    );
    expect(p.statusCode).toBe(201);
    const dup = await post('/products', { code: 'ar-steel', kind: 'receivables', name: 'again', currency: 'CNY' }, 'risk-officer');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ path: 'code', message: 'is taken' }]);
  });

  it('answers bad input with problem+json naming the field and what is allowed', async () => {
    const before = await count(h, 'enterprises');
    const cases: { url: string; body: unknown; path: string; status?: number; allowed?: RegExp }[] = [
      { url: '/enterprises', body: { name: 'X', kind: 'bogus', industry: 'steel' }, path: 'kind', allowed: /sme-supplier/ },
      { url: '/enterprises', body: { name: 'X', kind: 'core' }, path: 'industry' },
      { url: '/enterprises', body: { name: 'X', kind: 'core', industry: 'steel', extra: 1 }, path: '(root)' },
      { url: '/enterprises', body: { name: 42, kind: 'core', industry: 'steel' }, path: 'name' },
      { url: '/enterprises', body: [], path: '(root)' },
      {
        url: '/links',
        body: { buyerId: 'nope', sellerId: NO_ID, since: '2021-01-01', frequency: 'weekly', annualVolume: { minor: '1', currency: 'CNY' } },
        path: 'buyerId',
      },
      {
        url: '/links',
        body: { buyerId: NO_ID, sellerId: NO_ID, since: '2021-02-30', frequency: 'weekly', annualVolume: { minor: '1', currency: 'CNY' } },
        path: 'since',
      },
      {
        url: '/links',
        body: { buyerId: NO_ID, sellerId: NO_ID, since: '2021-01-01', frequency: 'weekly', annualVolume: { minor: 1.5, currency: 'CNY' } },
        path: 'annualVolume.minor',
      },
      {
        url: '/links',
        body: { buyerId: NO_ID, sellerId: NO_ID, since: '2021-01-01', frequency: 'weekly', annualVolume: { minor: '1', currency: 'yuan' } },
        path: 'annualVolume.currency',
      },
      {
        url: '/methods/ahp',
        body: {
          input: {
            matrix: [
              [1, 'abc'],
              [1, 1],
            ],
          },
        },
        path: 'input.matrix[0][1]',
      },
      { url: '/methods/ahp', body: { input: { matrix: [[1, 2]] } }, path: 'input.matrix', status: 422 },
      {
        url: '/methods/ahp',
        body: {
          input: {
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
          options: { ri: 'nope' },
        },
        path: 'options.ri',
        allowed: /saaty/,
      },
      { url: '/methods/topsis', body: { input: { matrix: [[1, 2]], weights: [0.5] } }, path: 'input', status: 422 },
      { url: '/model-versions', body: { kind: 'weights', productId: NO_ID, content: { A1: 2 } }, path: 'content.A1', status: 422 },
    ];
    for (const c of cases) {
      const res = await post(c.url, c.body);
      const where = `${c.url} ${JSON.stringify(c.body)}`;
      expect(res.statusCode, where).toBe(c.status ?? 400);
      expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      const p = res.json();
      expect(p.status, where).toBe(res.statusCode);
      expect(
        p.errors?.map((e: { path: string }) => e.path).some((x: string) => x.startsWith(c.path)),
        `${where} → ${JSON.stringify(p.errors)}`,
      ).toBe(true);
      if (c.allowed) expect(JSON.stringify(p.errors), where).toMatch(c.allowed);
    }
    const notJson = await h.app.inject({
      method: 'POST',
      url: '/enterprises',
      headers: { cookie: h.cookie.admin, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badQuery = await get('/enterprises?limit=100000');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].path).toBe('querystring.limit');
    const badId = await get('/enterprises/not-an-id');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('params.id');
    expect(await count(h, 'enterprises')).toBe(before);
  });

  it('answers unknown ids with 404 and writes nothing', async () => {
    for (const url of [
      `/enterprises/${NO_ID}`,
      `/links/${NO_ID}`,
      `/products/${NO_ID}`,
      `/loans/${NO_ID}`,
      `/model-versions/${NO_ID}`,
      `/users/${NO_ID}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const [e] = (await get('/enterprises?kind=core')).json();
    const links = await count(h, 'supply_chain_links');
    const res = await post('/links', {
      buyerId: e.id,
      sellerId: NO_ID,
      since: '2022-01-01',
      frequency: 'monthly',
      annualVolume: { minor: '5', currency: 'CNY' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].path).toBe('sellerId');
    expect(await count(h, 'supply_chain_links')).toBe(links);
    expect((await post(`/model-versions/${NO_ID}/activate`, undefined, 'risk-officer')).statusCode).toBe(404);
    expect((await get('/no/such/route')).statusCode).toBe(404);
  });

  it('leaves nothing behind when a write fails part-way (entity and audit entry in one transaction)', async () => {
    // Make the audit insert — the last statement of every write — fail.
    await h.store.raw.exec(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END; $$;
      CREATE TRIGGER audit_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit();`);
    const before = { e: await count(h, 'enterprises'), a: await count(h, 'audit_log') };
    try {
      const res = await post('/enterprises', { name: 'Half Written Ltd', kind: 'logistics', industry: 'transport' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toMatch(/audit store down|at .*\.ts/);
    } finally {
      await h.store.raw.exec('DROP TRIGGER audit_fails ON audit_log; DROP FUNCTION fail_audit();');
    }
    expect({ e: await count(h, 'enterprises'), a: await count(h, 'audit_log') }).toEqual(before);
    const rows = await h.store.raw.query("SELECT 1 FROM enterprises WHERE name = 'Half Written Ltd'");
    expect(rows).toEqual([]);
  });

  it('stores models as immutable versions, one active per product and kind, with audit entries', async () => {
    const product = (await post('/products', { code: 'inv-pledge', kind: 'inventory-pledge', name: 'Pledge', currency: 'CNY' })).json();
    const v1 = await post(
      '/model-versions',
      { kind: 'weights', productId: product.id, content: { A1: 0.6, A2: 0.4 }, note: 'first' },
      'risk-officer',
    );
    expect(v1.statusCode).toBe(201);
    const v2 = await post('/model-versions', { kind: 'weights', productId: product.id, content: { A1: 0.5, A2: 0.5 } }, 'risk-officer');
    expect([v1.json().version, v2.json().version]).toEqual([1, 2]);
    expect(v1.json()).toMatchObject({ createdBy: h.userId['risk-officer'], active: false });
    const tree = await post(
      '/model-versions',
      { kind: 'indicator-system', productId: product.id, content: { nodes: 'not a tree' } },
      'risk-officer',
    );
    expect(tree.statusCode).toBe(422);
    expect(tree.json().errors[0].path).toMatch(/^content/);

    expect((await post(`/model-versions/${v1.json().id}/activate`, undefined, 'risk-officer')).json().active).toBe(true);
    expect((await post(`/model-versions/${v2.json().id}/activate`, undefined, 'admin')).statusCode).toBe(200);
    const list = (await get(`/model-versions?productId=${product.id}`)).json();
    expect(list.map((m: { version: number; active: boolean }) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const audit = (await get(`/audit?entity=model-version&entityId=${v2.json().id}`)).json();
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['activate', 'create']);
    expect(audit[0].before).toEqual({ productId: product.id, kind: 'weights', active: v1.json().id });

    await expect(h.store.raw.query(`UPDATE model_versions SET content = '{}' WHERE id = $1`, [v1.json().id])).rejects.toThrow(
      /append-only/,
    );
    await expect(h.store.raw.query('DELETE FROM model_versions WHERE id = $1', [v1.json().id])).rejects.toThrow(/append-only/);
  });

  it('method endpoints return what the core functions return', async () => {
    const matrix = [
      [1, 3, 5],
      [1 / 3, 1, 2],
      [1 / 5, 1 / 2, 1],
    ];
    const a = await post(
      '/methods/ahp',
      {
        input: {
          matrix: [
            [1, 3, 5],
            ['1/3', 1, 2],
            ['1/5', '1/2', 1],
          ],
        },
        options: { method: 'geometric-mean' },
      },
      'expert',
    );
    expect(a.statusCode).toBe(200);
    const direct = JSON.parse(JSON.stringify(ahp(matrix, { method: 'geometric-mean' })));
    expect(a.json()).toEqual(direct);
    expect(a.json().weights[0]).toBeGreaterThan(0.6);

    const data = [
      [3, 200, 0.2],
      [5, 150, 0.4],
      [4, 180, 0.1],
      [2, 220, 0.3],
    ];
    const e = await post('/methods/entropy', { input: { matrix: data, directions: ['benefit', 'cost', 'benefit'] } }, 'auditor');
    expect(e.statusCode).toBe(200);
    expect(e.json()).toEqual(JSON.parse(JSON.stringify(entropyWeights(data, { directions: ['benefit', 'cost', 'benefit'] }))));

    const t = await post(
      '/methods/topsis',
      { input: { matrix: data, weights: [0.5, 0.3, 0.2] }, options: { normalisation: 'min-max' } },
      'credit-officer',
    );
    expect(t.statusCode).toBe(200);
    expect(t.json()).toEqual(JSON.parse(JSON.stringify(topsis(data, [0.5, 0.3, 0.2], { normalisation: 'min-max' }))));
  });

  it('serves every method with a runner in core: the runner’s JSON, and the CLI’s', async () => {
    expect(SERVED_METHODS).toEqual(Object.keys(METHOD_RUNNERS));
    expect(SERVED_METHODS).not.toContain('study');
    expect(new Set(METHOD_CASES.map((c) => c.name))).toEqual(new Set(SERVED_METHODS));
    for (const c of METHOD_CASES) {
      const res = await post(`/methods/${c.name}`, { input: c.input, ...(c.options ? { options: c.options } : {}) }, 'risk-officer');
      const where = `${c.name} ${JSON.stringify(c.options ?? {})}`;
      expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.json(), where).toEqual(JSON.parse(JSON.stringify(METHOD_RUNNERS[c.name](c.input, c.options ?? {}))));
    }
    // the command line prints the same JSON for the same document and flags
    const cli: [MethodRunnerName, unknown, Record<string, unknown>, string[]][] = [
      [
        'ahp',
        example('ahp/drinks.yaml'),
        { scales: ['standard', 'balanced'], uncertainty: 40, seed: 3 },
        ['--scales', 'standard,balanced', '--uncertainty', '40', '--seed', '3'],
      ],
      ['gra', example('evaluation/platforms.yaml'), { rho: 0.3, normalise: true }, ['--rho', '0.3', '--normalise']],
      ['ahp-group', example('ahp/panel.yaml'), { aggregation: 'aip', consensus: true }, ['--aggregation', 'aip', '--consensus']],
    ];
    for (const [name, input, options, flags] of cli) {
      const res = await post(`/methods/${name}`, { input, options });
      const printed = await runCli([name, '-', '--format', 'json', ...flags], JSON.stringify(input));
      expect(printed.code, printed.stderr).toBe(0);
      expect(res.json(), name).toEqual(printed.json());
    }
  });

  it('a bad document gives 422 (or 400 for its shape) naming the field, for every method', async () => {
    for (const name of SERVED_METHODS) {
      const bad = METHOD_BAD_INPUTS[name];
      const res = await post(`/methods/${name}`, { input: bad.input });
      const where = `${name} ${JSON.stringify(bad.input)}`;
      expect([400, 422], `${where} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      const paths = (res.json().errors ?? []).map((e: { path: string }) => e.path);
      expect(paths, `${where} → ${res.body}`).toContain(bad.path);
    }
    // a computation's refusal is a 422
    const sum = await post('/methods/hierarchy', { input: METHOD_BAD_INPUTS.hierarchy.input });
    expect(sum.statusCode).toBe(422);
    const answers = await post('/methods/delphi', { input: { answers: 'answers.csv' } });
    expect(answers.statusCode).toBe(422);
    expect(answers.json().errors[0].path).toBe('input.answers');
  });

  it('serves the OpenAPI 3.1 document at /docs/json with every route, and Swagger UI at /docs', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/health',
      '/auth/login',
      '/users',
      '/enterprises',
      '/enterprises/{id}',
      '/links',
      '/products',
      '/loans/{id}',
      '/model-versions/{id}/activate',
      '/audit',
      ...SERVED_METHODS.map((n) => `/methods/${n}`),
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const body = doc.paths['/methods/ahp'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toMatch(/pairwise/);
    expect(doc.paths['/enterprises'].post.requestBody.content['application/json'].schema.properties.kind.enum).toContain('sme-distributor');
    const ui = await h.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('limits the body size and the request rate', async () => {
    const huge = await post('/methods/ahp', { input: { matrix: [[1]], labels: ['x'.repeat(2 * 1024 * 1024)] } });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);

    const limited = await buildApp({ store: h.store, rateLimit: { max: 3, timeWindow: '1 minute' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.inject({ method: 'GET', url: '/health' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.inject({ method: 'GET', url: '/health' });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await limited.close();
    }
  });
});
