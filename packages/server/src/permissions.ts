/**
 * The permission matrix: for every route (method and URL pattern), who may call it. A hook
 * (`app.ts`) enforces it before the body is read; the app refuses to start if a route is missing
 * here, and `test/permissions.test.ts` calls every route as every role.
 *
 * admin: everything. risk-officer: models and weights, the book, the audit log. credit-officer: the
 * book (enterprises, links, products, applications), reads models. expert: the methods (and, later,
 * their own questionnaires). auditor: reads everything, changes nothing. The methods compute and
 * store nothing, so every signed-in role may call them.
 */
import type { Role } from './db/schema.ts';
import { WEB_ROUTES } from './web.ts';

/** `public`: no sign-in; `signed-in`: any role; else the roles allowed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'risk-officer', 'credit-officer', 'expert', 'auditor'];
const BOOK_READ: readonly Role[] = ['admin', 'risk-officer', 'credit-officer', 'auditor'];
const BOOK_WRITE: readonly Role[] = ['admin', 'risk-officer', 'credit-officer'];
const MODEL_WRITE: readonly Role[] = ['admin', 'risk-officer'];
const AUDIT_READ: readonly Role[] = ['admin', 'risk-officer', 'auditor'];
const MONITOR_WRITE: readonly Role[] = ['admin', 'risk-officer'];
const QUESTIONNAIRE_READ: readonly Role[] = ['admin', 'risk-officer', 'auditor'];

export const PERMISSIONS: Record<string, Access> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'signed-in',
  'GET /auth/me': 'signed-in',

  'GET /users': ['admin'],
  'POST /users': ['admin'],
  'GET /users/:id': ['admin'],

  'GET /enterprises': BOOK_READ,
  'POST /enterprises': BOOK_WRITE,
  'GET /enterprises/:id': BOOK_READ,
  'GET /links': BOOK_READ,
  'POST /links': BOOK_WRITE,
  'GET /links/:id': BOOK_READ,
  'GET /products': BOOK_READ,
  'POST /products': MODEL_WRITE,
  'GET /products/:id': BOOK_READ,
  'GET /loans': BOOK_READ,
  'GET /loans/:id': BOOK_READ,
  'POST /loans': BOOK_WRITE,
  'POST /loans/:id/repayments': BOOK_WRITE,
  'POST /loans/:id/collateral': BOOK_WRITE,

  // Pre-loan: the book's writers record, evaluate and decide; an auditor reads and reproduces.
  'GET /applications': BOOK_READ,
  'POST /applications': BOOK_WRITE,
  'GET /applications/:id': BOOK_READ,
  'POST /applications/:id/evaluate': BOOK_WRITE,
  'POST /applications/:id/decision': BOOK_WRITE,
  'GET /evaluations/:id': BOOK_READ,
  'GET /evaluations/:id/reproduce': BOOK_READ,

  'GET /model-versions': BOOK_READ,
  'POST /model-versions': MODEL_WRITE,
  'GET /model-versions/:id': BOOK_READ,
  'POST /model-versions/:id/activate': MODEL_WRITE,

  'GET /audit': AUDIT_READ,

  // Expert questionnaires: organisers write, an auditor reads; an expert reaches only their own
  // invitations, by link (the token is the credential: public) or signed in.
  'GET /questionnaires': QUESTIONNAIRE_READ,
  'POST /questionnaires': MODEL_WRITE,
  'GET /questionnaires/:id': QUESTIONNAIRE_READ,
  'POST /questionnaires/:id/invitations': MODEL_WRITE,
  'GET /questionnaires/:id/progress': QUESTIONNAIRE_READ,
  'GET /questionnaires/:id/results': QUESTIONNAIRE_READ,
  'POST /questionnaires/:id/close-round': MODEL_WRITE,
  'POST /questionnaires/:id/rounds': MODEL_WRITE,
  'GET /q/:token': 'public',
  'POST /q/:token/answers': 'public',
  'POST /q/:token/check': 'public',
  'GET /my/questionnaires': ['expert'],
  'GET /my/invitations/:id': ['expert'],
  'POST /my/invitations/:id/answers': ['expert'],
  'POST /my/invitations/:id/check': ['expert'],

  'POST /jobs': BOOK_WRITE,
  'GET /jobs': BOOK_READ,
  'GET /jobs/:id': BOOK_READ,
  'POST /jobs/:id/cancel': BOOK_WRITE,

  'GET /templates': BOOK_READ,
  'GET /templates/:name': BOOK_READ,
  'GET /reports/study-runs/:id': BOOK_READ,

  // Post-loan monitoring: risk officers and admins run and change; credit officers read and acknowledge alerts; auditors read.
  'POST /monitoring/runs': MONITOR_WRITE,
  'GET /monitoring/runs': BOOK_READ,
  'GET /monitoring/npl': BOOK_READ,
  'GET /book/summary': BOOK_READ,
  'GET /loans/:id/classification': BOOK_READ,
  'POST /loans/:id/classification/override': MONITOR_WRITE,
  'GET /monitoring/margin-calls': BOOK_READ,
  'GET /monitoring/contagion': BOOK_READ,
  'POST /monitoring/stress': MONITOR_WRITE,
  'GET /pools': BOOK_READ,
  'POST /pools': MONITOR_WRITE,
  'GET /pools/:id': BOOK_READ,
  'GET /alerts': BOOK_READ,
  'POST /alerts/:id/acknowledge': BOOK_WRITE,
  'POST /alerts/:id/resolve': MONITOR_WRITE,
  'GET /alert-rules': BOOK_READ,
  'POST /alert-rules': MONITOR_WRITE,
  'POST /webhooks': MONITOR_WRITE,
  'POST /reconciliation/import': MONITOR_WRITE,
  'GET /reconciliation/mismatches': BOOK_READ,
  'GET /monitoring/settings': BOOK_READ,
  'PUT /monitoring/settings': MONITOR_WRITE,
  'GET /margin-accounts': BOOK_READ,
  'POST /margin-accounts': MONITOR_WRITE,
  'PUT /margin-accounts/:id': MONITOR_WRITE,
};

/** Every method endpoint (`POST /methods/<name>`) is open to every signed-in role. */
export const METHOD_ACCESS: readonly Role[] = ALL;

/** Routes outside the matrix by design (the OpenAPI document and Swagger UI). */
export function isDocsRoute(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/');
}

/** The workbench's files (src/web.ts): public, outside the matrix; the API routes are matched first. */
export function isStaticRoute(url: string): boolean {
  return (WEB_ROUTES as readonly string[]).includes(url);
}

/** The access rule of a route, or undefined when it is not in the matrix. */
export function accessOf(method: string, url: string): Access | undefined {
  if (method === 'POST' && url.startsWith('/methods/')) return METHOD_ACCESS;
  if (method === 'HEAD') return PERMISSIONS[`GET ${url}`];
  return PERMISSIONS[`${method} ${url}`];
}

/** May `role` (undefined = not signed in) call a route with rule `access`? */
export function allowed(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  return access === 'signed-in' || access.includes(role);
}
