/**
 * Models as versioned data: create a new immutable version (its content checked by its kind,
 * services/model-content.ts), read, activate one per product and kind.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MODEL_KINDS } from '../db/schema.ts';
import { idParams, idSchema, pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { activateModelVersion, createModelVersion, getModel, listModels } from '../services/models.ts';

const modelSchema = z.object({
  id: z.string(),
  kind: z.enum(MODEL_KINDS),
  productId: z.string(),
  version: z.number().int(),
  content: z.unknown(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  active: z.boolean(),
});

const newModel = z.strictObject({
  kind: z.enum(MODEL_KINDS).describe('what the content is'),
  productId: idSchema.describe('the financing product it serves'),
  content: z
    .unknown()
    .refine((v) => v !== undefined, 'is required')
    .describe(
      'checked by its kind (422 naming content.<path>): indicator-system: the tree format of scf-risk hierarchy; study: a study file, its tree inline; weights: {code: weight}, summing to 1; scoring-rule: the evaluation model (method, rules, grades, thresholds, limit tiers, tree classes); credit-tree: a model file of scf-risk tree train',
    ),
  note: z.string().max(2000).optional().describe('why this version'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/model-versions',
    {
      schema: {
        tags: ['models'],
        summary: 'Model versions (newest first per product and kind)',
        querystring: z.strictObject({ productId: idSchema.optional(), kind: z.enum(MODEL_KINDS).optional(), ...pageQuery }),
        response: { 200: z.array(modelSchema), ...problems },
      },
    },
    (request) => listModels(app.store, request.query),
  );
  app.get(
    '/model-versions/:id',
    { schema: { tags: ['models'], summary: 'One model version', params: idParams, response: { 200: modelSchema, ...problems } } },
    (request) => getModel(app.store, request.params.id),
  );
  app.post(
    '/model-versions',
    { schema: { tags: ['models'], summary: 'Store a new immutable version', body: newModel, response: { 201: modelSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createModelVersion(actorOf(app, request), request.body)),
  );
  app.post(
    '/model-versions/:id/activate',
    {
      schema: {
        tags: ['models'],
        summary: 'Make this version the active one of its product and kind',
        params: idParams,
        response: { 200: modelSchema, ...problems },
      },
    },
    (request) => activateModelVersion(actorOf(app, request), request.params.id),
  );
};
export default plugin;
