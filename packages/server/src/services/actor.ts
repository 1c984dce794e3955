/** The service context of a request: its store, its signed-in user and its id. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from './context.ts';

export function actorOf(app: FastifyInstance, request: FastifyRequest): ServiceContext {
  const u = request.user;
  if (!u) throw new Error('no signed-in user on a route that needs one (check the permission matrix)');
  return { store: app.store, actor: { id: u.id, username: u.username, role: u.role }, requestId: String(request.id) };
}
