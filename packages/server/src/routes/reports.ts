/**
 * The study report of a study run: `GET /reports/study-runs/:id` renders the self-contained HTML
 * report (packages/report's `studyReportHtml`, the report `scf-risk run --out` writes) of a
 * succeeded `study-run` job from its stored input and result — nothing is computed again but the
 * study's resolution (shipped templates) the report names its indicators from.
 */
import { parseStudy, resolveStudy, type StudyResult, ValidationError } from '@scf-risk/core';
import { studyReportHtml } from '@scf-risk/report/html';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getJob } from '../jobs/job-records.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { idParams, problemSchema, problems } from '../schemas.ts';

/** A stored study-run input resolves without files (the job refused them at submission). */
const noFiles = (): never => {
  throw new ValidationError([{ path: [], message: 'the server reads no files' }]);
};

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/study-runs/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'The HTML report of a succeeded study-run job (text/html, self-contained)',
        params: idParams,
        querystring: z.strictObject({
          lang: z.enum(['en', 'zh', 'zh-Hant']).optional().describe('language of the report (default: the study’s, else en)'),
        }),
        produces: ['text/html'],
        response: { 200: z.string().describe('the HTML report'), ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await getJob(app.store, request.params.id);
      if (job.kind !== 'study-run') throw notFound('study run', request.params.id);
      if (job.status !== 'succeeded')
        throw new HttpProblem(409, 'Conflict', `the study run is ${job.status}: a report needs a succeeded run`, [
          { path: ['id'], message: `the study run is ${job.status}`, allowed: 'a succeeded study-run job' },
        ]);
      const input = job.input as { study: unknown };
      const study = parseStudy(await resolveStudy(input.study, { table: noFiles, judgments: noFiles, delphiAnswers: noFiles }));
      const html = studyReportHtml(study, job.result as StudyResult, request.query.lang ?? study.lang ?? 'en');
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `inline; filename="study-${job.id}.html"`)
        .serializer((s: unknown) => s as string)
        .send(html);
    },
  );
};
export default plugin;
