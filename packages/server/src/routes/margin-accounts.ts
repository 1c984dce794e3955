/**
 * Mark-to-market margin accounts (SPEC §6.5): list, open one for a loan, replace its terms and
 * transaction-index parameters. Thin: the service checks them with core and audits.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateSchema, idParams, idSchema, minorSchema, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createMarginAccount, listMarginAccounts, updateMarginAccount } from '../services/monitoring/margin-accounts.ts';

const rate = z.number().gt(0).max(1);
const terms = z
  .strictObject({
    initialRate: rate.describe('initial margin as a share of the exposure, e.g. 0.2'),
    maintenanceRate: rate.describe('maintenance margin, at most the initial rate, e.g. 0.15'),
    deadlineDays: z.number().int().min(0).max(365).describe('days to meet a call'),
    defaultAfterDays: z.number().int().min(0).max(3650).describe('days after the freeze until a default event'),
    multiplierMin: z.number().gt(0).max(1).optional().describe('lower bound of the index multiplier (default 0.5)'),
    multiplierMax: z.number().min(1).max(100).optional().describe('upper bound of the index multiplier (default 3)'),
  })
  .describe('the margin terms');
const share = z.number().min(0).max(1);
const indexParameters = z
  .strictObject({
    weights: z.strictObject({ volume: share, timeliness: share, returns: share }).describe('summing to 1'),
    smoothing: z.number().gt(0).max(1).describe("EWMA weight of today's composite"),
    baseline: z.strictObject({
      volume: z.number().int().gt(0).max(Number.MAX_SAFE_INTEGER).describe('daily volume at the grant, minor units'),
      onTimeShare: share,
      returnShare: share,
    }),
  })
  .describe('the transaction index: weights, smoothing, the baseline at the grant (index 100)');

const accountSchema = z.object({
  id: z.string(),
  loanId: z.string(),
  openedOn: z.string(),
  cashMinor: z.string(),
  collateralMinor: z.string(),
  terms: z.object(terms.shape),
  indexParameters: z.object(indexParameters.shape),
  createdAt: z.string(),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/margin-accounts',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Margin accounts, newest first (optionally of one loan)',
        querystring: z.strictObject({ loanId: idSchema.optional(), ...pageQuery }),
        response: { 200: z.array(accountSchema), ...problems },
      },
    },
    (request) => listMarginAccounts(app, request.query),
  );
  app.post(
    '/margin-accounts',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Open a margin account for a loan: cash and collateral posted, terms and index parameters as data',
        body: z.strictObject({
          loanId: idSchema,
          openedOn: dateSchema,
          cashMinor: minorSchema.refine((v) => v >= 0n, 'not negative').default(0n),
          collateralMinor: minorSchema.refine((v) => v >= 0n, 'not negative').default(0n),
          terms,
          indexParameters,
        }),
        response: { 201: accountSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createMarginAccount(actorOf(app, request), request.body)),
  );
  app.put(
    '/margin-accounts/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Replace an account’s terms and index parameters (the runs from then on use them); audited',
        params: idParams,
        body: z.strictObject({ terms, indexParameters }),
        response: { 200: accountSchema, ...problems },
      },
    },
    (request) => updateMarginAccount(actorOf(app, request), request.params.id, request.body),
  );
};
export default plugin;
