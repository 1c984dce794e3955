/**
 * Post-loan monitoring (SPEC §6.3–§6.10): the daily runs, NPL by group with history, a loan's
 * classification history and analyst overrides, margin calls, contagion from an enterprise, and
 * stress scenarios. Thin: a schema beside each handler, the services do the work.
 */
import { DEBTRANK_RULES, LOAN_CATEGORIES } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateSchema, idParams, idSchema, moneyOut, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { classificationHistory, overrideClassification } from '../services/monitoring/classification.ts';
import { contagionFrom } from '../services/monitoring/contagion.ts';
import { listRuns, runDailyMonitoring } from '../services/monitoring/daily-run.ts';
import { listMarginCalls } from '../services/monitoring/margin.ts';
import { nplBy } from '../services/monitoring/npl.ts';
import { stressTest } from '../services/monitoring/stress.ts';
// Registers the monitoring-daily-run job kind with the queue.
import '../services/monitoring/job.ts';

const runSchema = z.object({
  asOf: z.string(),
  status: z.enum(['succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  counts: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  runBy: z.string(),
  runs: z.number(),
  mode: z.enum(['full', 'incremental']).describe('incremental: only the loans that may have moved since the previous run were recomputed'),
  recomputedLoans: z.number().nullable(),
});

const nplGroup = z.object({
  group: z.string(),
  loans: z.number(),
  balanceMinor: z.string(),
  nplBalanceMinor: z.string(),
  ratio: z.number().nullable(),
  byCategoryMinor: z.record(z.string(), z.string()),
});

const categorySchema = z.enum(LOAN_CATEGORIES);

const stressScenarioSchema = z.strictObject({
  name: z.string().max(200).optional(),
  commodityShocks: z
    .record(z.string(), z.number().min(-100).max(1000))
    .optional()
    .describe('commodity → price change in per cent (−30 = down 30 %)'),
  coreDefaults: z.array(idSchema).optional().describe('core enterprises that default'),
  industryDowngrades: z
    .array(
      z.strictObject({
        industry: z.string().min(1),
        rule: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('at-least'), category: categorySchema }),
          z.strictObject({ kind: z.literal('notches'), notches: z.number().int().min(1).max(4) }),
        ]),
        distress: z.number().min(0).max(1).optional(),
      }),
    )
    .optional(),
  contagion: z
    .strictObject({
      rule: z.enum(DEBTRANK_RULES).optional(),
      distressBands: z.array(z.strictObject({ minDistress: z.number().gt(0).max(1), category: categorySchema })).optional(),
      atRiskThreshold: z.number().min(0).max(1).optional(),
    })
    .optional(),
});

const stressSide = z.looseObject({
  balanceMinor: z.number(),
  nplBalanceMinor: z.number(),
  nplRatio: z.number().nullable(),
  collateralCalls: z.number(),
  liquidations: z.number(),
  marginCalls: z.number(),
  exposureAtRiskMinor: z.number(),
  expectedLossMinor: z.number(),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/monitoring/runs',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Run the daily monitoring for a date (one transaction; running a date again replaces its figures)',
        body: z.strictObject({
          asOf: dateSchema,
          full: z.boolean().default(false).describe('recompute every loan, not only those that may have moved since the previous run'),
        }),
        response: {
          200: z.object({
            run: runSchema,
            ran: z.boolean(),
            problems: z.array(z.object({ subject: z.string(), date: z.string(), message: z.string() })),
          }),
          ...problems,
        },
      },
    },
    (request) => runDailyMonitoring(actorOf(app, request), request.body.asOf, { full: request.body.full }),
  );
  app.get(
    '/monitoring/runs',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Monitoring runs, newest date first',
        querystring: z.strictObject(pageQuery),
        response: { 200: z.array(runSchema), ...problems },
      },
    },
    (request) => listRuns(app, request.query),
  );
  app.get(
    '/monitoring/npl',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'NPL balance and ratio by group as of a date (default: the latest run), with each group’s history',
        querystring: z.strictObject({
          asOf: dateSchema.optional(),
          by: z.enum(['total', 'product', 'pool', 'core', 'industry']).default('total'),
          historyDays: z.coerce.number().int().min(1).max(3660).default(90),
        }),
        response: {
          200: z.object({
            by: z.string(),
            asOf: z.string().nullable(),
            groups: z.array(nplGroup),
            history: z.array(nplGroup.extend({ asOf: z.string() })),
          }),
          ...problems,
        },
      },
    },
    (request) => nplBy(app, request.query),
  );
  app.get(
    '/loans/:id/classification',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'A loan’s five-category classification per run date, and the analysts’ overrides',
        params: idParams,
        response: {
          200: z.object({
            loanId: z.string(),
            history: z.array(
              z.object({
                asOf: z.string(),
                category: categorySchema,
                floor: categorySchema,
                basis: z.enum(['days', 'override', 'borrower']),
                pastDueDays: z.number(),
                delinquentDays: z.number(),
                overdue: z.object({ principal: moneyOut, interest: moneyOut, fees: moneyOut, penalty: moneyOut }),
                balance: moneyOut,
                overrideId: z.string().nullable(),
              }),
            ),
            overrides: z.array(
              z.object({
                id: z.string(),
                effectiveOn: z.string(),
                category: categorySchema,
                floor: categorySchema,
                reason: z.string(),
                decidedBy: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    (request) => classificationHistory(app, request.params.id),
  );
  app.post(
    '/loans/:id/classification/override',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Classify a loan worse than its day floor from a date, with a reason (never better: 422)',
        params: idParams,
        body: z.strictObject({ category: categorySchema, reason: z.string().trim().min(1).max(2000), effectiveOn: dateSchema }),
        response: { 201: z.object({ override: z.looseObject({ id: z.string() }), replayedDates: z.array(z.string()) }), ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await overrideClassification(actorOf(app, request), request.params.id, request.body)),
  );
  app.get(
    '/monitoring/margin-calls',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Margin calls as of a date (default: the latest run), each with its inputs, deadline and escalation',
        querystring: z.strictObject({
          asOf: dateSchema.optional(),
          status: z.enum(['open', 'met', 'frozen', 'defaulted']).optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({ asOf: z.string().nullable(), calls: z.array(z.looseObject({ id: z.string(), status: z.string() })) }),
          ...problems,
        },
      },
    },
    (request) => listMarginCalls(app, request.query),
  );
  app.get(
    '/monitoring/contagion',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'DebtRank from an enterprise’s default (shock 1) or downgrade (shock < 1) over the supply-chain graph',
        querystring: z.strictObject({
          from: idSchema,
          rule: z.enum(DEBTRANK_RULES).default('differential'),
          shock: z.coerce.number().gt(0).max(1).default(1),
          asOf: dateSchema.optional(),
        }),
        response: { 200: z.looseObject({ spectralRadius: z.number(), atRisk: z.array(z.looseObject({ id: z.string() })) }), ...problems },
      },
    },
    (request) => contagionFrom(app, request.query),
  );
  app.post(
    '/monitoring/stress',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'A stress scenario on a copy of the book: projected NPL ratio, calls and exposure at risk beside the baseline',
        body: z.strictObject({ asOf: dateSchema, scenario: stressScenarioSchema }),
        response: {
          200: z.object({
            asOf: z.string(),
            scenario: z.unknown(),
            baseline: stressSide,
            stressed: stressSide,
            changes: z.looseObject({}),
          }),
          ...problems,
        },
      },
    },
    (request) => stressTest(app, request.body.asOf, request.body.scenario),
  );
};
export default plugin;
