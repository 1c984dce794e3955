/**
 * The HTTP application: `buildApp({ store, logger })` returns a Fastify instance (not listening)
 * with zod validation and serialisation (fastify-type-provider-zod over core's schemas), the
 * OpenAPI 3.1 document at /docs/json and Swagger UI at /docs, problem+json errors, sessions by
 * cookie, the permission matrix, a body size limit and a rate limit. Plugins external → app →
 * routes, as fastify/demo.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { parseWith, ValidationError } from '@scf-risk/core';
import { messageText } from '@scf-risk/report';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { checkBodyDepth } from './body-depth.ts';
import type { Role } from './db/schema.ts';
import type { Store } from './db/store.ts';
import { createJobQueue } from './jobs/queue.ts';
import { accessOf, allowed, isDocsRoute, isStaticRoute } from './permissions.ts';
import { errorHandler, sendProblem } from './problem.ts';
import applicationRoutes from './routes/applications.ts';
import auditRoutes from './routes/audit.ts';
import authRoutes from './routes/auth.ts';
import bookSummaryRoutes from './routes/book-summary.ts';
import enterpriseRoutes from './routes/enterprises.ts';
import healthRoutes from './routes/health.ts';
import jobRoutes from './routes/jobs.ts';
import linkRoutes from './routes/links.ts';
import loanRoutes from './routes/loans.ts';
import marginAccountRoutes from './routes/margin-accounts.ts';
import methodRoutes from './routes/methods.ts';
import modelVersionRoutes from './routes/model-versions.ts';
import monitoringRoutes from './routes/monitoring.ts';
import monitoringAlertRoutes from './routes/monitoring-alerts.ts';
import monitoringPoolRoutes from './routes/monitoring-pools.ts';
import monitoringReconciliationRoutes from './routes/monitoring-reconciliation.ts';
import monitoringSettingsRoutes from './routes/monitoring-settings.ts';
import productRoutes from './routes/products.ts';
import questionnaireRoutes from './routes/questionnaires.ts';
import reportRoutes from './routes/reports.ts';
import templateRoutes from './routes/templates.ts';
import userRoutes from './routes/users.ts';
import { createMonitoringScheduler, type MonitoringSchedule } from './services/monitoring/schedule.ts';
import { englishOf } from './services/texts.ts';
import { type UserView, userOfSession } from './services/users.ts';
import { DEFAULT_WEB_DIST, isWebDist, registerWeb } from './web.ts';

export const SESSION_COOKIE = 'scf_session';

export interface AppOptions {
  store: Store;
  /** Pino options, a logger instance, or false (default: false). */
  logger?: boolean | FastifyServerOptions['logger'] | FastifyBaseLogger;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Requests per minute per client address; false disables (default 1,200). */
  rateLimit?: { max: number; timeWindow?: number | string } | false;
  /** Mark the session cookie Secure (behind HTTPS; default false). */
  secureCookie?: boolean;
  /** PostgreSQL: seconds without a heartbeat after which a running job counts as abandoned (default 600). */
  jobStaleSeconds?: number | undefined;
  /** The built web workbench to serve at / (default packages/web/dist when built; false: none). */
  webDist?: string | false;
  /** The scheduled daily monitoring run (services/monitoring/schedule.ts; default 'off'). */
  monitoringSchedule?: MonitoringSchedule;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (set by the session hook), if any. */
    user?: UserView;
    /** The session token of the signed-in user. */
    sessionToken?: string;
  }
  interface FastifyInstance {
    store: Store;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The options every route plugin receives. */
export interface RouteOptions {
  secureCookie: boolean;
}

function isLoggerInstance(l: unknown): l is FastifyBaseLogger {
  return typeof l === 'object' && l !== null && typeof (l as FastifyBaseLogger).child === 'function';
}

/** Build the app (see the module comment). */
export async function buildApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? false;
  const app = Fastify({
    ...(isLoggerInstance(logger) ? { loggerInstance: logger } : { logger: logger as FastifyServerOptions['logger'] }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // An over-long URL parameter (414) or a bad URL (400) answered as problem+json like every other error.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.decorate('store', options.store);
  // The job queue works once the app is ready and stops (jobs at a safe point) when it closes.
  const jobQueue = createJobQueue({ store: options.store, log: app.log, staleSeconds: options.jobStaleSeconds });
  app.decorate('jobs', jobQueue);
  app.addHook('onReady', () => jobQueue.start());
  app.addHook('onClose', () => jobQueue.stop());
  // The scheduled daily monitoring run: catches up and keeps its clock once the queue works.
  const monitoringScheduler = createMonitoringScheduler({
    store: options.store,
    jobs: jobQueue,
    log: app.log,
    schedule: options.monitoringSchedule ?? 'off',
  });
  app.decorate('monitoringScheduler', monitoringScheduler);
  app.addHook('onReady', () => monitoringScheduler.start());
  app.addHook('onClose', () => monitoringScheduler.stop());
  // Request schemas are checked by core's parseWith: the same issues (path, message, allowed) as the CLI.
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    try {
      return { value: parseWith(schema as z.ZodType, data) };
    } catch (e) {
      if (e instanceof ValidationError) return { error: e };
      throw e;
    }
  });
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Bodies nested deeper than any real input are refused before a recursive schema walks them.
  app.addHook('preValidation', async (request) => checkBodyDepth(request.body));
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Every route must be in the permission matrix (docs excepted): checked as routes are added.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD' || isDocsRoute(route.url) || isStaticRoute(route.url)) continue;
      if (!accessOf(m, route.url)) throw new Error(`route ${m} ${route.url} is not in the permission matrix (src/permissions.ts)`);
    }
  });

  await app.register(cookie);
  if (options.rateLimit !== false) {
    await app.register(rateLimit, {
      max: options.rateLimit?.max ?? 1200,
      timeWindow: options.rateLimit?.timeWindow ?? '1 minute',
      errorResponseBuilder: (_req, ctx) => {
        const e = new Error(`rate limit: at most ${ctx.max} requests per ${ctx.after === '' ? 'window' : 'minute'}; retry in ${ctx.after}`);
        (e as Error & { statusCode: number }).statusCode = 429;
        return e;
      },
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SCF Risk API',
        description:
          'Supply-chain-finance risk: the lending book, models as versioned data, and every method of the scf-risk command line.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Sessions and the permission matrix, before the body is read.
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined || isDocsRoute(url) || isStaticRoute(url)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const user = await userOfSession(options.store, token);
      if (user) {
        request.user = user;
        request.sessionToken = token;
      }
    }
    const access = accessOf(request.method, url);
    if (!access) return sendProblem(reply, 403, `${request.method} ${url} is not in the permission matrix`);
    if (allowed(access, request.user?.role as Role | undefined)) return;
    const text = request.user
      ? messageText('auth.role-forbidden', { role: request.user.role, method: request.method, url })
      : messageText('auth.sign-in-first');
    return sendProblem(reply, request.user ? 403 : 401, englishOf(text), [], undefined, text);
  });

  for (const routes of [
    healthRoutes,
    authRoutes,
    userRoutes,
    enterpriseRoutes,
    linkRoutes,
    productRoutes,
    loanRoutes,
    applicationRoutes,
    modelVersionRoutes,
    auditRoutes,
    methodRoutes,
    questionnaireRoutes,
    jobRoutes,
    templateRoutes,
    reportRoutes,
    monitoringRoutes,
    monitoringPoolRoutes,
    monitoringAlertRoutes,
    monitoringReconciliationRoutes,
    monitoringSettingsRoutes,
    marginAccountRoutes,
    bookSummaryRoutes,
  ]) {
    await app.register(routes, { secureCookie: options.secureCookie ?? false });
  }
  const webDist = options.webDist ?? DEFAULT_WEB_DIST;
  if (webDist !== false && isWebDist(webDist)) await registerWeb(app, webDist);
  return app;
}
