/** Supply-chain links: buyer ↔ seller, since when, how often they trade, the annual volume. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LINK_FREQUENCIES } from '../db/schema.ts';
import { currencySchema, dateSchema, idParams, idSchema, minorSchema, moneyOut, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createLink, getLink, listLinks } from '../services/book.ts';

const linkSchema = z.object({
  id: z.string(),
  buyerId: z.string(),
  sellerId: z.string(),
  since: z.string(),
  frequency: z.enum(LINK_FREQUENCIES),
  annualVolume: moneyOut,
  createdAt: z.string(),
});

const newLink = z.strictObject({
  buyerId: idSchema.describe('the buying enterprise'),
  sellerId: idSchema.describe('the selling enterprise'),
  since: dateSchema.describe('first trade, YYYY-MM-DD'),
  frequency: z.enum(LINK_FREQUENCIES),
  annualVolume: z.strictObject({ minor: minorSchema.refine((v) => v >= 0n, 'must not be negative'), currency: currencySchema }),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/links',
    {
      schema: {
        tags: ['book'],
        summary: 'Supply-chain links (of one enterprise, as buyer or seller)',
        querystring: z.strictObject({ enterpriseId: idSchema.optional(), ...pageQuery }),
        response: { 200: z.array(linkSchema), ...problems },
      },
    },
    (request) => listLinks(app.store, request.query),
  );
  app.get(
    '/links/:id',
    { schema: { tags: ['book'], summary: 'One link', params: idParams, response: { 200: linkSchema, ...problems } } },
    (request) => getLink(app.store, request.params.id),
  );
  app.post(
    '/links',
    { schema: { tags: ['book'], summary: 'Record a supply-chain link', body: newLink, response: { 201: linkSchema, ...problems } } },
    async (request, reply) => {
      const { annualVolume, ...rest } = request.body;
      const out = await createLink(actorOf(app, request), {
        ...rest,
        annualVolumeMinor: annualVolume.minor,
        currency: annualVolume.currency,
      });
      return reply.code(201).send(out);
    },
  );
};
export default plugin;
