/**
 * Long work as jobs: `POST /jobs` submits `{kind, input}` (the input checked by the kind's schema:
 * 400 naming `input.…`; an unknown kind: 400 naming `kind`) and answers 202 with the queued job;
 * `GET /jobs`, `GET /jobs/:id` show status, progress, result or problem; `POST /jobs/:id/cancel`
 * cancels a queued job at once and a running one at its next checkpoint.
 */
import { parseWith, ValidationError } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JOB_STATUSES } from '../db/schema.ts';
import '../jobs/kinds/index.ts';
import { cancelJob, getJob, insertJob, listJobs } from '../jobs/job-records.ts';
import { jobKind, jobKindNames } from '../jobs/registry.ts';
import { HttpProblem } from '../problem.ts';
import { idParams, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { messageTextSchema } from '../services/texts.ts';

const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.object({
    fraction: z.number().describe('0..1'),
    message: z.string().nullable().describe('in English'),
    text: messageTextSchema.optional().describe('the message as a catalogue code with parameters'),
  }),
  cancelRequested: z.boolean(),
  submittedBy: z.object({ id: z.string().nullable(), username: z.string() }),
  worker: z.string().nullable().describe('the server process that ran it'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
  problem: z.unknown().describe('why it failed (problem document), or null'),
  input: z.unknown().optional(),
  result: z.unknown().optional().describe('the result once succeeded, else null'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Submit a job',
        description: `Kinds: ${jobKindNames()
          .map((k) => `\`${k}\`: ${jobKind(k)?.summary}`)
          .join('; ')}.`,
        body: z.strictObject({
          kind: z
            .string()
            .min(1)
            .describe(`the job kind: ${jobKindNames().join(', ')}`),
          input: z.unknown().describe("the kind's input document"),
        }),
        response: { 202: jobSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { kind, input } = request.body;
      const handler = jobKind(kind);
      if (!handler)
        throw new HttpProblem(400, 'Bad Request', `no job kind ${JSON.stringify(kind)}`, [
          { path: ['kind'], message: `unknown job kind "${kind}"`, allowed: jobKindNames().join(', ') },
        ]);
      try {
        const parsed = parseWith(handler.input, input);
        if (handler.check) await handler.check(parsed);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const issues = e.at('input').issues;
        throw new HttpProblem(400, 'Bad Request', `invalid input of a ${kind} job: ${issues.length} problem(s)`, issues);
      }
      const job = await insertJob(actorOf(app, request), kind, input);
      await app.jobs.enqueue(job.id);
      return reply.code(202).header('location', `/jobs/${job.id}`).send(job);
    },
  );
  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Jobs, newest first (without input and result)',
        querystring: z.strictObject({ status: z.enum(JOB_STATUSES).optional(), kind: z.string().optional(), ...pageQuery }),
        response: { 200: z.array(jobSchema), ...problems },
      },
    },
    (request) => listJobs(app.store, request.query),
  );
  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job: status, progress, result or problem',
        params: idParams,
        response: { 200: jobSchema, ...problems },
      },
    },
    (request) => getJob(app.store, request.params.id),
  );
  app.post(
    '/jobs/:id/cancel',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a job (queued: at once; running: at its next safe point)',
        params: idParams,
        response: { 200: jobSchema, ...problems, 409: problems[422] },
      },
    },
    async (request) => {
      const job = await cancelJob(actorOf(app, request), request.params.id);
      app.jobs.cancelLocal(job.id);
      return job;
    },
  );
};
export default plugin;
