/** Loans with their repayment schedule, repayments and collateral (read). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOAN_STATUSES } from '../db/schema.ts';
import { idParams, idSchema, moneyOut, pageQuery, problems } from '../schemas.ts';
import { getLoan, listLoans } from '../services/book.ts';

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
});

const loanDetail = loanSchema.extend({
  schedule: z.array(z.object({ seq: z.number(), dueOn: z.string(), principal: moneyOut, interest: moneyOut })),
  repayments: z.array(z.object({ id: z.string(), paidOn: z.string(), amount: moneyOut, source: z.string() })),
  collateral: z.array(
    z.object({
      id: z.string(),
      commodity: z.string(),
      quantity: z.string(),
      unit: z.string(),
      haircut: z.string(),
      warehouseReceipt: z.string().nullable(),
    }),
  ),
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
};
export default plugin;
