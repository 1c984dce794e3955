/**
 * Expert questionnaires through HTTP on a real database (PGlite; PostgreSQL when DATABASE_URL is
 * set): a pairwise questionnaire answered by two experts (one by link, one signed in) whose group
 * weights and CRs equal core's `groupAhp` on the same matrices; a Delphi questionnaire over two
 * rounds whose W and keep / discuss / delete equal core's; isolation (no expert reads another's
 * answers by any route; an auditor reads but does not write); every error rule.
 */
import { createHash } from 'node:crypto';
import { ahp, authorityCoefficient, delphiRound, groupAhp } from '@scf-risk/core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireInvitations } from '../src/db/schema.ts';
import { SYSTEM } from '../src/services/context.ts';
import { createUser } from '../src/services/users.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, login, openHarness, PASSWORD } from './harness.ts';

const NO_ID = '00000000-0000-4000-8000-000000000000';

const TREE = {
  code: 'G',
  name: { zh: '供应链金融风险', en: 'SCF risk' },
  weight: 1,
  children: [
    {
      code: 'A',
      name: 'Core enterprise',
      children: [
        { code: 'A1', name: 'Scale', direction: 'benefit' },
        { code: 'A2', name: 'Credit', direction: 'benefit' },
        { code: 'A3', name: 'Industry', direction: 'benefit' },
      ],
    },
    {
      code: 'B',
      name: 'SME',
      children: [
        { code: 'B1', name: 'Profit' },
        { code: 'B2', name: 'Leverage', direction: 'cost' },
      ],
    },
    { code: 'C', name: 'Collateral', children: [{ code: 'C1', name: 'Liquidity' }] },
  ],
};

/** E1 is consistent; E2's A matrix is not (A1 > A2 > A3 but A3 > A1). */
const E1 = {
  G: [
    [1, 3, 5],
    ['1/3', 1, 2],
    ['1/5', '1/2', 1],
  ],
  A: [
    [1, 2, 4],
    ['1/2', 1, 2],
    ['1/4', '1/2', 1],
  ],
  B: [
    [1, 3],
    ['1/3', 1],
  ],
};
const E2 = {
  G: [
    [1, 2, 3],
    ['1/2', 1, 1],
    ['1/3', 1, 1],
  ],
  A: [
    [1, 5, '1/3'],
    ['1/5', 1, 4],
    [3, '1/4', 1],
  ],
  B: [
    [1, '1/2'],
    [2, 1],
  ],
};
const num = (m: (number | string)[][]) => m.map((r) => r.map((c) => (typeof c === 'string' ? 1 / Number(c.split('/')[1]) : c)));

const INDICATORS = ['X1', 'X2', 'X3', 'X4', 'X5'].map((code) => ({ code, name: { zh: `指标${code}`, en: `Indicator ${code}` } }));
/** Delphi scores on 1-5: rows = experts D1, D2, D3; columns X1..X5. */
const ROUND1 = [
  [5, 4, 2, 5, 1],
  [4, 4, 3, 5, 2],
  [5, 3, 1, 4, 3],
];
const ROUND2 = [
  [5, 4, 2, 5, 1],
  [5, 4, 2, 5, 2],
  [5, 4, 1, 5, 1],
];
const scoresOf = (row: number[]) => Object.fromEntries(INDICATORS.map((x, j) => [x.code, row[j] as number]));

describeEachBackend('expert questionnaires', (backend) => {
  let h: Harness;
  let expert2Cookie: string;
  let expert2Id: string;
  beforeAll(async () => {
    h = await openHarness(backend);
    const u = await createUser(
      { store: h.store, actor: SYSTEM },
      { username: 'expert-2', displayName: 'Expert 2', role: 'expert', password: PASSWORD },
    );
    expert2Id = u.id;
    expert2Cookie = await login(h.app, 'expert-2');
  }, 180_000);
  afterAll(() => h?.close());

  const call = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const paths = (res: { json(): unknown }) => ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

  async function createPairwise(cookie = h.cookie['risk-officer']) {
    const res = await call('POST', '/questionnaires', cookie, { kind: 'pairwise', title: 'SCF weights', hierarchy: TREE });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; comparisons: { node: string; elements: { code: string }[] }[]; status: string; round: number };
  }

  it('every questionnaire route is in the OpenAPI document; the link routes need no session', async () => {
    const doc = (await call('GET', '/docs/json')).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    for (const path of [
      '/questionnaires',
      '/questionnaires/{id}',
      '/questionnaires/{id}/invitations',
      '/questionnaires/{id}/progress',
      '/questionnaires/{id}/results',
      '/questionnaires/{id}/close-round',
      '/questionnaires/{id}/rounds',
      '/q/{token}',
      '/q/{token}/answers',
      '/q/{token}/check',
      '/my/questionnaires',
      '/my/invitations/{id}',
      '/my/invitations/{id}/answers',
      '/my/invitations/{id}/check',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
    expect(doc.paths['/q/{token}/answers']?.post?.security).toEqual([]);
  });

  describe('a pairwise questionnaire answered by two experts', () => {
    let qid: string;
    let token1: string;
    let inv1: string;
    let inv2: string;

    it('is created from a tree: one comparison per node with 2+ children; weights are dropped', async () => {
      const q = await createPairwise();
      qid = q.id;
      expect(q.status).toBe('open');
      expect(q.round).toBe(1);
      expect(q.comparisons.map((c) => [c.node, c.elements.map((e) => e.code)])).toEqual([
        ['G', ['A', 'B', 'C']],
        ['A', ['A1', 'A2', 'A3']],
        ['B', ['B1', 'B2']],
      ]);
      expect(JSON.stringify((q as unknown as { hierarchy: unknown }).hierarchy)).not.toContain('weight');
    });

    it('invites one expert by link and one signed-in expert; tokens are shown once and stored hashed', async () => {
      const res = await call('POST', `/questionnaires/${qid}/invitations`, h.cookie['risk-officer'], {
        experts: [{ label: 'E1' }, { label: 'E2', userId: h.userId.expert, weight: 2 }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const { invitations } = res.json() as { invitations: { id: string; label: string; token: string; link: string; weight: number }[] };
      expect(invitations.map((i) => i.label)).toEqual(['E1', 'E2']);
      token1 = invitations[0]?.token as string;
      inv1 = invitations[0]?.id as string;
      inv2 = invitations[1]?.id as string;
      expect(token1).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(invitations[0]?.link).toBe(`/q/${token1}`);
      const rows = await h.store.db.select().from(questionnaireInvitations).where(eq(questionnaireInvitations.questionnaireId, qid));
      const row = rows.find((r) => r.label === 'E1');
      expect(row?.tokenHash).toBe(createHash('sha256').update(token1).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token1);
      // Progress: nobody yet; the tokens never again.
      const p = await call('GET', `/questionnaires/${qid}/progress`, h.cookie['risk-officer']);
      expect(p.json()).toMatchObject({ invited: 2, answered: 0 });
      expect(p.body).not.toContain(token1);
    });

    it('the link shows the questionnaire without signing in', async () => {
      const res = await call('GET', `/q/${token1}`);
      expect(res.statusCode, res.body).toBe(200);
      const v = res.json() as {
        invitation: { id: string };
        questionnaire: { id: string };
        answered: boolean;
        answer: unknown;
        feedback: unknown;
      };
      expect(v.invitation.id).toBe(inv1);
      expect(v.questionnaire.id).toBe(qid);
      expect(v).toMatchObject({ answered: false, answer: null, feedback: null });
    });

    it('check: live CR and the judgments to revisit, from core, nothing saved', async () => {
      const res = await call('POST', `/q/${token1}/check`, undefined, { matrices: { A: E2.A, B: E2.B } });
      expect(res.statusCode, res.body).toBe(200);
      const { nodes } = res.json() as {
        nodes: {
          node: string;
          cr: number;
          consistent: boolean;
          weights: number[];
          hints: { i: number; j: number; row: string; column: string; suggested: number; crAfter: number }[];
        }[];
      };
      const core = ahp(num(E2.A), { labels: ['A1', 'A2', 'A3'] });
      const a = nodes.find((n) => n.node === 'A');
      expect(a?.cr).toBeCloseTo(core.cr, 12);
      expect(a?.consistent).toBe(false);
      expect(a?.weights).toEqual(core.weights);
      expect(a?.hints.map(({ i, j, suggested, crAfter }) => ({ i, j, suggested, crAfter }))).toEqual(
        core.inconsistentPairs.map(({ i, j, suggested, crAfter }) => ({ i, j, suggested, crAfter })),
      );
      expect(a?.hints[0]?.row).toBe(['A1', 'A2', 'A3'][core.inconsistentPairs[0]?.i as number]);
      expect(nodes.find((n) => n.node === 'B')).toMatchObject({ cr: 0, consistent: true, hints: [] });
      const p = await call('GET', `/questionnaires/${qid}/progress`, h.cookie['risk-officer']);
      expect(p.json()).toMatchObject({ answered: 0 });
    });

    it('check: a missing judgment (null) is completed as core completes it; the signed-in route checks too', async () => {
      const partial = [
        [1, 2, null],
        ['1/2', 1, 2],
        [null, '1/2', 1],
      ];
      const res = await call('POST', `/my/invitations/${inv2}/check`, h.cookie.expert, { matrices: { A: partial } });
      expect(res.statusCode, res.body).toBe(200);
      const core = ahp([
        [1, 2, null],
        [0.5, 1, 2],
        [null, 0.5, 1],
      ]);
      const [a] = (res.json() as { nodes: { weights: number[]; cr: number; warnings: string[] }[] }).nodes;
      a?.weights.forEach((w, k) => {
        expect(w).toBeCloseTo(core.weights[k] as number, 12);
      });
      expect(a?.cr).toBeCloseTo(core.cr, 12);
      expect(a?.warnings.join(' ')).toMatch(/Harker/);
    });

    it('expert E1 answers by link', async () => {
      const res = await call('POST', `/q/${token1}/answers`, undefined, { matrices: E1 });
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json() as { round: number; matrices: Record<string, number[][]>; consistency: { node: string; consistent: boolean }[] };
      expect(a.round).toBe(1);
      expect(a.matrices.G).toEqual(num(E1.G));
      expect(a.consistency.every((c) => c.consistent)).toBe(true);
    });

    it('expert E2 signed in finds only their own invitation and answers', async () => {
      const mine = await call('GET', '/my/questionnaires', h.cookie.expert);
      expect(mine.statusCode, mine.body).toBe(200);
      const list = mine.json() as { invitationId: string; answered: boolean; questionnaire: { id: string } }[];
      expect(list.map((x) => x.invitationId)).toEqual([inv2]);
      expect(list[0]?.answered).toBe(false);
      const view = await call('GET', `/my/invitations/${inv2}`, h.cookie.expert);
      expect(view.statusCode).toBe(200);
      const res = await call('POST', `/my/invitations/${inv2}/answers`, h.cookie.expert, { matrices: E2 });
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as { consistency: { node: string; consistent: boolean }[] }).consistency).toContainEqual({
        node: 'A',
        cr: ahp(num(E2.A)).cr,
        consistent: false,
      });
    });

    it('answers are never overwritten: a second answer is 409', async () => {
      const res = await call('POST', `/q/${token1}/answers`, undefined, { matrices: E2 });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('the organiser sees who answered (labels, not answers)', async () => {
      const res = await call('GET', `/questionnaires/${qid}/progress`, h.cookie['risk-officer']);
      const p = res.json() as { answered: number; invitations: { label: string; answered: boolean; roundsAnswered: number[] }[] };
      expect(p.answered).toBe(2);
      expect(p.invitations.map((i) => [i.label, i.answered, i.roundsAnswered])).toEqual([
        ['E1', true, [1]],
        ['E2', true, [1]],
      ]);
      expect(res.body).not.toContain('matrices');
    });

    for (const aggregation of ['aij', 'aip'] as const) {
      it(`results (${aggregation}) equal core's group AHP on the same matrices, with each expert's CR`, async () => {
        const res = await call('GET', `/questionnaires/${qid}/results?aggregation=${aggregation}`, h.cookie['risk-officer']);
        expect(res.statusCode, res.body).toBe(200);
        const r = res.json() as {
          kind: string;
          answered: number;
          nodes: {
            node: string;
            weights: number[];
            cr: number;
            inconsistentExperts: string[];
            experts: { label: string; cr: number; weight: number }[];
          }[];
          leaves: { code: string; globalWeight: number }[];
        };
        expect(r.kind).toBe('pairwise');
        expect(r.answered).toBe(2);
        const groups: Record<string, ReturnType<typeof groupAhp>> = {};
        for (const node of ['G', 'A', 'B'] as const) {
          const core = groupAhp(
            [
              { id: 'E1', weight: 1, matrix: num(E1[node]) },
              { id: 'E2', weight: 2, matrix: num(E2[node]) },
            ],
            { aggregation },
          );
          groups[node] = core;
          const got = r.nodes.find((n) => n.node === node);
          got?.weights.forEach((w, k) => {
            expect(w).toBeCloseTo(core.weights[k] as number, 12);
          });
          expect(got?.cr).toBeCloseTo(core.cr, 12);
          expect(got?.inconsistentExperts).toEqual(core.inconsistentExperts);
          expect(got?.experts.map((e) => e.label)).toEqual(['E1', 'E2']);
          got?.experts.forEach((e, k) => {
            expect(e.cr).toBeCloseTo(core.experts[k]?.cr as number, 12);
            expect(e.weight).toBeCloseTo(k === 0 ? 1 / 3 : 2 / 3, 12);
          });
        }
        expect(r.nodes.find((n) => n.node === 'A')?.inconsistentExperts).toEqual(['E2']);
        // Global weight of A2 = w_G(A) · w_A(A2); C1 inherits C's whole weight.
        const g = groups.G?.weights as number[];
        const a = groups.A?.weights as number[];
        expect(r.leaves.find((l) => l.code === 'A2')?.globalWeight).toBeCloseTo((g[0] as number) * (a[1] as number), 12);
        expect(r.leaves.find((l) => l.code === 'C1')?.globalWeight).toBeCloseTo(g[2] as number, 12);
      });
    }

    it('isolation: an expert reads only their own answers, by any route', async () => {
      // E1 by link sees E1's answer only.
      const v1 = await call('GET', `/q/${token1}`);
      const body1 = v1.json() as { answer: { matrices: Record<string, number[][]> }; previousAnswers: unknown[] };
      expect(body1.answer.matrices.A).toEqual(num(E1.A));
      expect(v1.body).not.toContain(inv2);
      expect(v1.body).not.toContain('"E2"');
      expect(JSON.stringify(body1)).not.toContain(JSON.stringify(num(E2.A)));
      // E2 signed in sees E2's answer only; E1's invitation is not E2's (404, as an unknown id).
      const v2 = await call('GET', `/my/invitations/${inv2}`, h.cookie.expert);
      expect((v2.json() as { answer: { matrices: Record<string, number[][]> } }).answer.matrices.A).toEqual(num(E2.A));
      for (const url of [`/my/invitations/${inv1}`, `/my/invitations/${NO_ID}`]) {
        const res = await call('GET', url, h.cookie.expert);
        expect(res.statusCode).toBe(404);
      }
      const r = await call('POST', `/my/invitations/${inv1}/answers`, h.cookie.expert, { matrices: E1 });
      expect(r.statusCode).toBe(404);
      const c = await call('POST', `/my/invitations/${inv1}/check`, h.cookie.expert, { matrices: { B: E1.B } });
      expect(c.statusCode).toBe(404);
      // Another expert has no invitations, and no expert reaches the organiser's routes.
      const other = await call('GET', '/my/questionnaires', expert2Cookie);
      expect(other.json()).toEqual([]);
      for (const url of [
        '/questionnaires',
        `/questionnaires/${qid}`,
        `/questionnaires/${qid}/progress`,
        `/questionnaires/${qid}/results`,
      ]) {
        const res = await call('GET', url, h.cookie.expert);
        expect(res.statusCode, url).toBe(403);
      }
      // The organiser's results name experts by label only and hold no matrices of theirs.
      const results = await call('GET', `/questionnaires/${qid}/results`, h.cookie['risk-officer']);
      expect(results.body).not.toContain(JSON.stringify(num(E2.A)));
    });

    it('an auditor reads but cannot write', async () => {
      for (const url of [
        '/questionnaires',
        `/questionnaires/${qid}`,
        `/questionnaires/${qid}/progress`,
        `/questionnaires/${qid}/results`,
      ]) {
        const res = await call('GET', url, h.cookie.auditor);
        expect(res.statusCode, url).toBe(200);
      }
      const writes: [string, unknown][] = [
        ['/questionnaires', { kind: 'pairwise', title: 'x', criteria: INDICATORS.slice(0, 2) }],
        [`/questionnaires/${qid}/invitations`, { experts: [{ label: 'E9' }] }],
        [`/questionnaires/${qid}/close-round`, undefined],
        [`/questionnaires/${qid}/rounds`, undefined],
        [`/my/invitations/${inv1}/answers`, { matrices: E1 }],
      ];
      for (const [url, body] of writes) {
        const res = await call('POST', url, h.cookie.auditor, body);
        expect(res.statusCode, url).toBe(403);
      }
      for (const role of ['credit-officer', 'expert'] as const) {
        const res = await call('POST', '/questionnaires', h.cookie[role], {
          kind: 'pairwise',
          title: 'x',
          criteria: INDICATORS.slice(0, 2),
        });
        expect(res.statusCode, role).toBe(403);
      }
    });

    it('closing keeps the round’s statistics; then answers are refused and the audit log holds every step', async () => {
      const res = await call('POST', `/questionnaires/${qid}/close-round`, h.cookie['risk-officer']);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'closed', round: 1 });
      const again = await call('POST', `/questionnaires/${qid}/close-round`, h.cookie['risk-officer']);
      expect(again.statusCode).toBe(409);
      const next = await call('POST', `/questionnaires/${qid}/rounds`, h.cookie['risk-officer']);
      expect(next.statusCode).toBe(409);
      const late = await call('POST', `/q/${token1}/answers`, undefined, { matrices: E1 });
      expect(late.statusCode).toBe(409);
      const invite = await call('POST', `/questionnaires/${qid}/invitations`, h.cookie['risk-officer'], { experts: [{ label: 'E3' }] });
      expect(invite.statusCode).toBe(409);
      const audit = await call('GET', `/audit?entity=questionnaire&entityId=${qid}&limit=50`, h.cookie.auditor);
      const entries = audit.json() as { action: string; actor: string }[];
      expect(entries.map((e) => e.action).reverse()).toEqual(['create', 'invite', 'answer', 'answer', 'close-round']);
      expect(entries.find((e) => e.action === 'answer' && e.actor === 'expert-link:E1')).toBeDefined();
      expect(entries.find((e) => e.action === 'answer' && e.actor === 'expert-1')).toBeDefined();
      expect(audit.body).not.toContain(token1);
    });
  });

  describe('a Delphi questionnaire over two rounds', () => {
    let qid: string;
    let tokens: string[];

    it('is created from indicators with a scale, and three experts are invited', async () => {
      const res = await call('POST', '/questionnaires', h.cookie.admin, {
        kind: 'delphi',
        title: 'Screening',
        indicators: INDICATORS,
        scale: '1-5',
      });
      expect(res.statusCode, res.body).toBe(201);
      const q = res.json() as { id: string; scale: string; indicators: unknown[]; comparisons: unknown[] };
      expect(q).toMatchObject({ scale: '1-5', comparisons: [] });
      expect(q.indicators).toEqual(INDICATORS);
      qid = q.id;
      const inv = await call('POST', `/questionnaires/${qid}/invitations`, h.cookie.admin, {
        experts: [{ label: 'D1' }, { label: 'D2' }, { label: 'D3', userId: expert2Id }],
      });
      expect(inv.statusCode, inv.body).toBe(201);
      tokens = (inv.json() as { invitations: { token: string }[] }).invitations.map((i) => i.token);
    });

    it('round 1: no feedback yet; closing needs two answers', async () => {
      const v = await call('GET', `/q/${tokens[0]}`);
      expect(v.json()).toMatchObject({ feedback: null, answered: false });
      const r1 = await call('POST', `/q/${tokens[0]}/answers`, undefined, {
        scores: scoresOf(ROUND1[0] as number[]),
        authority: { ca: 0.9, cs: 0.7 },
      });
      expect(r1.statusCode, r1.body).toBe(201);
      const early = await call('POST', `/questionnaires/${qid}/close-round`, h.cookie.admin);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ detail: expect.stringContaining('at least 2') });
      expect((await call('POST', `/q/${tokens[1]}/answers`, undefined, { scores: scoresOf(ROUND1[1] as number[]) })).statusCode).toBe(201);
      // The open round's live statistics show once two answered.
      const live = await call('GET', `/questionnaires/${qid}/results`, h.cookie.admin);
      expect((live.json() as { rounds: { answered: number; statistics: unknown }[] }).rounds[0]).toMatchObject({ answered: 2 });
      const list = await call('GET', '/my/questionnaires', expert2Cookie);
      const [mine] = list.json() as { invitationId: string }[];
      const r3 = await call('POST', `/my/invitations/${mine?.invitationId}/answers`, expert2Cookie, {
        scores: scoresOf(ROUND1[2] as number[]),
        authority: { ca: 0.8, cs: 0.5 },
      });
      expect(r3.statusCode, r3.body).toBe(201);
    });

    it('closing round 1 keeps W and keep / discuss / delete equal to core', async () => {
      const res = await call('POST', `/questionnaires/${qid}/close-round`, h.cookie.admin);
      expect(res.statusCode, res.body).toBe(200);
      const r = (await call('GET', `/questionnaires/${qid}/results`, h.cookie.auditor)).json() as {
        kind: string;
        rounds: { round: number; closed: boolean; statistics: ReturnType<typeof delphiRound> }[];
      };
      expect(r.kind).toBe('delphi');
      const core = delphiRound(ROUND1, { scale: '1-5', indicators: INDICATORS.map((x) => x.code) });
      const s = r.rounds[0]?.statistics;
      expect(r.rounds[0]?.closed).toBe(true);
      expect(s?.kendallW).toBeCloseTo(core.kendallW, 12);
      expect(s?.p).toBeCloseTo(core.p, 12);
      expect(s?.indicators.map((x) => [x.indicator, x.decision])).toEqual(core.indicators.map((x) => [x.indicator, x.decision]));
      s?.indicators.forEach((x, k) => {
        expect(x.mean).toBeCloseTo(core.indicators[k]?.mean as number, 12);
        expect(x.cv).toBeCloseTo(core.indicators[k]?.cv as number, 12);
        expect(x.fullScoreFrequency).toBeCloseTo(core.indicators[k]?.fullScoreFrequency as number, 12);
      });
      expect(s?.counts).toEqual(core.counts);
      // The authority coefficient of the experts who gave Ca and Cs, as core computes it.
      const authority = (r.rounds[0] as unknown as { authority: { experts: { label: string; cr: number }[]; mean: number } }).authority;
      const coreAuthority = authorityCoefficient([
        { id: 'D1', ca: 0.9, cs: 0.7 },
        { id: 'D3', ca: 0.8, cs: 0.5 },
      ]);
      expect(authority.experts.map((e) => [e.label, e.cr])).toEqual(coreAuthority.experts.map((e) => [e.id, e.cr]));
      expect(authority.mean).toBeCloseTo(coreAuthority.mean, 12);
      const late = await call('POST', `/q/${tokens[0]}/answers`, undefined, { scores: scoresOf(ROUND1[0] as number[]) });
      expect(late.statusCode).toBe(409);
    });

    it('round 2: experts see round 1’s anonymous statistics and their own answer only', async () => {
      const open = await call('POST', `/questionnaires/${qid}/rounds`, h.cookie.admin);
      expect(open.statusCode, open.body).toBe(201);
      expect(open.json()).toMatchObject({ round: 2, status: 'open' });
      const twice = await call('POST', `/questionnaires/${qid}/rounds`, h.cookie.admin);
      expect(twice.statusCode).toBe(409);
      const v = await call('GET', `/q/${tokens[0]}`);
      const view = v.json() as {
        answered: boolean;
        feedback: { round: number; indicators: { indicator: string; mean: number; sd: number; fullScoreFrequency: number }[] };
        previousAnswers: { round: number; scores: Record<string, number> }[];
      };
      expect(view.answered).toBe(false);
      const core = delphiRound(ROUND1, { scale: '1-5', indicators: INDICATORS.map((x) => x.code) });
      expect(view.feedback.round).toBe(1);
      expect(view.feedback.indicators).toEqual(
        core.indicators.map(({ indicator, mean, sd, fullScoreFrequency }) => ({ indicator, mean, sd, fullScoreFrequency })),
      );
      expect(view.previousAnswers).toEqual([expect.objectContaining({ round: 1, scores: scoresOf(ROUND1[0] as number[]) })]);
      expect(JSON.stringify(view)).not.toContain(JSON.stringify(scoresOf(ROUND1[1] as number[])));
      expect(Object.keys(view)).not.toContain('answers');
    });

    it('closing round 2: statistics of the revised answers equal core’s', async () => {
      for (const [k, t] of tokens.entries()) {
        const res = await call('POST', `/q/${t}/answers`, undefined, { scores: scoresOf(ROUND2[k] as number[]) });
        expect(res.statusCode, res.body).toBe(201);
      }
      expect((await call('POST', `/questionnaires/${qid}/close-round`, h.cookie['risk-officer'])).statusCode).toBe(200);
      const r = (await call('GET', `/questionnaires/${qid}/results`, h.cookie.admin)).json() as {
        rounds: { round: number; statistics: ReturnType<typeof delphiRound> }[];
      };
      expect(r.rounds.map((x) => x.round)).toEqual([1, 2]);
      const core = delphiRound(ROUND2, { scale: '1-5', indicators: INDICATORS.map((x) => x.code) });
      expect(r.rounds[1]?.statistics.kendallW).toBeCloseTo(core.kendallW, 12);
      expect(r.rounds[1]?.statistics.indicators.map((x) => x.decision)).toEqual(core.indicators.map((x) => x.decision));
      const audit = (await call('GET', `/audit?entity=questionnaire&entityId=${qid}&limit=50`, h.cookie.admin)).json() as {
        action: string;
      }[];
      expect(audit.map((e) => e.action).reverse()).toEqual([
        'create',
        'invite',
        'answer',
        'answer',
        'answer',
        'close-round',
        'open-round',
        'answer',
        'answer',
        'answer',
        'close-round',
      ]);
    });
  });

  describe('every error rule', () => {
    let pq: string;
    let pToken: string;
    let dq: string;
    let dToken: string;

    beforeAll(async () => {
      pq = (await createPairwise()).id;
      pToken = (
        (await call('POST', `/questionnaires/${pq}/invitations`, h.cookie['risk-officer'], { experts: [{ label: 'P1' }] })).json() as {
          invitations: { token: string }[];
        }
      ).invitations[0]?.token as string;
      dq = (
        (
          await call('POST', '/questionnaires', h.cookie['risk-officer'], {
            kind: 'delphi',
            title: 'D',
            indicators: INDICATORS.slice(0, 3),
          })
        ).json() as {
          id: string;
        }
      ).id;
      dToken = (
        (await call('POST', `/questionnaires/${dq}/invitations`, h.cookie['risk-officer'], { experts: [{ label: 'Q1' }] })).json() as {
          invitations: { token: string }[];
        }
      ).invitations[0]?.token as string;
    });

    const CREATE_CASES: [string, unknown, string][] = [
      ['no kind', { title: 't', criteria: INDICATORS }, 'kind'],
      ['an unknown kind', { kind: 'survey', title: 't', criteria: INDICATORS }, 'kind'],
      ['no title', { kind: 'pairwise', criteria: INDICATORS }, 'title'],
      ['neither tree nor criteria', { kind: 'pairwise', title: 't' }, 'hierarchy'],
      ['both tree and criteria', { kind: 'pairwise', title: 't', hierarchy: TREE, criteria: INDICATORS }, 'hierarchy'],
      ['one criterion', { kind: 'pairwise', title: 't', criteria: INDICATORS.slice(0, 1) }, 'criteria'],
      ['a criterion code twice', { kind: 'pairwise', title: 't', criteria: [INDICATORS[0], INDICATORS[0]] }, 'criteria[1].code'],
      [
        'a tree with a code twice',
        { kind: 'pairwise', title: 't', hierarchy: { ...TREE, children: [TREE.children[1], TREE.children[1]] } },
        'hierarchy.children[1].code',
      ],
      [
        'a tree with nothing to compare',
        { kind: 'pairwise', title: 't', hierarchy: { code: 'G', name: 'g', children: [{ code: 'a', name: 'a' }] } },
        'hierarchy',
      ],
      [
        'more criteria than the RI table covers',
        { kind: 'pairwise', title: 't', criteria: Array.from({ length: 16 }, (_, k) => ({ code: `c${k}`, name: `c${k}` })) },
        'ri',
      ],
      ['an unknown priority method', { kind: 'pairwise', title: 't', criteria: INDICATORS, method: 'magic' }, 'method'],
      ['an unknown field', { kind: 'pairwise', title: 't', criteria: INDICATORS, colour: 'red' }, '(root)'],
      ['a Delphi scale that is not one', { kind: 'delphi', title: 't', indicators: INDICATORS, scale: '1-7' }, 'scale'],
      ['a Delphi questionnaire of one indicator', { kind: 'delphi', title: 't', indicators: INDICATORS.slice(0, 1) }, 'indicators'],
      [
        'a Delphi tree of one indicator',
        { kind: 'delphi', title: 't', hierarchy: { code: 'G', name: 'g', children: [{ code: 'a', name: 'a' }] } },
        'hierarchy',
      ],
    ];
    for (const [what, body, path] of CREATE_CASES) {
      it(`create: ${what} → 400 naming ${path}`, async () => {
        const res = await call('POST', '/questionnaires', h.cookie['risk-officer'], body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(paths(res)).toContain(path);
        if (path === '(root)') expect(res.body).toContain('colour');
      });
    }

    it('invite: a label twice → 400; a label taken, an unknown user, a user who is not an expert, a user twice → 409 naming the field', async () => {
      const url = `/questionnaires/${pq}/invitations`;
      let res = await call('POST', url, h.cookie['risk-officer'], { experts: [{ label: 'X' }, { label: 'X' }] });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['experts[1].label']);
      res = await call('POST', url, h.cookie['risk-officer'], { experts: [] });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['experts']);
      res = await call('POST', url, h.cookie['risk-officer'], { experts: [{ label: 'Z', weight: -1 }] });
      expect(paths(res)).toEqual(['experts[0].weight']);
      res = await call('POST', url, h.cookie['risk-officer'], {
        experts: [{ label: 'P1' }, { label: 'N1', userId: NO_ID }, { label: 'N2', userId: h.userId.auditor }],
      });
      expect(res.statusCode).toBe(409);
      expect(paths(res)).toEqual(['experts[0].label', 'experts[1].userId', 'experts[2].userId']);
      // Nothing of a refused batch is kept.
      expect(((await call('GET', `/questionnaires/${pq}/progress`, h.cookie['risk-officer'])).json() as { invited: number }).invited).toBe(
        1,
      );
      expect((await call('POST', url, h.cookie['risk-officer'], { experts: [{ label: 'U1', userId: expert2Id }] })).statusCode).toBe(201);
      res = await call('POST', url, h.cookie['risk-officer'], { experts: [{ label: 'U2', userId: expert2Id }] });
      expect(res.statusCode).toBe(409);
      expect(paths(res)).toEqual(['experts[0].userId']);
      expect(
        (await call('POST', `/questionnaires/${NO_ID}/invitations`, h.cookie['risk-officer'], { experts: [{ label: 'a' }] })).statusCode,
      ).toBe(404);
    });

    it('an unknown or malformed token is the same 404 on every link route', async () => {
      const bodies = new Set<string>();
      for (const t of ['nope', 'A'.repeat(43), `${pToken}x`, pToken.slice(0, 42)]) {
        for (const [method, suffix, payload] of [
          ['GET', '', undefined],
          ['POST', '/answers', { matrices: E1 }],
          ['POST', '/check', { matrices: { B: E1.B } }],
        ] as const) {
          const res = await call(method, `/q/${encodeURIComponent(t)}${suffix}`, undefined, payload);
          expect(res.statusCode, `${method} ${suffix}`).toBe(404);
          const { detail, errors } = res.json() as { detail: string; errors?: unknown };
          bodies.add(JSON.stringify({ detail, errors }));
        }
      }
      expect(bodies.size).toBe(1);
    });

    const PAIRWISE_CASES: [string, unknown, string[]][] = [
      ['no matrices', {}, ['matrices']],
      ['scores on a pairwise questionnaire', { matrices: E1, scores: { A: 1 } }, ['scores']],
      ['an authority coefficient on a pairwise questionnaire', { matrices: E1, authority: { ca: 1, cs: 1 } }, ['authority']],
      ['a node missing', { matrices: { G: E1.G, A: E1.A } }, ['matrices.B']],
      ['an unknown node', { matrices: { ...E1, Z: E1.B } }, ['matrices.Z']],
      ['a matrix of the wrong size', { matrices: { ...E1, B: E1.A } }, ['matrices.B']],
      [
        'a ragged matrix',
        {
          matrices: {
            ...E1,
            A: [
              [1, 2, 4],
              ['1/2', 1],
              ['1/4', '1/2', 1],
            ],
          },
        },
        ['matrices.A[1]'],
      ],
      [
        'a non-reciprocal pair',
        {
          matrices: {
            ...E1,
            B: [
              [1, 3],
              [3, 1],
            ],
          },
        },
        ['matrices.B[1][0]'],
      ],
      [
        'a judgment above 9',
        {
          matrices: {
            ...E1,
            B: [
              [1, 12],
              ['1/12', 1],
            ],
          },
        },
        ['matrices.B[0][1]', 'matrices.B[1][0]'],
      ],
      [
        'a negative judgment',
        {
          matrices: {
            ...E1,
            B: [
              [1, -2],
              [-0.5, 1],
            ],
          },
        },
        ['matrices.B[0][1]', 'matrices.B[1][0]'],
      ],
      [
        'a diagonal that is not 1',
        {
          matrices: {
            ...E1,
            B: [
              [2, 3],
              ['1/3', 1],
            ],
          },
        },
        ['matrices.B[0][0]'],
      ],
      [
        'a cell that is not a number',
        {
          matrices: {
            ...E1,
            B: [
              [1, 'three'],
              ['1/3', 1],
            ],
          },
        },
        ['matrices.B[0][1]'],
      ],
    ];
    for (const [what, body, expected] of PAIRWISE_CASES) {
      it(`pairwise answers: ${what} → 400 naming ${expected.join(', ')}; nothing stored`, async () => {
        const res = await call('POST', `/q/${pToken}/answers`, undefined, body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        for (const p of expected) expect(paths(res)).toContain(p);
        const v = await call('GET', `/q/${pToken}`);
        expect(v.json()).toMatchObject({ answered: false });
      });
    }

    it('check: bad matrices are 400 naming the cell; a Delphi questionnaire has no check', async () => {
      let res = await call('POST', `/q/${pToken}/check`, undefined, {
        matrices: {
          B: [
            [1, 3],
            [3, 1],
          ],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(paths(res)).toEqual(['matrices.B[1][0]']);
      res = await call('POST', `/q/${pToken}/check`, undefined, { matrices: { Q: E1.B } });
      expect(paths(res)).toEqual(['matrices.Q']);
      res = await call('POST', `/q/${pToken}/check`, undefined, {});
      expect(paths(res)).toEqual(['matrices']);
      res = await call('POST', `/q/${dToken}/check`, undefined, { matrices: { B: E1.B } });
      expect(res.statusCode).toBe(400);
    });

    const DELPHI_CASES: [string, unknown, string[]][] = [
      ['no scores', {}, ['scores']],
      ['matrices on a Delphi questionnaire', { matrices: E1, scores: { X1: 3, X2: 3, X3: 3 } }, ['matrices']],
      ['a score off the scale', { scores: { X1: 3, X2: 4, X3: 3 } }, ['scores.X2']],
      ['a score above the scale', { scores: { X1: 3, X2: 3, X3: 7 } }, ['scores.X3']],
      ['an indicator missing', { scores: { X1: 3, X2: 3 } }, ['scores.X3']],
      ['an unknown indicator', { scores: { X1: 3, X2: 3, X3: 3, X9: 1 } }, ['scores.X9']],
      ['a score that is not a number', { scores: { X1: 3, X2: '3', X3: 3 } }, ['scores.X2']],
      ['a familiarity above 1', { scores: { X1: 3, X2: 3, X3: 3 }, authority: { ca: 0.5, cs: 1.5 } }, ['authority.cs']],
      ['an authority without Ca', { scores: { X1: 3, X2: 3, X3: 3 }, authority: { cs: 0.5 } }, ['authority.ca']],
    ];
    for (const [what, body, expected] of DELPHI_CASES) {
      it(`Delphi answers: ${what} → 400 naming ${expected.join(', ')}`, async () => {
        const res = await call('POST', `/q/${dToken}/answers`, undefined, body);
        expect(res.statusCode, res.body).toBe(400);
        for (const p of expected) expect(paths(res)).toContain(p);
      });
    }

    it('rounds: a pairwise questionnaire without answers does not close; it has no second round; unknown ids are 404', async () => {
      expect((await call('POST', `/questionnaires/${pq}/close-round`, h.cookie['risk-officer'])).statusCode).toBe(409);
      expect((await call('POST', `/questionnaires/${pq}/rounds`, h.cookie['risk-officer'])).statusCode).toBe(409);
      expect((await call('POST', `/questionnaires/${dq}/rounds`, h.cookie['risk-officer'])).statusCode).toBe(409);
      for (const url of [`/questionnaires/${NO_ID}`, `/questionnaires/${NO_ID}/progress`, `/questionnaires/${NO_ID}/results`]) {
        expect((await call('GET', url, h.cookie['risk-officer'])).statusCode, url).toBe(404);
      }
      for (const url of [`/questionnaires/${NO_ID}/close-round`, `/questionnaires/${NO_ID}/rounds`]) {
        expect((await call('POST', url, h.cookie['risk-officer'])).statusCode, url).toBe(404);
      }
      expect((await call('GET', '/questionnaires/not-a-uuid', h.cookie['risk-officer'])).statusCode).toBe(400);
      expect((await call('GET', `/questionnaires/${pq}/results?aggregation=median`, h.cookie['risk-officer'])).statusCode).toBe(400);
    });

    it('two answers at once by one expert: one is stored, the other is 409', async () => {
      const body = { scores: { X1: 5, X2: 3, X3: 1 } };
      const codes = (await Promise.all([0, 1, 2].map(() => call('POST', `/q/${dToken}/answers`, undefined, body)))).map(
        (r) => r.statusCode,
      );
      expect(codes.sort()).toEqual([201, 409, 409]);
      const p = (await call('GET', `/questionnaires/${dq}/progress`, h.cookie['risk-officer'])).json() as { answered: number };
      expect(p.answered).toBe(1);
    });

    it('answers are append-only in the database', async () => {
      const res = await call('POST', `/q/${pToken}/answers`, undefined, { matrices: E1 });
      expect(res.statusCode).toBe(201);
      await expect(h.store.raw.query('UPDATE questionnaire_answers SET round = 9')).rejects.toThrow(/append-only/);
      await expect(h.store.raw.query('DELETE FROM questionnaire_answers')).rejects.toThrow(/append-only/);
    });
  });
});
