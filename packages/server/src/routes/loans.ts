/**
 * Loans with their repayment schedule, repayments and collateral: read; disburse (from an approved
 * application or directly, the schedule generated exactly in minor units); record repayments and
 * pledge collateral.
 */
import { SCHEDULE_KINDS } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_SOURCES, LOAN_STATUSES } from '../db/schema.ts';
import { currencySchema, dateSchema, idParams, idSchema, minorSchema, moneyOut, pageQuery, problemSchema, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { addCollateral, addRepayment, createLoan, getLoan, listLoans } from '../services/book.ts';

const loanSchema = z.object({
  id: z.string(),
  applicationId: z.string().nullable(),
  enterpriseId: z.string(),
  productId: z.string(),
  principal: moneyOut,
  annualRate: z.string().describe('decimal string, e.g. "0.045000"'),
  termMonths: z.number(),
  disbursedOn: z.string(),
  maturityOn: z.string(),
  status: z.enum(LOAN_STATUSES),
  scheduleKind: z.enum(SCHEDULE_KINDS).nullable().describe('how the schedule was generated (null: loaded with the loan)'),
});

const repaymentSchema = z.object({ id: z.string(), paidOn: z.string(), amount: moneyOut, source: z.string() });
const collateralSchema = z.object({
  id: z.string(),
  commodity: z.string(),
  quantity: z.string(),
  unit: z.string(),
  haircut: z.string(),
  warehouseReceipt: z.string().nullable(),
});

const loanDetail = loanSchema.extend({
  schedule: z.array(z.object({ seq: z.number(), dueOn: z.string(), principal: moneyOut, interest: moneyOut })),
  repayments: z.array(repaymentSchema),
  collateral: z.array(collateralSchema),
});

const newLoan = z
  .strictObject({
    applicationId: idSchema.optional().describe('the approved application lent on (its enterprise, product and limit apply)'),
    enterpriseId: idSchema.optional().describe('the borrower (required without applicationId)'),
    productId: idSchema.optional().describe('the product (required without applicationId)'),
    principal: z.strictObject({ minor: minorSchema.refine((v) => v > 0n, 'must be above 0'), currency: currencySchema }),
    annualRate: z
      .string()
      .regex(/^0(\.\d{1,6})?$/, 'a decimal string in [0, 1) with at most 6 decimals, e.g. "0.0435"')
      .describe('annual rate as a decimal string (exact), e.g. "0.0435"'),
    termMonths: z.number().int().min(1).max(360).describe('term in months, 1–360'),
    disbursedOn: dateSchema.describe('disbursement date, YYYY-MM-DD'),
    schedule: z.enum(SCHEDULE_KINDS).describe('equal-instalment (annuity), equal-principal, or bullet (all at maturity)'),
  })
  .superRefine((b, ctx) => {
    if (b.applicationId !== undefined) return;
    for (const field of ['enterpriseId', 'productId'] as const)
      if (b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required without applicationId' });
  });

const newRepayment = z.strictObject({
  amount: z.strictObject({ minor: minorSchema.refine((v) => v > 0n, 'must be above 0'), currency: currencySchema }),
  paidOn: dateSchema.describe('value date of the payment'),
  source: z.enum(EVENT_SOURCES).default('bank').describe('who reported it'),
});

const newCollateral = z.strictObject({
  commodity: z.string().trim().min(1).max(100).describe('e.g. copper, rebar'),
  quantity: z
    .string()
    .regex(/^\d{1,16}(\.\d{1,4})?$/, 'a decimal string with at most 16 digits and 4 decimals')
    .refine((q) => /[1-9]/.test(q), 'must be above 0')
    .describe('quantity as a decimal string, e.g. "1200.5"'),
  unit: z.string().trim().min(1).max(20).describe('e.g. t, kg'),
  haircut: z
    .string()
    .regex(/^0(\.\d{1,4})?$/, 'a decimal string in [0, 1) with at most 4 decimals, e.g. "0.3"')
    .describe('the share of the value not lent on'),
  warehouseReceipt: z.string().trim().min(1).max(100).optional().describe('the warehouse receipt number'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/loans',
    {
      schema: {
        tags: ['book'],
        summary: 'Loans, newest first',
        querystring: z.strictObject({
          enterpriseId: idSchema.optional(),
          productId: idSchema.optional(),
          status: z.enum(LOAN_STATUSES).optional(),
          ...pageQuery,
        }),
        response: { 200: z.array(loanSchema), ...problems },
      },
    },
    (request) => listLoans(app.store, request.query),
  );
  app.get(
    '/loans/:id',
    {
      schema: {
        tags: ['book'],
        summary: 'One loan: schedule, repayments, collateral',
        params: idParams,
        response: { 200: loanDetail, ...problems },
      },
    },
    (request) => getLoan(app.store, request.params.id),
  );
  app.post(
    '/loans',
    {
      schema: {
        tags: ['book'],
        summary: 'Disburse a loan; its schedule is generated (exact minor units, remainder on the last instalment)',
        body: newLoan,
        response: { 201: loanDetail, ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { principal, ...rest } = request.body;
      const out = await createLoan(actorOf(app, request), { ...rest, principalMinor: principal.minor, currency: principal.currency });
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/loans/:id/repayments',
    {
      schema: {
        tags: ['book'],
        summary: 'Record a repayment (allocated penalty → fees → interest → principal, oldest instalment first)',
        params: idParams,
        body: newRepayment,
        response: {
          201: repaymentSchema.extend({
            loan: z.object({
              id: z.string(),
              status: z.enum(LOAN_STATUSES),
              asOf: z.string(),
              outstandingPrincipal: moneyOut,
              outstandingTotal: moneyOut,
              excess: moneyOut,
            }),
          }),
          ...problems,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { amount, ...rest } = request.body;
      const out = await addRepayment(actorOf(app, request), request.params.id, {
        ...rest,
        amountMinor: amount.minor,
        currency: amount.currency,
      });
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/loans/:id/collateral',
    {
      schema: {
        tags: ['book'],
        summary: 'Pledge collateral to a loan',
        params: idParams,
        body: newCollateral,
        response: { 201: collateralSchema.extend({ loanId: z.string() }), ...problems, 409: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await addCollateral(actorOf(app, request), request.params.id, request.body)),
  );
};
export default plugin;
