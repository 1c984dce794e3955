/** Financing products: receivables, inventory / warehouse-receipt pledge, prepayment (confirming warehouse), e-order. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRODUCT_KINDS } from '../db/schema.ts';
import { currencySchema, idParams, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createProduct, getProduct, listProducts } from '../services/book.ts';

const productSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  name: z.string(),
  currency: z.string(),
  createdAt: z.string(),
});

const newProduct = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-", at most 64')
    .describe('short code, e.g. ar-steel'),
  kind: z.enum(PRODUCT_KINDS),
  name: z.string().trim().min(1).max(200),
  currency: currencySchema,
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/products',
    { schema: { tags: ['book'], summary: 'Financing products', response: { 200: z.array(productSchema), ...problems } } },
    () => listProducts(app.store),
  );
  app.get(
    '/products/:id',
    { schema: { tags: ['book'], summary: 'One financing product', params: idParams, response: { 200: productSchema, ...problems } } },
    (request) => getProduct(app.store, request.params.id),
  );
  app.post(
    '/products',
    { schema: { tags: ['book'], summary: 'Define a financing product', body: newProduct, response: { 201: productSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createProduct(actorOf(app, request), request.body)),
  );
};
export default plugin;
