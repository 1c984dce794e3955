/** Sign-in and sign-out: a session cookie (HttpOnly, SameSite=Lax) after an argon2 password check. */
import { messageText } from '@scf-risk/report';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type RouteOptions, SESSION_COOKIE } from '../app.ts';
import { HttpProblem } from '../problem.ts';
import { problems } from '../schemas.ts';
import { englishOf } from '../services/texts.ts';
import { login, logout } from '../services/users.ts';
import { userSchema } from './users.ts';

const loginBody = z.strictObject({
  username: z.string().min(1).max(64).describe('user name'),
  password: z.string().min(1).max(256).describe('password'),
});

const plugin: FastifyPluginAsyncZod<RouteOptions> = async (app, opts) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie',
        security: [],
        body: loginBody,
        response: { 200: userSchema, ...problems },
      },
      // Password guessing: a tighter limit than the rest of the API.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const session = await login({ store: app.store, requestId: String(request.id) }, request.body.username, request.body.password);
      if (!session) {
        const text = messageText('auth.wrong-password');
        throw new HttpProblem(401, 'Unauthorized', englishOf(text), [], text);
      }
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookie,
        expires: session.expiresAt,
      });
      return session.user;
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      const user = request.user;
      if (user && request.sessionToken) {
        await logout(
          { store: app.store, requestId: String(request.id), actor: { id: user.id, username: user.username, role: user.role } },
          request.sessionToken,
        );
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: userSchema, ...problems } } },
    async (request) => {
      return request.user as NonNullable<typeof request.user>;
    },
  );
};
export default plugin;
