/**
 * GET/PUT /monitoring/settings on each backend: the defaults (the 2023 Chinese floors), a new
 * document stored and audited with before and after, day bands with a gap or an overlap and LTV
 * levels out of order refused with 422 naming the path (the level edges pinned: equal refused,
 * increasing accepted), malformed bodies 400, roles (risk officer writes; credit officer and
 * auditor read), and nothing written by a refused request.
 */
import { CHINA_2023_BANDS } from '@scf-risk/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

const BANDS = [
  { category: 'normal', minDays: 0, maxDays: 0 },
  { category: 'special-mention', minDays: 1, maxDays: 60 },
  { category: 'substandard', minDays: 61, maxDays: 180 },
  { category: 'doubtful', minDays: 181, maxDays: 360 },
  { category: 'loss', minDays: 361, maxDays: null },
];
const LEVELS = { warning: 0.6, marginCall: 0.75, liquidation: 0.85 };

describeEachBackend('monitoring settings', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 180_000);
  afterAll(() => h?.close());

  const call = (role: keyof Harness['cookie'], method: 'GET' | 'PUT', payload?: unknown) =>
    h.app.inject({
      method,
      url: '/monitoring/settings',
      headers: { cookie: h.cookie[role] },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const audits = async () =>
    (await h.store.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'monitoring-settings'`))[0]?.n;

  it('shows the defaults: the 2023 Chinese floors, no grace, LTV 0.7 / 0.8 / 0.9; the schedule off', async () => {
    const r = await call('credit-officer', 'GET');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      bands: CHINA_2023_BANDS,
      graceDays: 0,
      borrowerDowngrade: null,
      collateral: { levels: { warning: 0.7, marginCall: 0.8, liquidation: 0.9 }, cureDays: 5, ltvLimit: 0.7 },
      schedule: null,
    });
  });

  it('a risk officer replaces them; absent fields take their defaults; audited with before and after', async () => {
    const r = await call('risk-officer', 'PUT', { bands: BANDS, graceDays: 5, collateral: { levels: LEVELS } });
    expect(r.statusCode, r.body).toBe(200);
    const expected = {
      bands: BANDS,
      graceDays: 5,
      borrowerDowngrade: null,
      collateral: { levels: LEVELS, cureDays: 5, ltvLimit: 0.7 },
    };
    expect(r.json()).toEqual(expected);
    expect((await call('auditor', 'GET')).json()).toEqual({ ...expected, schedule: null });
    const [entry] = await h.store.raw.query<{ actor: string; action: string; before: { graceDays: number }; after: { graceDays: number } }>(
      `SELECT actor, action, before, after FROM audit_log WHERE entity = 'monitoring-settings' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ actor: 'risk-officer-1', action: 'update', before: { graceDays: 0 }, after: { graceDays: 5 } });
  });

  it('day bands with a gap or an overlap: 422 naming the band; nothing written', async () => {
    const before = await audits();
    const gap = await call('risk-officer', 'PUT', { bands: BANDS.map((b, k) => (k === 2 ? { ...b, minDays: 63 } : b)) });
    expect(gap.statusCode, gap.body).toBe(422);
    expect(gap.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gap.json().errors[0]).toMatchObject({ path: 'bands[2].minDays', message: 'gap: days 61 to 62 are in no band', allowed: '61' });
    const overlap = await call('risk-officer', 'PUT', { bands: BANDS.map((b, k) => (k === 2 ? { ...b, minDays: 60 } : b)) });
    expect(overlap.statusCode, overlap.body).toBe(422);
    expect(overlap.json().errors[0].path).toBe('bands[2].minDays');
    expect(overlap.json().errors[0].message).toMatch(/overlap/);
    expect(await audits()).toBe(before);
    expect((await call('auditor', 'GET')).json().bands).toEqual(BANDS);
  });

  it('LTV levels must increase: equal levels refused (422 naming collateral.levels), increasing by a hair accepted', async () => {
    const before = await audits();
    const equal = await call('risk-officer', 'PUT', { collateral: { levels: { warning: 0.8, marginCall: 0.8, liquidation: 0.9 } } });
    expect(equal.statusCode, equal.body).toBe(422);
    expect(equal.json().errors[0]).toMatchObject({
      path: 'collateral.levels',
      message: expect.stringMatching(/warning < marginCall < liquidation/),
    });
    const reversed = await call('risk-officer', 'PUT', { collateral: { levels: { warning: 0.7, marginCall: 0.9, liquidation: 0.8 } } });
    expect(reversed.statusCode).toBe(422);
    expect(await audits()).toBe(before);
    const hair = await call('risk-officer', 'PUT', { collateral: { levels: { warning: 0.8, marginCall: 0.8001, liquidation: 0.9 } } });
    expect(hair.statusCode, hair.body).toBe(200);
    expect(hair.json().collateral.levels.marginCall).toBe(0.8001);
    expect(hair.json().bands).toEqual(CHINA_2023_BANDS);
  });

  it('malformed bodies are 400 naming the field; only risk officers and admins write', async () => {
    const unknownField = await call('risk-officer', 'PUT', { graceDays: 1, gracedays: 2 });
    expect(unknownField.statusCode).toBe(400);
    const negative = await call('risk-officer', 'PUT', { graceDays: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].path).toBe('graceDays');
    const badCategory = await call('risk-officer', 'PUT', { bands: [{ category: 'fine', minDays: 0, maxDays: null }] });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().errors[0].path).toBe('bands[0].category');
    expect((await call('credit-officer', 'PUT', { graceDays: 1 })).statusCode).toBe(403);
    expect((await call('auditor', 'PUT', { graceDays: 1 })).statusCode).toBe(403);
    expect((await call('admin', 'PUT', {})).statusCode).toBe(200);
  });
});
