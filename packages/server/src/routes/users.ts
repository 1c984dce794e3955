/** Users (admin only): list, read, create with a role and a password (stored as an argon2id hash). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../db/schema.ts';
import { idParams, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { createUser, getUser, listUsers } from '../services/users.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
});

const newUser = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 characters: lower-case letters, digits, ".", "_", "-"')
    .describe('sign-in name'),
  displayName: z.string().min(1).max(200),
  role: z.enum(ROLES).describe('admin, risk-officer, credit-officer, expert or auditor'),
  password: z.string().min(12, 'at least 12 characters').max(256).describe('at least 12 characters'),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { schema: { tags: ['users'], summary: 'All users', response: { 200: z.array(userSchema), ...problems } } }, () =>
    listUsers(app.store),
  );
  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userSchema, ...problems } } },
    (request) => getUser(app.store, request.params.id),
  );
  app.post(
    '/users',
    { schema: { tags: ['users'], summary: 'Create a user', body: newUser, response: { 201: userSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createUser(actorOf(app, request), request.body)),
  );
};
export default plugin;
