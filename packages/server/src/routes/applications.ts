/**
 * Pre-loan (SPEC §6.2): applications, their evaluation with the product's active models (score,
 * contributions, credit-tree path, recommendation, limit), the reproduction of an evaluation from
 * its recorded versions, and the decision (one per application).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../db/schema.ts';
import { currencySchema, dateSchema, idParams, idSchema, minorSchema, moneyOut, pageQuery, problemSchema, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import {
  createApplication,
  decideApplication,
  evaluateApplication,
  getApplication,
  getEvaluation,
  listApplications,
  reproduceEvaluation,
} from '../services/preloan.ts';

const applicationSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  productId: z.string(),
  coreEnterpriseId: z.string().nullable(),
  amount: moneyOut,
  termMonths: z.number(),
  indicators: z.record(z.string(), z.number()),
  status: z.enum(APPLICATION_STATUSES),
  submittedOn: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

const evaluationSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  models: z
    .object({ scoringRule: z.string(), weights: z.string().nullable(), creditTree: z.string().nullable() })
    .describe('the model versions used'),
  score: z.number(),
  recommendation: z.enum(['approve', 'review', 'decline']),
  creditLimit: moneyOut,
  explanation: z.unknown().describe('grade, contributions per indicator, tree class and path, reasons, how the limit was set'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

const decisionSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  evaluationId: z.string(),
  decision: z.enum(['approve', 'decline']),
  creditLimit: moneyOut,
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

const positiveMoney = z.strictObject({ minor: minorSchema.refine((v) => v > 0n, 'must be above 0'), currency: currencySchema });

const newApplication = z.strictObject({
  enterpriseId: idSchema.describe('the applicant'),
  productId: idSchema.describe('the financing product'),
  coreEnterpriseId: idSchema.optional().describe('the core enterprise of the chain the financing rests on'),
  amount: positiveMoney.describe('the amount applied for'),
  termMonths: z.number().int().min(1).max(360).describe('term in months, 1–360'),
  indicators: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an indicator code: a letter or digit, then up to 63 letters, digits, ".", "_", "-"'),
      z.number().finite(),
    )
    .refine((r) => Object.keys(r).length <= 500, 'at most 500 indicators')
    .describe("the applicant's indicator values by code (raw values, or 1–7 scores)"),
  submittedOn: dateSchema.optional().describe('default: today'),
});

const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  reason: z.string().trim().min(1, 'give a reason').max(2000),
  limit: z
    .strictObject({ minor: minorSchema.refine((v) => v >= 0n, 'must not be negative'), currency: currencySchema })
    .optional()
    .describe('the approved limit (default: the evaluation’s); 0 or absent for a decline'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/applications',
    {
      schema: {
        tags: ['pre-loan'],
        summary: 'Applications, newest first',
        querystring: z.strictObject({
          enterpriseId: idSchema.optional(),
          productId: idSchema.optional(),
          status: z.enum(APPLICATION_STATUSES).optional(),
          ...pageQuery,
        }),
        response: { 200: z.array(applicationSchema), ...problems },
      },
    },
    (request) => listApplications(app.store, request.query),
  );
  app.get(
    '/applications/:id',
    {
      schema: {
        tags: ['pre-loan'],
        summary: 'One application with its evaluations and decision',
        params: idParams,
        response: {
          200: applicationSchema.extend({ evaluations: z.array(evaluationSchema), decision: decisionSchema.nullable() }),
          ...problems,
        },
      },
    },
    (request) => getApplication(app.store, request.params.id),
  );
  app.post(
    '/applications',
    {
      schema: {
        tags: ['pre-loan'],
        summary: 'Record an application',
        body: newApplication,
        response: { 201: applicationSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { amount, ...rest } = request.body;
      const out = await createApplication(actorOf(app, request), { ...rest, amountMinor: amount.minor, currency: amount.currency });
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/applications/:id/evaluate',
    {
      schema: {
        tags: ['pre-loan'],
        summary: "Evaluate with the product's active models: score, contributions, tree path, recommendation, limit",
        params: idParams,
        response: { 201: evaluationSchema, ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await evaluateApplication(actorOf(app, request), request.params.id)),
  );
  app.post(
    '/applications/:id/decision',
    {
      schema: {
        tags: ['pre-loan'],
        summary: 'Decide (one decision per application; a second is 409)',
        params: idParams,
        body: decisionBody,
        response: { 201: decisionSchema, ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await decideApplication(actorOf(app, request), request.params.id, request.body)),
  );
  app.get(
    '/evaluations/:id',
    { schema: { tags: ['pre-loan'], summary: 'One evaluation', params: idParams, response: { 200: evaluationSchema, ...problems } } },
    (request) => getEvaluation(app.store, request.params.id),
  );
  app.get(
    '/evaluations/:id/reproduce',
    {
      schema: {
        tags: ['pre-loan'],
        summary: 'Re-run an evaluation from its recorded model versions and inputs (writes nothing)',
        params: idParams,
        response: {
          200: z.object({
            evaluation: evaluationSchema,
            reproduced: z.object({
              score: z.number(),
              recommendation: z.enum(['approve', 'review', 'decline']),
              creditLimit: moneyOut,
              explanation: z.unknown(),
            }),
            identical: z.boolean(),
          }),
          ...problems,
          409: problemSchema,
        },
      },
    },
    (request) => reproduceEvaluation(app.store, request.params.id),
  );
};
export default plugin;
