/**
 * The web workbench (packages/web, built by Vite to packages/web/dist) served by the API server:
 * its files under `/` (@fastify/static; the API routes keep priority, being more specific than the
 * wildcard) and `index.html` for every client-side route under `/app/` (a page reloaded or opened
 * from a link). An expert's questionnaire link (`/q/<token>`, as invitations hand it out) opened in
 * a browser — a navigation that accepts text/html — is redirected to its page `/app/q/<token>`;
 * the API answers the same path with JSON to everyone else. Registered only when the built
 * directory exists: the API runs without it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the built workbench is: packages/web/dist (the same from src/ and from dist/). */
export const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/** The URL patterns of the workbench's files: public, outside the permission matrix. */
export const WEB_ROUTES = ['/', '/*', '/app', '/app/*'] as const;

/** Is `dir` a built workbench (it holds index.html)? */
export function isWebDist(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Serve the workbench from `root` (see the module comment). */
export async function registerWeb(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: resolve(root),
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    cacheControl: false, // the headers below instead of the plugin's max-age=0
    // Vite names assets by content hash: cache them for a year; index.html is re-read each time.
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  const page = (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/app', { schema: { hide: true } }, page);
  app.get('/app/*', { schema: { hide: true } }, page);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !(request.headers.accept ?? '').includes('text/html')) return;
    const [path, query] = request.url.split('?', 2) as [string, string | undefined];
    if (/^\/q\/[^/]+$/.test(path)) return reply.redirect(`/app${path}${query === undefined ? '' : `?${query}`}`);
  });
}
