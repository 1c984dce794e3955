/**
 * Server-written texts in the user's language (@scf-risk/report messages.ts): the zh and en
 * catalogues have the same codes with the same parameters; every text core's early-warning rules
 * and the pre-loan evaluation write has a code in the catalogue whose English is the message the
 * API sends; on a real database (PGlite; PostgreSQL when DATABASE_URL is set) the alert list carries
 * the texts, is paged by limit/offset and filtered by status, severity and owner, reconciliation
 * mismatches and a job's progress carry theirs, and a stored evaluation keeps its reasons' texts.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateWarnings, type ReconciliationFinding, type WarningRule } from '@scf-risk/core';
import { formatMessage, isMessageCode, MESSAGES, type MessageText, messageText } from '@scf-risk/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema.ts';
import { notFound } from '../src/problem.ts';
import type { ModelView } from '../src/services/models.ts';
import { findingText } from '../src/services/monitoring/reconciliation.ts';
import { computeEvaluation } from '../src/services/preloan.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

const placeholders = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Every code in a text, its nested texts' included. */
const codesOf = (t: MessageText): string[] => [
  t.code,
  ...Object.values(t.params).flatMap((p) => (typeof p === 'object' ? (Array.isArray(p) ? p : [p]).flatMap(codesOf) : [])),
];

/** The text is in the catalogue, its English is `english` and its Chinese is another, fully filled sentence. */
function expectCatalogued(text: MessageText, english: string) {
  for (const code of codesOf(text)) expect(isMessageCode(code), code).toBe(true);
  expect(formatMessage(text, 'en')).toBe(english);
  const zh = formatMessage(text, 'zh');
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(zh).not.toContain('{{');
}

const SCORING = {
  method: 'scorecard',
  thresholds: { approve: 5, review: 4 },
  limit: { tiers: [{ minScore: 4, multiple: '0.1' }] },
};
const model = (kind: ModelView['kind'], content: unknown) => ({ id: `${kind}-1`, kind, version: 1, content }) as ModelView;

describe('the message catalogue', () => {
  it('zh and en have the same codes, and each Chinese template names the same parameters as the English one', () => {
    expect(Object.keys(MESSAGES.zh).sort()).toEqual(Object.keys(MESSAGES.en).sort());
    for (const [code, en] of Object.entries(MESSAGES.en))
      expect(placeholders(MESSAGES.zh[code as keyof typeof MESSAGES.zh]), code).toEqual(placeholders(en));
    // an indicator's or event's English entry is its name: the English messages stay the rules' words
    for (const [code, en] of Object.entries(MESSAGES.en))
      if (code.startsWith('indicator.') || code.startsWith('event.')) expect(en).toBe(code.slice(code.indexOf('.') + 1));
    expect(formatMessage({ code: 'no.such.code', params: {} }, 'zh')).toBeUndefined();
    expect(
      formatMessage({ code: 'alert.reconciliation', params: { trade: 'T', findings: [{ code: 'nope', params: {} }] } }, 'en'),
    ).toBeUndefined();
  });

  it('every alert core’s rules raise has a catalogued text whose English is the alert message', () => {
    const rules: WarningRule[] = [
      { id: 'dpd', kind: 'threshold', indicator: 'daysPastDue', op: '>=', value: 30, severity: 'high' },
      { id: 'fall', kind: 'drop', indicator: 'score', by: 50, severity: 'medium' },
      { id: 'fall-rel', kind: 'drop', indicator: 'index', by: 0.2, relative: true, severity: 'medium' },
      { id: 'down', kind: 'event', eventType: 'core-downgrade', withinDays: 5, severity: 'critical' },
      { id: 'fin', kind: 'missing', indicator: 'financials', maxAgeDays: 120, severity: 'low' },
      { id: 'gone', kind: 'missing', indicator: 'audit', maxAgeDays: 10, severity: 'low' },
      { id: 'undated', kind: 'missing', indicator: 'rating', maxAgeDays: 10, severity: 'low' },
      { id: 'three-way', kind: 'mismatch', indicator: 'amount', tolerance: 100, severity: 'medium' },
    ];
    const alerts = evaluateWarnings(
      rules,
      [
        {
          id: 'SME-1',
          indicators: {
            daysPastDue: { value: 45 },
            score: { value: 520, previous: 600 },
            index: { value: 0.6, previous: 0.9 },
            financials: { value: 1, date: '2024-01-01' },
            audit: { value: null },
            rating: { value: 3 },
            amount: { value: null, sources: { bank: 1000, platform: 1250 } },
          },
          events: [{ type: 'core-downgrade', date: '2024-05-30' }],
        },
      ],
      '2024-06-01',
    );
    expect(alerts.map((a) => a.text?.code)).toEqual([
      'alert.threshold',
      'alert.drop',
      'alert.drop',
      'alert.event',
      'alert.stale',
      'alert.missing',
      'alert.undated',
      'alert.mismatch',
    ]);
    expect(alerts.map((a) => a.message)).toEqual([
      'daysPastDue 45 >= 30',
      'score fell from 600 to 520 (80)',
      'index fell from 0.9 to 0.6 (33.3 %)',
      'core-downgrade on 2024-05-30',
      'financials is 152 days old (more than 120)',
      'audit is missing',
      'rating 3 has no date',
      'amount differs between sources by 250 (tolerance 100)',
    ]);
    for (const a of alerts) expectCatalogued(a.text as MessageText, a.message);
    // the daily run's indicator and event names in Chinese; a rule's own names as they are
    expect(alerts.map((a) => formatMessage(a.text as MessageText, 'zh'))).toEqual([
      '逾期天数为 45（>= 30）',
      'score由 600 降至 520（降幅 80）',
      'index由 0.9 降至 0.6（降幅 33.3 %）',
      '2024-05-30 发生事件：核心企业评级下调',
      'financials已 152 天未更新（超过 120 天）',
      'audit缺失',
      'rating的值 3 没有日期',
      'amount各来源相差 250（容差 100）',
    ]);
  });

  it('pre-loan reasons: the score band, the tree, the stopped pool with its figures, a zero limit — English as before, Chinese too', () => {
    const base = {
      models: {
        scoringRule: model('scoring-rule', { ...SCORING, tree: { decline: [], review: [] } }),
        weights: model('weights', { a: 1 }),
        creditTree: undefined,
      },
      requestedMinor: 1_000_000n,
      annualVolumeMinor: 0n,
    };
    // score 6 ≥ 5 → approve, but no volume → limit 0 → review
    const zero = computeEvaluation({ ...base, indicators: { a: 6 } });
    expect(zero.recommendation).toBe('review');
    expect(zero.explanation.reasons).toEqual([
      'score 6 ≥ approve threshold 5',
      'the credit limit is 0 (no supply-chain volume in this currency, or no limit tier for the score)',
    ]);
    expect(zero.explanation.texts?.map((t) => formatMessage(t, 'zh'))).toEqual([
      '得分 6 ≥ 通过阈值 5',
      '授信额度为 0（该币种下无供应链交易量，或得分未达任何额度档位）',
    ]);
    const pooled = computeEvaluation({
      ...base,
      indicators: { a: 4.5 },
      pool: {
        poolId: 'p1',
        poolName: '华东钢贸池',
        asOf: '2024-06-01',
        decision: {
          accepted: false,
          decision: 'declined: pool stopped',
          figures: {
            date: '2024-06-01',
            balance: 1000,
            nplBalance: 80,
            ratio: 0.08,
            maxNplRatio: 0.05,
            profitSinceStop: 0,
            lossesSinceStop: 0,
          },
        },
      },
    });
    expect(pooled.recommendation).toBe('decline');
    expect(pooled.explanation.reasons).toEqual([
      'score 4.5 ≥ review threshold 4, below approve 5',
      'declined: pool stopped (pool 华东钢贸池 as of 2024-06-01: NPL ratio 0.08 against the limit 0.05, NPL balance 80 of 1000)',
    ]);
    expect(formatMessage(messageText('preloan.approval-refused', { reason: pooled.explanation.texts![1]! }), 'en')).toBe(
      `${pooled.explanation.reasons[1]}: the application may only be declined`,
    );
    expect(formatMessage(pooled.explanation.texts![1]!, 'zh')).toBe(
      '拒绝：止损池已止损（止损池 华东钢贸池，截至 2024-06-01：不良率 0.08，止损线 0.05，不良余额 80，贷款余额 1000）',
    );
    const low = computeEvaluation({ ...base, indicators: { a: 2 } });
    expect(low.explanation.reasons).toEqual(['score 2 below review threshold 4']);
    for (const e of [zero, pooled, low]) e.explanation.texts!.forEach((t, k) => expectCatalogued(t, e.explanation.reasons[k]!));
  });

  it('every entity a 404 names (notFound in the server’s source) has its word in the catalogue', () => {
    const src = join(import.meta.dirname, '../src');
    const entities = new Set<string>();
    for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.ts')))
      for (const m of readFileSync(join(src, f), 'utf8').matchAll(/notFound\('([^']+)'/g)) entities.add(m[1] as string);
    expect(entities.size).toBeGreaterThan(10);
    for (const entity of entities) {
      const text = notFound(entity, 'x-1').text as MessageText;
      expectCatalogued(text, `no ${entity} with id x-1`);
    }
    expect(formatMessage(notFound('financing product', 'p-1').text as MessageText, 'zh')).toBe('找不到 id 为 p-1 的融资产品');
  });

  it('reconciliation findings of each type as texts', () => {
    const cases: [ReconciliationFinding, string, string][] = [
      [{ type: 'missing', tradeId: 'T1', source: 'payment' }, 'no payment record', '缺少付款记录'],
      [
        { type: 'duplicate-record', tradeId: 'T1', source: 'order', recordId: 'o7' },
        'order record o7 appears twice',
        '订单记录 o7 重复出现',
      ],
      [
        { type: 'amount-mismatch', tradeId: 'T2', between: ['order', 'payment'], amounts: [50000, 49000], difference: -1000, tolerance: 0 },
        'order 50000 against payment 49000: a difference of -1000 beyond the tolerance 0',
        '订单金额 50000 与付款金额 49000 相差 -1000，超出容差 0',
      ],
      [
        {
          type: 'date-out-of-tolerance',
          tradeId: 'T3',
          source: 'shipment',
          recordId: 's1',
          date: '2024-02-20',
          earliest: '2024-03-01',
          latest: '2024-03-31',
        },
        'shipment record s1 dated 2024-02-20, outside 2024-03-01 – 2024-03-31',
        '发货记录 s1 的日期 2024-02-20 不在 2024-03-01 至 2024-03-31 之间',
      ],
    ];
    for (const [finding, english, chinese] of cases) {
      expectCatalogued(findingText(finding), english);
      expect(formatMessage(findingText(finding), 'zh')).toBe(chinese);
    }
  });
});

describeEachBackend('alert list (paged, filtered) and evaluation texts', (backend) => {
  let h: Harness;
  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: { cookie: h.cookie[role] }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const trades = Array.from({ length: 12 }, (_, k) => `T${String(k + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    h = await openHarness(backend);
    // 12 trades whose payments are missing: 12 reconciliation alerts (medium), one per trade.
    const csv = (prefix: string) => ['id,tradeId,amount,date', ...trades.map((t) => `${prefix}${t},${t},100000,2024-03-01`)].join('\n');
    const r = await call('risk-officer', 'POST', '/reconciliation/import', {
      format: 'csv',
      orders: csv('o'),
      shipments: csv('s'),
      payments: 'id,tradeId,amount,date',
    });
    expect(r.statusCode, r.body).toBe(201);
  }, 180_000);
  afterAll(() => h?.close());

  it('pages 12 alerts 5 at a time in a stable order, each with its text in both languages', async () => {
    const pages = [];
    for (const offset of [0, 5, 10, 15]) {
      const r = await call('auditor', 'GET', `/alerts?limit=5&offset=${offset}`);
      expect(r.statusCode, r.body).toBe(200);
      pages.push(r.json() as { subjectId: string; message: string; text: MessageText }[]);
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2, 0]);
    expect(pages.flat().map((a) => a.subjectId)).toEqual(trades.map((t) => `trade:${t}`));
    const first = pages[0]![0]!;
    expect(first.message).toBe('trade T01: missing');
    expect(first.text).toEqual({
      code: 'alert.reconciliation',
      params: { trade: 'T01', findings: [{ code: 'reconciliation.missing', params: {} }] },
    });
    expect(formatMessage(first.text, 'zh')).toBe('交易 T01：记录缺失');
    for (const a of pages.flat()) expectCatalogued(a.text, a.message);
    const { mismatches } = (await call('auditor', 'GET', '/reconciliation/mismatches?limit=5')).json();
    expect(mismatches.map((m: { tradeId: string; message: string }) => `${m.tradeId}: ${m.message}`)).toEqual(
      trades.slice(0, 5).map((t) => `${t}: no payment record`),
    );
    expect(formatMessage(mismatches[0].text, 'zh')).toBe('缺少付款记录');
  });

  it('filters by status, severity and owner; a bad filter or page is a 400 naming it', async () => {
    const ids = ((await call('auditor', 'GET', '/alerts?limit=3')).json() as { id: string }[]).map((a) => a.id);
    for (const id of ids)
      expect((await call('credit-officer', 'POST', `/alerts/${encodeURIComponent(id)}/acknowledge`, {})).statusCode).toBe(200);
    const owner = 'credit-officer-1';
    const owned = (await call('auditor', 'GET', `/alerts?owner=${encodeURIComponent(owner)}&limit=2&offset=1`)).json() as {
      id: string;
      owner: string;
    }[];
    expect(owned.map((a) => a.id)).toEqual(ids.slice(1, 3));
    expect(owned.every((a) => a.owner === owner)).toBe(true);
    expect((await call('auditor', 'GET', '/alerts?owner=nobody')).json()).toEqual([]);
    expect(((await call('auditor', 'GET', '/alerts?status=acknowledged')).json() as unknown[]).length).toBe(3);
    expect(((await call('auditor', 'GET', '/alerts?status=open&severity=medium&limit=500')).json() as unknown[]).length).toBe(9);
    expect((await call('auditor', 'GET', '/alerts?severity=high')).json()).toEqual([]);
    for (const [query, field] of [
      ['severity=urgent', 'severity'],
      ['status=closed', 'status'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['owner=', 'owner'],
    ]) {
      const r = await call('auditor', 'GET', `/alerts?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(`querystring.${field}`);
      expect(formatMessage(r.json().text, 'en')).toBe(r.json().detail);
      expect(formatMessage(r.json().text, 'zh')).toBe('查询参数有 1 处问题');
    }
    const body = await call('credit-officer', 'POST', '/applications', {});
    expect(body.statusCode).toBe(400);
    expect(formatMessage(body.json().text, 'en')).toBe(body.json().detail);
    expect(formatMessage(body.json().text, 'zh')).toBe(`提交的内容有 ${body.json().errors.length} 处问题`);
    expect(body.json().errors.length).toBeGreaterThan(1);
  });

  it('a job’s progress is kept as a text: a run of a date, then the same date again', async () => {
    const ended = async (id: string) => {
      for (let k = 0; k < 300; k++) {
        const j = (await call('auditor', 'GET', `/jobs/${id}`)).json();
        if (['succeeded', 'failed', 'cancelled'].includes(j.status)) return j;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${id} did not end`);
    };
    const progress = [];
    for (let k = 0; k < 2; k++) {
      const r = await call('risk-officer', 'POST', '/jobs', { kind: 'monitoring-daily-run', input: { asOf: '2024-03-05' } });
      expect(r.statusCode, r.body).toBe(202);
      const j = await ended(r.json().id);
      expect(j.status).toBe('succeeded');
      progress.push(j.progress);
    }
    expect(progress).toEqual([
      { fraction: 1, message: 'done', text: { code: 'job.done', params: {} } },
      { fraction: 1, message: 'the date was already run', text: { code: 'job.monitoring.ran-already', params: {} } },
    ]);
    expect(progress.map((p) => formatMessage(p.text, 'zh'))).toEqual(['完成', '该日期已执行过监控']);
  });

  it('an evaluation stores its reasons’ texts next to the English reasons', async () => {
    const created = async (url: string, payload: unknown, role: Role = 'credit-officer') => {
      const r = await call(role, 'POST', url, payload);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(201);
      return r.json();
    };
    const sme = (await created('/enterprises', { name: '小微供应商', kind: 'sme-supplier', industry: 'steel' })).id;
    const product = (
      await created('/products', { code: 'recv', kind: 'receivables', name: 'Receivables', currency: 'CNY' }, 'risk-officer')
    ).id;
    for (const [kind, content] of [
      ['weights', { a: 1 }],
      ['scoring-rule', SCORING],
    ] as const) {
      const v = await created('/model-versions', { kind, productId: product, content }, 'risk-officer');
      expect((await call('risk-officer', 'POST', `/model-versions/${v.id}/activate`)).statusCode).toBe(200);
    }
    const app = await created('/applications', {
      enterpriseId: sme,
      productId: product,
      amount: { minor: '100000', currency: 'CNY' },
      termMonths: 6,
      indicators: { a: 3 },
    });
    await created(`/applications/${app.id}/evaluate`, undefined);
    const [ev] = (await call('auditor', 'GET', `/applications/${app.id}`)).json().evaluations;
    expect(ev.recommendation).toBe('decline');
    expect(ev.explanation.reasons).toEqual(['score 3 below review threshold 4']);
    expect(ev.explanation.texts).toEqual([{ code: 'preloan.score.decline', params: { score: 3, approve: 5, review: 4 } }]);
    expect(formatMessage(ev.explanation.texts[0], 'zh')).toBe('得分 3 低于复核阈值 4');
    expect((await call('auditor', 'GET', `/evaluations/${ev.id}/reproduce`)).json().identical).toBe(true);
    // a 404 says what it did not find as a text too
    const missing = await call('auditor', 'GET', '/applications/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('no application with id 00000000-0000-4000-8000-000000000000');
    expect(formatMessage(missing.json().text, 'zh')).toBe('找不到 id 为 00000000-0000-4000-8000-000000000000 的融资申请');
    expect(missing.json().errors).toEqual([{ path: 'id', message: missing.json().detail, text: missing.json().text }]);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'auditor-1', password: 'not the password' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      detail: 'unknown user name or wrong password',
      text: { code: 'auth.wrong-password', params: {} },
    });
    expect(formatMessage(refused.json().text, 'zh')).toBe('用户名不存在或密码错误');
    // no session, and a role the matrix does not allow: 401 and 403 in both languages
    const anonymous = await h.app.inject({ method: 'GET', url: '/loans' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ detail: 'sign in first (POST /auth/login)', text: { code: 'auth.sign-in-first' } });
    expect(formatMessage(anonymous.json().text, 'zh')).toBe('请先登录（POST /auth/login）');
    const forbidden = await h.app.inject({ method: 'GET', url: '/audit', headers: { cookie: h.cookie.expert } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().detail).toBe('the role expert may not call GET /audit');
    expect(formatMessage(forbidden.json().text, 'zh')).toBe('角色 expert 无权调用 GET /audit');
    // the pre-loan conflicts say why in both languages (the English is the detail)
    const conflictIn = async (url: string, payload?: unknown) => {
      const r = await call('credit-officer', 'POST', url, payload);
      expect(r.statusCode, r.body).toBe(409);
      expect(formatMessage(r.json().text, 'en')).toBe(r.json().detail);
      return formatMessage(r.json().text, 'zh');
    };
    const applyTo = (productId: string) =>
      created('/applications', {
        enterpriseId: sme,
        productId,
        amount: { minor: '100000', currency: 'CNY' },
        termMonths: 6,
        indicators: { a: 3 },
      });
    const pending = (await applyTo(product)).id;
    expect(await conflictIn(`/applications/${pending}/decision`, { decision: 'decline', reason: '未评估' })).toBe(
      `申请 ${pending} 尚未评估：请先评估（POST /applications/${pending}/evaluate）`,
    );
    await created(`/applications/${app.id}/decision`, { decision: 'decline', reason: '得分过低' });
    expect(await conflictIn(`/applications/${app.id}/evaluate`)).toBe(`申请 ${app.id} 已拒绝：不能再评估`);
    expect(await conflictIn(`/applications/${app.id}/decision`, { decision: 'decline', reason: '再次' })).toBe(
      `申请 ${app.id} 已拒绝：每笔申请只能决定一次`,
    );
    const bare = (await created('/products', { code: 'bare', kind: 'receivables', name: 'Bare', currency: 'CNY' }, 'risk-officer')).id;
    expect(await conflictIn(`/applications/${(await applyTo(bare)).id}/evaluate`)).toBe(
      '该产品没有启用中的评分规则：请先保存一个版本（POST /model-versions）并启用，再作评估',
    );
  });
});
