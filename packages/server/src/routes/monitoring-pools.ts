/** Stop-loss pools (SPEC §6.6): create, list, one pool with its state and every transition. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createPool, getPool, listPools } from '../services/monitoring/pools.ts';

const poolSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  maxNplRatio: z.number(),
  members: z.array(z.string()),
  status: z.enum(['open', 'stopped', 'recovering']),
  asOf: z.string().nullable(),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pools',
    { schema: { tags: ['monitoring'], summary: 'Stop-loss pools with their state', response: { 200: z.array(poolSchema), ...problems } } },
    () => listPools(app),
  );
  app.get(
    '/pools/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'One pool: state, figures, the pre-loan decision, every transition',
        params: idParams,
        response: {
          200: poolSchema.extend({
            transitions: z.array(z.looseObject({ asOf: z.string(), from: z.string(), to: z.string(), reason: z.string() })),
          }),
          ...problems,
        },
      },
    },
    (request) => getPool(app, request.params.id),
  );
  app.post(
    '/pools',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'A stop-loss pool with its maximum NPL ratio and its SMEs',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          maxNplRatio: z.number().gt(0).lt(1).describe('the stop-loss point, e.g. 0.05'),
          members: z.array(idSchema).max(10_000).default([]),
        }),
        response: { 201: z.looseObject({ id: z.string() }), ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createPool(actorOf(app, request), request.body)),
  );
};
export default plugin;
