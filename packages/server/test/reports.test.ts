/**
 * The study report of a study run, through HTTP on a real store: a `study-run` job on the ZTMG
 * example, then `GET /reports/study-runs/:id` → the self-contained HTML report (the CLI's), in the
 * language asked; a run that has not succeeded is 409, another job kind or an unknown id 404, as
 * problem+json.
 */
import { readFileSync } from 'node:fs';
import { parseInputText } from '@scf-risk/io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

const STUDY = parseInputText(
  readFileSync(new URL('../../../examples/studies/ztmg-gra.yaml', import.meta.url), 'utf8'),
  'ztmg-gra.yaml',
).data;

describeEachBackend('study reports', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 180_000);
  afterAll(() => h?.close());

  const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: h.cookie['risk-officer'] } });
  async function submit(kind: string, input: unknown): Promise<string> {
    const res = await h.app.inject({
      method: 'POST',
      url: '/jobs',
      headers: { cookie: h.cookie['risk-officer'] },
      payload: { kind, input },
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json().id;
  }
  async function finished(id: string): Promise<string> {
    for (let k = 0; k < 800; k++) {
      const status = (await get(`/jobs/${id}`)).json().status;
      if (status !== 'queued' && status !== 'running') return status;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`job ${id} did not finish`);
  }

  it('renders a succeeded study run as the HTML report, in English and in Chinese', async () => {
    const id = await submit('study-run', { study: STUDY });
    expect(await finished(id)).toBe('succeeded');
    const en = await get(`/reports/study-runs/${id}`);
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toMatch(/^text\/html/);
    expect(en.body).toMatch(/^<!doctype html>/i);
    expect(en.body).toContain('ZTMG supply-chain finance risk factors: grey relational analysis');
    const zh = await get(`/reports/study-runs/${id}?lang=zh`);
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('中铁物贸互联网供应链金融风险因素灰色关联分析');
  });

  it('refuses another kind of job and an unknown id (404), and a bad language (400)', async () => {
    const other = await submit('portfolio-evaluation', {
      method: 'ahp',
      documents: [
        {
          input: {
            matrix: [
              [1, 2],
              ['1/2', 1],
            ],
          },
        },
      ],
    });
    await finished(other);
    const res = await get(`/reports/study-runs/${other}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get('/reports/study-runs/00000000-0000-4000-8000-000000000009')).statusCode).toBe(404);
    const bad = await get(`/reports/study-runs/${other}?lang=fr`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.lang');
  });
});
