/**
 * The bad-input corpus (SPEC §8, issue 14 "Bad input"): every malformed request in
 * fixtures/bad-input.json — wrong types, huge values (beyond 2⁵³, 1e400, 10 MB strings, deep
 * nesting), negative and fractional money, impossible dates, unknown ids, missing and extra fields,
 * wrong roles, no session — sent to every write route of the server, on every backend. For each:
 * the expected 4xx (never a 500), `application/problem+json`, the offending field named in
 * `errors[].path` when it is a field error (an unknown field: named in the message at its parent's path), and nothing written (the row count of every table,
 * the audit log included, unchanged).
 *
 * The corpus covers the jobs (unknown kind, bad input per kind, cancelling), the questionnaires
 * (bad kinds and criteria, invitations, answers by link and signed in: non-reciprocal and
 * out-of-scale matrices, unknown tokens) and model-version contents (each kind's check).
 *
 * A case is `base` (a valid request of `bases`) changed by `set` (dotted path → value), `rawSet`
 * (dotted path → JSON text, for numbers JSON.parse would round), `unset`, `body`, `raw` (the body
 * text), `url`, `role` (null: no session), or `generate` (`huge:<path>` a 10 MB string, `deep:<path>`
 * 5,000 nested arrays, `deep-tree:<path>` a 2,000-level indicator tree). `{name}` strings are ids
 * made in beforeAll.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../src/db/schema.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

interface Base {
  url: string;
  role: Role | null;
  body: unknown;
}
interface Case {
  base: string;
  status: number;
  why: string;
  path?: string;
  set?: Record<string, unknown>;
  rawSet?: Record<string, string>;
  unset?: string[];
  body?: unknown;
  raw?: string;
  contentType?: string;
  url?: string;
  role?: Role | null;
  generate?: string;
}

const corpus = JSON.parse(readFileSync(new URL('./fixtures/bad-input.json', import.meta.url), 'utf8')) as {
  bases: Record<string, Base>;
  cases: Case[];
};

const NO_ID = '00000000-0000-4000-8000-000000000000';
const RAW = '__raw_value__';

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/** JSON text of `depth` nested arrays (built as text: a nested object this deep overflows JSON.stringify's callers). */
const deepArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** JSON text of an indicator tree `depth` levels deep, one child per level. */
function deepTree(depth: number): string {
  let node = `{"code":"n${depth}","name":"leaf","weight":1}`;
  for (let k = depth - 1; k >= 0; k--) node = `{"code":"n${k}","name":"node","weight":1,"children":[${node}]}`;
  return node;
}

describeEachBackend('bad-input corpus', (backend) => {
  let h: Harness;
  const ids: Record<string, string> = { NO_ID };

  const send = (method: 'POST' | 'GET', url: string, payload: unknown, role: Role | null) =>
    h.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: role ? { cookie: h.cookie[role] } : {},
    });
  const make = async (url: string, payload: unknown, role: Role = 'admin') => {
    const res = await send('POST', url, payload, role);
    if (res.statusCode >= 300) throw new Error(`set-up ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\{(\w+)\}/g, (m, k: string) => ids[k] ?? m);
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };

  /**
   * Row counts of every table of the store (the tables read from the catalogue once, so new tables
   * count too), in one query over all of them.
   */
  let countAll = '';
  async function counts(): Promise<Record<string, number>> {
    if (!countAll) {
      const tables = await h.store.raw.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
      );
      countAll = tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
    }
    const rows = await h.store.raw.query<{ t: string; n: number }>(countAll);
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }

  beforeAll(async () => {
    h = await openHarness(backend);
    ids.core = (await make('/enterprises', { name: 'Core', kind: 'core', industry: 'steel', creditCode: '91110000000000000X' })).id;
    ids.sme = (await make('/enterprises', { name: 'SME', kind: 'sme-supplier', industry: 'steel' })).id;
    ids.sme2 = (await make('/enterprises', { name: 'SME 2', kind: 'sme-distributor', industry: 'steel' })).id;
    await make('/links', {
      buyerId: ids.core,
      sellerId: ids.sme,
      since: '2020-01-01',
      frequency: 'monthly',
      annualVolume: { minor: '100000000', currency: 'CNY' },
    });
    ids.product = (await make('/products', { code: 'recv', kind: 'receivables', name: 'Receivables', currency: 'CNY' })).id;
    const bare = (await make('/products', { code: 'bare', kind: 'e-order', name: 'Bare', currency: 'CNY' })).id;
    for (const [kind, content] of [
      ['weights', { a: 0.5, b: 0.3, c: 0.2 }],
      ['scoring-rule', { method: 'scorecard', thresholds: { approve: 5, review: 4 }, limit: { tiers: [{ minScore: 0, multiple: '1' }] } }],
    ] as const) {
      const v = await make('/model-versions', { kind, productId: ids.product, content });
      await make(`/model-versions/${v.id}/activate`, undefined);
      if (kind === 'weights') ids.model = v.id;
    }
    const application = (extra: Record<string, unknown>) =>
      make('/applications', {
        enterpriseId: ids.sme,
        productId: ids.product,
        amount: { minor: '1000000', currency: 'CNY' },
        termMonths: 12,
        indicators: { a: 6, b: 6, c: 6 },
        ...extra,
      });
    ids.app = (await application({})).id;
    ids.incomplete = (await application({ indicators: { a: 1 } })).id;
    ids.bare = (await application({ productId: bare })).id;
    ids.evaluated = (await application({})).id;
    await make(`/applications/${ids.evaluated}/evaluate`, undefined);
    ids.decided = (await application({})).id;
    await make(`/applications/${ids.decided}/evaluate`, undefined);
    await make(`/applications/${ids.decided}/decision`, { decision: 'decline', reason: 'set-up' });
    const loan = {
      enterpriseId: ids.sme,
      productId: ids.product,
      principal: { minor: '1000', currency: 'CNY' },
      annualRate: '0.05',
      termMonths: 12,
      disbursedOn: '2026-01-01',
      schedule: 'bullet',
    };
    ids.loan = (await make('/loans', loan)).id;
    ids.repaid = (await make('/loans', loan)).id;
    await make(`/loans/${ids.repaid}/repayments`, { amount: { minor: '1050', currency: 'CNY' }, paidOn: '2027-01-01' });

    // Questionnaires: a pairwise one over criteria a, b, c (node "goal") invited to E1 (by link), E2
    // (the expert user) and E3 (who answered); a Delphi one on the 1-3-5 scale invited to E1.
    ids.adminUser = h.userId.admin;
    ids.expertUser = h.userId.expert;
    const criteria = ['a', 'b', 'c'].map((code) => ({ code, name: code.toUpperCase() }));
    ids.pq = (await make('/questionnaires', { kind: 'pairwise', title: 'P', criteria })).id;
    const invited = (await make(`/questionnaires/${ids.pq}/invitations`, {
      experts: [{ label: 'E1' }, { label: 'E2', userId: ids.expertUser }, { label: 'E3' }],
    })) as unknown as { invitations: { id: string; token: string }[] };
    const [e1, e2, e3] = invited.invitations;
    Object.assign(ids, { ptoken: e1?.token, otherInv: e1?.id, pinv: e2?.id, panswered: e3?.token });
    const matrix = [
      [1, 3, 5],
      ['1/3', 1, 2],
      ['1/5', '1/2', 1],
    ];
    await make(`/q/${ids.panswered}/answers`, { matrices: { goal: matrix } });
    const indicators = ['x', 'y', 'z'].map((code) => ({ code, name: code.toUpperCase() }));
    ids.dq = (await make('/questionnaires', { kind: 'delphi', title: 'D', indicators, scale: '1-3-5' })).id;
    const delphiInvited = (await make(`/questionnaires/${ids.dq}/invitations`, { experts: [{ label: 'E1' }] })) as unknown as {
      invitations: { token: string }[];
    };
    ids.dtoken = delphiInvited.invitations[0]?.token as string;

    // A job that has ended (its cancellation is a 409); waited for, so no job writes during the cases.
    ids.job = (await make('/jobs', { kind: 'portfolio-evaluation', input: { method: 'ahp', documents: [{ input: { matrix } }] } })).id;
    for (let k = 0; k < 300; k++) {
      const job = await send('GET', `/jobs/${ids.job}`, undefined, 'admin');
      if (['succeeded', 'failed', 'cancelled'].includes(job.json().status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);
  afterAll(() => h?.close());

  it('holds at least 300 malformed requests over every write route', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
    const routes = new Set(corpus.cases.map((c) => (c.url ?? corpus.bases[c.base]?.url)?.split('/')[1]));
    for (const r of [
      'users',
      'enterprises',
      'links',
      'products',
      'model-versions',
      'applications',
      'loans',
      'methods',
      'auth',
      'jobs',
      'questionnaires',
      'q',
      'my',
    ])
      expect(routes, r).toContain(r);
  });

  for (const [k, c] of corpus.cases.entries()) {
    it(`${k + 1}. ${c.base}: ${c.why} → ${c.status}`, async () => {
      const base = corpus.bases[c.base];
      if (!base) throw new Error(`no base ${c.base}`);
      const url = fill(c.url ?? base.url) as string;
      const role = c.role === undefined ? base.role : c.role;
      let body = structuredClone(c.body ?? base.body) as Record<string, unknown> | undefined;
      for (const [path, value] of Object.entries(c.set ?? {})) setAt(body as Record<string, unknown>, path, value);
      for (const path of Object.keys(c.rawSet ?? {})) setAt(body as Record<string, unknown>, path, RAW);
      for (const path of c.unset ?? []) setAt(body as Record<string, unknown>, path, undefined);
      body = fill(body) as typeof body;
      // Raw JSON text put in place of the RAW marker: numbers JSON.parse would round, generated deep values.
      let rawText = Object.values(c.rawSet ?? {})[0];
      if (c.generate) {
        const [kind, path] = c.generate.split(':') as [string, string];
        if (kind === 'huge') setAt(body as Record<string, unknown>, path, 'x'.repeat(10 * 1024 * 1024));
        else {
          setAt(body as Record<string, unknown>, path, RAW);
          rawText = kind === 'deep' ? deepArrays(5000) : deepTree(2000);
        }
      }
      let payload: unknown = body;
      let contentType = c.contentType;
      if (c.raw !== undefined || rawText !== undefined) {
        payload = c.raw ?? JSON.stringify(body).replace(`"${RAW}"`, () => rawText as string);
        contentType ??= 'application/json';
      }
      const before = await counts();
      const res = await h.app.inject({
        method: 'POST',
        url,
        ...(payload === undefined ? {} : { payload: payload as string }),
        headers: { ...(role ? { cookie: h.cookie[role] } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
      });
      expect(res.statusCode, `${c.why}: ${res.body.slice(0, 600)}`).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json() as { status: number; detail: string; errors?: { path: string; message: string }[] };
      expect(problem.status).toBe(c.status);
      expect(problem.detail.length).toBeGreaterThan(0);
      if (c.path !== undefined) {
        // The field is the path — or, for a field the schema does not know, named in the message at its parent.
        const named = problem.errors?.some(
          (e) =>
            e.path === c.path ||
            e.path.startsWith(`${c.path}[`) ||
            e.path.startsWith(`${c.path}.`) ||
            e.message.includes(`"${c.path?.split('.').pop()}"`),
        );
        expect(named, res.body.slice(0, 600)).toBe(true);
      }
      expect(await counts()).toEqual(before);
    });
  }
});
