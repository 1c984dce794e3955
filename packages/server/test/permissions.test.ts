/**
 * The permission matrix, route by route for every role and for a caller without a session: an
 * allowed call gets past the hook (any answer but 401/403), a refused one gets 403 (401 without a
 * session), as problem+json. The hook runs before the body is read, so bodies here are empty.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/db/schema.ts';
import { accessOf, allowed, PERMISSIONS } from '../src/permissions.ts';
import { SERVED_METHODS } from '../src/routes/methods.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, login, openHarness } from './harness.ts';

const SOME_ID = '00000000-0000-4000-8000-000000000001';
const ROUTES = [...Object.keys(PERMISSIONS), ...SERVED_METHODS.map((m) => `POST /methods/${m}`)];

describeEachBackend('permission matrix', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 180_000);
  afterAll(() => h?.close());

  it('lists exactly the routes the app serves', () => {
    for (const key of ROUTES) {
      const [method, url] = key.split(' ') as [string, string];
      expect(h.app.hasRoute({ method: method as 'GET', url }), key).toBe(true);
    }
  });

  for (const key of ROUTES) {
    it(key, async () => {
      const [method, pattern] = key.split(' ') as ['GET' | 'POST', string];
      const url = pattern.replace(':id', SOME_ID);
      const access = accessOf(method, pattern);
      if (!access) throw new Error(`${key} has no rule`);
      const outcomes: Record<string, number> = {};
      for (const role of [...ROLES, undefined] as (Role | undefined)[]) {
        // Signing out ends the session: use a session of its own.
        const cookie = role === undefined ? undefined : key === 'POST /auth/logout' ? await login(h.app, `${role}-1`) : h.cookie[role];
        const res = await h.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}) });
        outcomes[role ?? 'anonymous'] = res.statusCode;
        const expectAllowed = allowed(access, role);
        if (expectAllowed) {
          expect([401, 403], `${key} as ${role ?? 'anonymous'}: ${res.body}`).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, `${key} as ${role ?? 'anonymous'}`).toBe(role === undefined ? 401 : 403);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      }
      expect(Object.keys(outcomes)).toHaveLength(ROLES.length + 1);
    });
  }

  it('an auditor only reads: every write route refuses the auditor', () => {
    // The expert's link routes (POST /q/:token/…) are public: the link's token is the credential.
    const writes = ROUTES.filter(
      (k) => k.startsWith('POST ') && !k.startsWith('POST /methods/') && !k.startsWith('POST /auth/') && !k.startsWith('POST /q/'),
    );
    expect(writes.length).toBeGreaterThan(3);
    for (const k of writes) {
      const [m, u] = k.split(' ') as [string, string];
      expect(allowed(accessOf(m, u) ?? [], 'auditor'), k).toBe(false);
    }
  });

  it('only an admin manages users', () => {
    for (const k of ROUTES.filter((x) => x.includes('/users'))) {
      const [m, u] = k.split(' ') as [string, string];
      for (const role of ROLES) expect(allowed(accessOf(m, u) ?? [], role), `${k} ${role}`).toBe(role === 'admin');
    }
  });
});
