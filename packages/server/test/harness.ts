/** A store, the app over it, one signed-in user per role (their session cookies). */
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp, SESSION_COOKIE } from '../src/app.ts';
import { ROLES, type Role } from '../src/db/schema.ts';
import type { Store } from '../src/db/store.ts';
import { SYSTEM } from '../src/services/context.ts';
import { createUser } from '../src/services/users.ts';
import type { Backend } from './backends.ts';

export const PASSWORD = 'correct horse battery';

export interface Harness {
  store: Store;
  app: App;
  /** The session cookie of each role's user (`scf_session=…`). */
  cookie: Record<Role, string>;
  userId: Record<Role, string>;
  close(): Promise<void>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no session cookie in the response (status ${res.statusCode}: ${res.body})`);
  return `${SESSION_COOKIE}=${c.value}`;
}

export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  return sessionCookie(await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } }));
}

export async function openHarness(backend: Backend): Promise<Harness> {
  const store = await backend.open();
  const app = await buildApp({ store, logger: false });
  const cookie = {} as Record<Role, string>;
  const userId = {} as Record<Role, string>;
  for (const role of ROLES) {
    const u = await createUser({ store, actor: SYSTEM }, { username: `${role}-1`, displayName: role, role, password: PASSWORD });
    userId[role] = u.id;
    cookie[role] = await login(app, u.username);
  }
  return {
    store,
    app,
    cookie,
    userId,
    async close() {
      await app.close();
      await store.close();
      await backend.cleanup();
    },
  };
}

/** Poll `probe` every 25 ms until it gives a value (at most `tries` times, 20 s by default). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, tries = 800): Promise<T> {
  for (let k = tries; ; k--) {
    const v = await probe();
    if (v !== undefined) return v;
    if (k <= 0) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
