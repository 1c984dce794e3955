/**
 * The real server for browser tests: a fresh in-memory PGlite, buildApp serving the built workbench
 * (packages/web/dist, built here with Vite when missing), listening on a free port; one user per
 * role; a small book (a core enterprise buying from an SME, a product with an
 * active scoring rule and weights, a loan with a repayment and collateral) entered through the HTTP
 * API as an administrator would, and a stop-loss pool holding the SME.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp, createUser, openStore, SYSTEM } from '@scf-risk/server';
import { pgliteTemplate } from '../../../server/test/pglite-template.ts';
import { scorecardRule } from '../../../server/test/scoring-fixture.ts';

export const WEB_ROOT = resolve(import.meta.dirname, '../..');
export const WEB_DIST = join(WEB_ROOT, 'dist');
export const PASSWORD = 'correct horse battery';
export const ROLES = ['admin', 'risk-officer', 'credit-officer', 'expert', 'auditor'] as const;

export interface WorkbenchServer {
  url: string;
  /** An API call as a user (signed in once). */
  call<T>(role: (typeof ROLES)[number], method: string, path: string, body?: unknown): Promise<T>;
  book: { enterpriseId: string; productId: string; loanId: string };
  close(): Promise<void>;
}

/** Build the workbench unless dist/ holds one (npm test builds it first). */
async function ensureBuilt(): Promise<void> {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export async function startWorkbench(): Promise<WorkbenchServer> {
  await ensureBuilt();
  const store = await openStore({ dataDir: 'memory', loadDataDir: pgliteTemplate() });
  const app = await buildApp({ store, logger: false, rateLimit: false, webDist: WEB_DIST });
  for (const role of ROLES)
    await createUser({ store, actor: SYSTEM }, { username: `${role}-1`, displayName: `${role} 1`, role, password: PASSWORD });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const cookies = new Map<string, string>();
  const call = async <T>(role: (typeof ROLES)[number], method: string, path: string, body?: unknown): Promise<T> => {
    let cookie = cookies.get(role);
    if (!cookie) {
      const res = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `${role}-1`, password: PASSWORD }),
      });
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
      cookies.set(role, cookie);
    }
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const enterprise = await call<{ id: string }>('admin', 'POST', '/enterprises', {
    name: '江苏恒远钢材贸易有限公司',
    kind: 'sme-distributor',
    industry: 'steel',
    region: 'Jiangsu',
  });
  const product = await call<{ id: string }>('admin', 'POST', '/products', {
    code: 'inv-steel',
    kind: 'inventory-pledge',
    name: '钢材存货质押',
    currency: 'CNY',
  });
  const core = await call<{ id: string }>('admin', 'POST', '/enterprises', {
    name: '宝武钢铁集团有限公司',
    kind: 'core',
    industry: 'steel',
  });
  await call('admin', 'POST', '/links', {
    buyerId: core.id,
    sellerId: enterprise.id,
    since: '2021-03-01',
    frequency: 'monthly',
    annualVolume: { minor: '1000000000', currency: 'CNY' },
  });
  // The evaluation model of the product: a scorecard over indicators a (a ratio in [0, 1]), b and c (1–7 scores).
  const models = [
    ['scoring-rule', scorecardRule()],
    ['weights', { a: 0.5, b: 0.3, c: 0.2 }],
  ] as const;
  for (const [kind, content] of models) {
    const v = await call<{ id: string }>('admin', 'POST', '/model-versions', { kind, productId: product.id, content, note: 'seed' });
    await call('admin', 'POST', `/model-versions/${v.id}/activate`, {});
  }
  const loan = await call<{ id: string }>('admin', 'POST', '/loans', {
    enterpriseId: enterprise.id,
    productId: product.id,
    principal: { minor: '100000000', currency: 'CNY' },
    annualRate: '0.0435',
    termMonths: 6,
    disbursedOn: '2026-06-01',
    schedule: 'equal-principal',
  });
  await call('admin', 'POST', `/loans/${loan.id}/repayments`, { amount: { minor: '16700000', currency: 'CNY' }, paidOn: '2026-07-01' });
  await call('admin', 'POST', `/loans/${loan.id}/collateral`, {
    commodity: 'rebar',
    quantity: '500',
    unit: 't',
    haircut: '0.3',
    warehouseReceipt: 'WR-2026-0001',
  });
  await call('admin', 'POST', '/pools', { name: '华东钢材止损池', maxNplRatio: 0.05, members: [enterprise.id] });
  return {
    url,
    call,
    book: { enterpriseId: enterprise.id, productId: product.id, loanId: loan.id },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
