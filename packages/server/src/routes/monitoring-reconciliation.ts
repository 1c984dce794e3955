/**
 * Three-way reconciliation (SPEC §6.9): import orders, shipments and payments (JSON rows, CSV text,
 * or one XLSX workbook in base64 with the sheets orders / shipments / payments); the mismatches.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateSchema, idSchema, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { importReconciliation, listMismatches, recordsFromCsv } from '../services/monitoring/reconciliation.ts';
import { recordsFromWorkbook } from '../services/monitoring/reconciliation-xlsx.ts';

const record = z.strictObject({
  id: z.string().min(1).max(200),
  tradeId: z.string().min(1).max(200),
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('integer minor units'),
  date: dateSchema,
});
const tolerances = z
  .strictObject({
    amount: z.number().int().min(0).optional(),
    share: z.number().min(0).lt(1).optional(),
    dateDays: z.number().int().min(0).optional(),
    shipWithinDays: z.number().int().min(0).optional(),
    payWithinDays: z.number().int().min(0).optional(),
  })
  .optional();
const body = z.union([
  z.strictObject({ format: z.literal('json'), orders: z.array(record), shipments: z.array(record), payments: z.array(record), tolerances }),
  z.strictObject({
    format: z.literal('csv'),
    orders: z.string().describe('CSV text: id,tradeId,amount,date'),
    shipments: z.string(),
    payments: z.string(),
    tolerances,
  }),
  z.strictObject({
    format: z.literal('xlsx'),
    workbook: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/\r\n]+={0,2}\s*$/, 'the workbook file in base64')
      .describe('the .xlsx file in base64: sheets orders, shipments, payments with id, tradeId, amount (yuan) or amountMinor, date'),
    tolerances,
  }),
]);

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/reconciliation/import',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Match orders, shipments / warehouse receipts and payments by trade id; every mismatch an alert',
        body,
        response: { 201: z.looseObject({ importId: z.string(), trades: z.array(z.unknown()) }), ...problems },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const input =
        b.format === 'json'
          ? b
          : b.format === 'xlsx'
            ? await recordsFromWorkbook(Buffer.from(b.workbook, 'base64'))
            : {
                orders: recordsFromCsv('orders', b.orders),
                shipments: recordsFromCsv('shipments', b.shipments),
                payments: recordsFromCsv('payments', b.payments),
              };
      return reply.code(201).send(await importReconciliation(actorOf(app, request), { ...input, tolerances: b.tolerances }));
    },
  );
  app.get(
    '/reconciliation/mismatches',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The mismatches of an import (default: the latest)',
        querystring: z.strictObject({ importId: idSchema.optional(), ...pageQuery }),
        response: {
          200: z.object({ importId: z.string().nullable(), mismatches: z.array(z.looseObject({ tradeId: z.string(), type: z.string() })) }),
          ...problems,
        },
      },
    },
    (request) => listMismatches(app, request.query),
  );
};
export default plugin;
