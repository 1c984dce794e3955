/** The audit log (read): who changed what, when, before and after. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, problems } from '../schemas.ts';
import { listAudit } from '../services/audit.ts';

const entrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first',
        querystring: z.strictObject({ entity: z.string().max(64).optional(), entityId: z.string().max(64).optional(), ...pageQuery }),
        response: { 200: z.array(entrySchema), ...problems },
      },
    },
    (request) => listAudit(app.store, request.query),
  );
};
export default plugin;
