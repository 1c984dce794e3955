/**
 * Jobs on both databases (in-process queue on PGlite, pg-boss on PostgreSQL), through HTTP on a
 * real store: submit → result equal to core's, progress seen while a job runs, cancel (queued: at
 * once; running: at its next checkpoint), bad kind or input → 400 naming the field with nothing
 * queued, and a shutdown that puts a running job back in the queue for the next start.
 */
import { readFileSync } from 'node:fs';
import { METHOD_RUNNERS, resolveStudy, runStudy, trainTree, treeModelFile, validateTreeOn } from '@scf-risk/core';
import { parseInputText, readLoanHistory, textFile } from '@scf-risk/io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { registerJobKind } from '../src/jobs/registry.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness, waitFor } from './harness.ts';

const root = new URL('../../../examples/', import.meta.url);
const example = (path: string) => parseInputText(readFileSync(new URL(path, root), 'utf8'), path).data;

/**
 * A test kind whose steps wait for the test: `release()` lets the running job take one step (a
 * release before the job waits is kept for its next wait).
 */
const gates: (() => void)[] = [];
let released = 0;
function release(): void {
  const gate = gates.shift();
  if (gate) gate();
  else released++;
}
async function gate(): Promise<void> {
  if (released > 0) released--;
  else await new Promise<void>((resolve) => gates.push(resolve));
}
registerJobKind('test-gated', {
  summary: 'steps that wait for the test',
  input: z.strictObject({ steps: z.number().int().min(1).max(10) }),
  async run({ steps }, ctx) {
    for (let k = 0; k < steps; k++) {
      await ctx.progress(k / steps, `step ${k + 1} of ${steps}`);
      await gate();
      await ctx.checkpoint();
    }
    return { steps };
  },
});

describeEachBackend('jobs', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  }, 60_000);

  const submit = (kind: string, input: unknown, role: 'admin' | 'credit-officer' = 'credit-officer') =>
    h.app.inject({ method: 'POST', url: '/jobs', headers: { cookie: h.cookie[role] }, payload: { kind, input } });
  const job = async (id: string) => (await h.app.inject({ url: `/jobs/${id}`, headers: { cookie: h.cookie.auditor } })).json();
  const until = (id: string, ok: (j: any) => boolean, what: string, tries?: number) =>
    waitFor(
      what,
      async () => {
        const j = await job(id);
        return ok(j) ? j : undefined;
      },
      tries,
    );
  const finished = (id: string) => until(id, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), `job ${id} to end`);

  it('a portfolio evaluation runs each document with the method runner: the result equals core’s', async () => {
    const documents = [
      { input: example('ahp/drinks.yaml') },
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
      { input: example('evaluation/platforms.yaml') },
    ];
    const res = await submit('portfolio-evaluation', { method: 'ahp', documents: documents.slice(0, 2) });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(res.headers.location).toBe(`/jobs/${queued.id}`);
    expect(queued).toMatchObject({ kind: 'portfolio-evaluation', submittedBy: { username: 'credit-officer-1' } });
    const done = await finished(queued.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toEqual({
      fraction: 1,
      message: '2 of 2 documents',
      text: { code: 'job.portfolio.documents', params: { done: 2, total: 2 } },
    });
    expect(done.result).toEqual(
      JSON.parse(JSON.stringify({ method: 'ahp', results: documents.slice(0, 2).map((d) => METHOD_RUNNERS.ahp(d.input, d.options)) })),
    );
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    const topsis = await finished((await submit('portfolio-evaluation', { method: 'topsis', documents: [documents[2]] })).json().id);
    expect(topsis.result.results[0]).toEqual(JSON.parse(JSON.stringify(METHOD_RUNNERS.topsis(documents[2]?.input))));
  });

  it('a tree validation gives core’s figures for an inline tree and a stored version; an unknown version fails the job', async () => {
    const lines = readFileSync(new URL('loan-history-small.csv', root), 'utf8').trimEnd().split('\n');
    const trainCsv = `${lines.slice(0, 701).join('\n')}\n`;
    const loansCsv = `${[lines[0], ...lines.slice(701)].join('\n')}\n`;
    const trained = await readLoanHistory(textFile('train.csv', trainCsv), { target: 'days overdue', kinds: {} });
    const model = treeModelFile(trainTree(trained.dataset, { algorithm: 'cart', maxDepth: 4, minLeaf: 20 }), trained.labelling);
    const loans = await readLoanHistory(textFile('loans.csv', loansCsv), {
      target: 'days overdue',
      targetKind: 'days',
      ...(model.labelling.cutoffs ? { cutoffs: model.labelling.cutoffs } : {}),
      kinds: Object.fromEntries(model.attributes.map((a) => [a.name, a.kind])),
    });
    const expected = validateTreeOn(model, loans.dataset);
    expect(expected.rows).toBe(300);
    expect(expected.positiveClass).toBe('high risk');
    expect(expected.auc).toBeGreaterThan(0.6);
    expect(expected.report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(300);

    const inline = await finished((await submit('tree-validation', { model, csv: loansCsv })).json().id);
    expect(inline.status).toBe('succeeded');
    const figures = JSON.parse(JSON.stringify(expected));
    expect(inline.result).toEqual({
      modelVersionId: null,
      algorithm: 'cart',
      labelling: JSON.parse(JSON.stringify(model.labelling)),
      ...figures,
    });
    expect(inline.result.gini).toBeCloseTo(2 * inline.result.auc - 1, 12);

    const admin = { cookie: h.cookie.admin };
    const product = (
      await h.app.inject({
        method: 'POST',
        url: '/products',
        headers: admin,
        payload: { code: `tv-${backend.name}`, kind: 'receivables', name: 'Tree validation', currency: 'CNY' },
      })
    ).json();
    const version = await h.app.inject({
      method: 'POST',
      url: '/model-versions',
      headers: admin,
      payload: { kind: 'credit-tree', productId: product.id, content: model },
    });
    expect(version.statusCode).toBe(201);
    const stored = await finished((await submit('tree-validation', { modelVersionId: version.json().id, csv: loansCsv })).json().id);
    expect(stored.result).toEqual({ ...inline.result, modelVersionId: version.json().id });

    const missing = await submit('tree-validation', { modelVersionId: '00000000-0000-4000-8000-000000000000', csv: loansCsv });
    expect(missing.statusCode).toBe(202);
    const failed = await finished(missing.json().id);
    expect(failed.status).toBe('failed');
    expect(failed.result).toBeNull();
    expect(failed.problem.errors[0].path).toBe('modelVersionId');
  });

  it('a study run gives the study runner’s result; a tree training the model `tree train` writes', async () => {
    const study = example('studies/ztmg-gra.yaml');
    const s = await finished((await submit('study-run', { study }, 'admin')).json().id);
    expect(s.status).toBe('succeeded');
    const noFiles = () => {
      throw new Error('no files');
    };
    const resolved = await resolveStudy(study, { table: noFiles, judgments: noFiles, delphiAnswers: noFiles });
    expect(s.result).toEqual(JSON.parse(JSON.stringify(runStudy(resolved))));
    expect(s.result.checks.length).toBeGreaterThan(0);

    const csv = readFileSync(new URL('loan-history-small.csv', root), 'utf8');
    const t = await finished(
      (await submit('tree-training', { csv, target: 'days overdue', algorithm: 'cart', maxDepth: 3, minLeaf: 20 })).json().id,
    );
    expect(t.status).toBe('succeeded');
    const loaded = await readLoanHistory(textFile('loan-history.csv', csv), { target: 'days overdue', kinds: {} });
    const model = trainTree(loaded.dataset, { algorithm: 'cart', maxDepth: 3, minLeaf: 20 });
    expect(t.result.model).toEqual(JSON.parse(JSON.stringify(treeModelFile(model, loaded.labelling))));
    expect(t.result.rules.length).toBe(model.diagnostics.leaves);
  });

  it('progress is seen while a job runs; cancel stops a queued job at once and a running one at its checkpoint', async () => {
    const running = (await submit('test-gated', { steps: 3 })).json();
    await until(running.id, (j) => j.status === 'running' && j.progress.message === 'step 1 of 3', 'step 1');
    const queued = (await submit('test-gated', { steps: 1 })).json();
    expect((await job(queued.id)).status).toBe('queued');

    release();
    const step2 = await until(running.id, (j) => j.progress.message === 'step 2 of 3', 'step 2');
    expect(step2.progress.fraction).toBeCloseTo(1 / 3, 12);
    expect(step2.status).toBe('running');

    const c1 = await h.app.inject({ method: 'POST', url: `/jobs/${queued.id}/cancel`, headers: { cookie: h.cookie['risk-officer'] } });
    expect(c1.statusCode).toBe(200);
    expect(c1.json()).toMatchObject({ status: 'cancelled', cancelRequested: true });
    const c2 = await h.app.inject({ method: 'POST', url: `/jobs/${running.id}/cancel`, headers: { cookie: h.cookie['risk-officer'] } });
    expect(c2.json()).toMatchObject({ status: 'running', cancelRequested: true });
    release(); // the job reaches its checkpoint
    const ended = await finished(running.id);
    expect(ended).toMatchObject({ status: 'cancelled', result: null });
    expect(ended.progress.message).toBe('step 2 of 3');
    expect((await job(queued.id)).startedAt).toBeNull(); // never ran
    const again = await h.app.inject({ method: 'POST', url: `/jobs/${running.id}/cancel`, headers: { cookie: h.cookie.admin } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const audit = await h.app.inject({ url: `/audit?entity=job&entityId=${running.id}`, headers: { cookie: h.cookie.auditor } });
    expect(audit.json().map((a: { action: string }) => a.action)).toEqual(['cancel', 'create']);
  });

  it('bad kind or input: 400 problem+json naming the field, nothing queued', async () => {
    const count = async () => (await h.app.inject({ url: '/jobs?limit=500', headers: { cookie: h.cookie.admin } })).json().length;
    const before = await count();
    const cases: { kind: unknown; input: unknown; path: string }[] = [
      { kind: 'no-such-kind', input: {}, path: 'kind' },
      { kind: 7, input: {}, path: 'kind' },
      { kind: 'portfolio-evaluation', input: { method: 'nope', documents: [] }, path: 'input.method' },
      { kind: 'portfolio-evaluation', input: { method: 'ahp', documents: [] }, path: 'input.documents' },
      {
        kind: 'portfolio-evaluation',
        input: { method: 'ahp', documents: [{ input: { matrix: 'x' } }] },
        path: 'input.documents[0].input.matrix',
      },
      {
        kind: 'portfolio-evaluation',
        input: { method: 'ahp', documents: [{ input: { matrix: [[1]] }, options: { method: 'x' } }] },
        path: 'input.documents[0].options.method',
      },
      { kind: 'study-run', input: { study: { title: 'x' } }, path: 'input.study' },
      { kind: 'study-run', input: {}, path: 'input.study' },
      { kind: 'study-run', input: { study: { title: 'x', hierarchy: { template: 'nope' } } }, path: 'input.study.hierarchy.template' },
      { kind: 'tree-training', input: { csv: 'a,b\n1,2\n' }, path: 'input.target' },
      { kind: 'tree-training', input: { csv: 'a,b\n1,2\n', target: 'b', algorithm: 'forest' }, path: 'input.algorithm' },
      {
        kind: 'portfolio-evaluation',
        input: { method: 'ahp', documents: [{ input: { matrix: [[1, 2]] } }] },
        path: 'input.documents[0].input.matrix',
      },
      {
        kind: 'portfolio-evaluation',
        input: {
          method: 'ahp',
          documents: [
            { input: { matrix: [[1]] } },
            {
              input: {
                matrix: [
                  [1, 3],
                  [3, 1],
                ],
              },
              options: { uncertainty: 10 },
            },
          ],
        },
        path: 'input.documents[1].input.matrix',
      },
      { kind: 'tree-training', input: { csv: 'a,b\n1,x\n2,y\n', target: 'class' }, path: 'input.target' },
      {
        kind: 'tree-training',
        input: { csv: 'a,days\n1,0\n2,95\n', target: 'days', cutoffs: { lower: 30, medium: 90, high: 60 } },
        path: 'input.cutoffs.high',
      },
      { kind: 'tree-training', input: { csv: 'a,class\n', target: 'class' }, path: 'input.csv' },
      { kind: 'tree-validation', input: { csv: 'a,b\n1,2\n' }, path: 'input.modelVersionId' },
      { kind: 'tree-validation', input: { model: { format: 'scf-risk-tree', version: 1 }, csv: 'a,b\n1,2\n' }, path: 'input.model' },
      { kind: 'tree-validation', input: { modelVersionId: 'x', csv: 'a,b\n1,2\n' }, path: 'input.modelVersionId' },
      { kind: 'test-gated', input: { steps: 0 }, path: 'input.steps' },
    ];
    for (const c of cases) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/jobs',
        headers: { cookie: h.cookie.admin },
        payload: { kind: c.kind, input: c.input },
      });
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      expect(
        paths.some((p: string) => p.startsWith(c.path)),
        `${JSON.stringify(c)} → ${paths}`,
      ).toBe(true);
    }
    const unknownKind = await submit('no-such-kind', {});
    expect(unknownKind.json().errors[0].allowed).toContain('portfolio-evaluation');
    const missing = await h.app.inject({ url: '/jobs/00000000-0000-4000-8000-000000000000', headers: { cookie: h.cookie.admin } });
    expect(missing.statusCode).toBe(404);
    expect(await count()).toBe(before);
    const auditor = await submit('test-gated', { steps: 1 }, 'auditor' as 'admin');
    expect(auditor.statusCode).toBe(403);
  });

  it('an over-long id in the URL is a 414 and a malformed URL a 400, both problem+json', async () => {
    const long = await h.app.inject({ method: 'POST', url: `/jobs/${'x'.repeat(300)}/cancel`, headers: { cookie: h.cookie.admin } });
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json()).toMatchObject({ status: 414, title: 'URI Too Long', instance: expect.stringContaining('/jobs/') });
    const bad = await h.app.inject({ method: 'GET', url: '/jobs/%E0%A4%A', headers: { cookie: h.cookie.admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('closing the app stops a running job at its checkpoint and puts it back; the next start runs it', async () => {
    const app = await buildApp({ store: h.store, logger: false });
    await app.ready();
    const j = (
      await app.inject({
        method: 'POST',
        url: '/jobs',
        headers: { cookie: h.cookie.admin },
        payload: { kind: 'test-gated', input: { steps: 2 } },
      })
    ).json();
    await until(j.id, (x) => x.status === 'running' && x.worker === app.jobs.worker, 'the job to run in the second app');
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 50));
    release(); // its next checkpoint sees the shutdown
    await closing;
    const back = await job(j.id);
    expect(back.worker).not.toBe(app.jobs.worker); // the closed app let go of it
    // On PostgreSQL another worker on the database (the harness's app) may have taken it already.
    if (back.status === 'queued') expect(back).toMatchObject({ startedAt: null, worker: null, progress: { fraction: 0, message: null } });
    else expect([backend.name, back.status]).toEqual(['postgres', 'running']);

    const next = await buildApp({ store: h.store, logger: false });
    await next.ready();
    try {
      // On PostgreSQL any worker on the database may take it again (the harness's app too).
      await until(j.id, (x) => x.status === 'running' && x.worker !== app.jobs.worker, 'the job to run again', 1_200);
      release();
      await until(j.id, (x) => x.progress.message === 'step 2 of 2', 'step 2');
      release();
      const done = await finished(j.id);
      expect(done).toMatchObject({ status: 'succeeded', result: { steps: 2 } });
    } finally {
      await next.close();
    }
  });
});
