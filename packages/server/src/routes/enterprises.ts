/** Enterprises of the supply chains: core firms, SME suppliers and distributors, logistics, platforms, banks. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTERPRISE_KINDS } from '../db/schema.ts';
import { idParams, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createEnterprise, getEnterprise, listEnterprises } from '../services/book.ts';

export const enterpriseSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ENTERPRISE_KINDS),
  industry: z.string(),
  region: z.string().nullable(),
  creditCode: z.string().nullable(),
  createdAt: z.string(),
});

const newEnterprise = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('registered name'),
  kind: z.enum(ENTERPRISE_KINDS).describe('role in the supply chain'),
  industry: z.string().trim().min(1).max(100).describe('industry, e.g. steel, electronics, retail'),
  region: z.string().max(100).optional(),
  creditCode: z
    .string()
    .regex(/^[0-9A-Z]{18}$/, '18 characters: digits and capital letters')
    .optional()
    .describe('unified social credit code'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/enterprises',
    {
      schema: {
        tags: ['book'],
        summary: 'Enterprises, by name',
        querystring: z.strictObject({ kind: z.enum(ENTERPRISE_KINDS).optional(), industry: z.string().max(100).optional(), ...pageQuery }),
        response: { 200: z.array(enterpriseSchema), ...problems },
      },
    },
    (request) => listEnterprises(app.store, request.query),
  );
  app.get(
    '/enterprises/:id',
    { schema: { tags: ['book'], summary: 'One enterprise', params: idParams, response: { 200: enterpriseSchema, ...problems } } },
    (request) => getEnterprise(app.store, request.params.id),
  );
  app.post(
    '/enterprises',
    {
      schema: { tags: ['book'], summary: 'Register an enterprise', body: newEnterprise, response: { 201: enterpriseSchema, ...problems } },
    },
    async (request, reply) => reply.code(201).send(await createEnterprise(actorOf(app, request), request.body)),
  );
};
export default plugin;
