/** Users, passwords (argon2id, @node-rs/argon2) and sessions (a random cookie token; its SHA-256 in the table). */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { type Role, sessions, users } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { audit, recordCreated, type ServiceContext } from './context.ts';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

/** How long a session lasts without a new login. */
export const SESSION_HOURS = 12;

const view = (u: typeof users.$inferSelect): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function listUsers(store: Store): Promise<UserView[]> {
  return (await store.db.select().from(users).orderBy(asc(users.username))).map(view);
}

export async function getUser(store: Store, id: string): Promise<UserView> {
  const [u] = await store.db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound('user', id);
  return view(u);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export async function createUser(ctx: ServiceContext, input: NewUser): Promise<UserView> {
  const passwordHash = await hash(input.password);
  return ctx.store.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) {
      throw new HttpProblem(409, 'Conflict', `username ${input.username} is taken`, [{ path: ['username'], message: 'is taken' }]);
    }
    return recordCreated(
      tx,
      ctx,
      'user',
      await tx
        .insert(users)
        .values({ username: input.username, displayName: input.displayName, role: input.role, passwordHash })
        .returning(),
      view,
    );
  });
}

/** Check a username and password; on success open a session and return its token (for the cookie). */
export async function login(
  ctx: Omit<ServiceContext, 'actor'>,
  username: string,
  password: string,
): Promise<{ token: string; user: UserView; expiresAt: Date } | undefined> {
  const [u] = await ctx.store.db.select().from(users).where(eq(users.username, username));
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
  const ok = await verify(u?.passwordHash ?? (await dummyHash()), password).catch(() => false);
  if (!u || !ok || !u.active) return undefined;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await ctx.store.db.transaction(async (tx) => {
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: u.id, expiresAt });
    await audit(
      tx,
      { ...ctx, actor: { id: u.id, username: u.username, role: u.role } },
      { entity: 'session', entityId: u.id, action: 'login' },
    );
  });
  return { token, user: view(u), expiresAt };
}

let dummy: Promise<string> | undefined;
const dummyHash = () => {
  dummy ??= hash(randomBytes(16).toString('hex'));
  return dummy;
};

/**
 * Open sessions, per store, for SESSION_CACHE_MS: the lookup runs on every request, and a hit
 * costs no query (issue 14's load goal). A logout in this process drops its entry at once; in
 * another server process the session ends at most SESSION_CACHE_MS later; an expired session is
 * never served from here.
 */
const SESSION_CACHE_MS = 2000;
const SESSION_CACHE_MAX = 10_000;
const sessionCache = new WeakMap<Store, Map<string, { user: UserView; until: number }>>();

/** The user of a session token, if the session is open and the user active. */
export async function userOfSession(store: Store, token: string): Promise<UserView | undefined> {
  const key = tokenHash(token);
  let cache = sessionCache.get(store);
  const hit = cache?.get(key);
  if (hit && hit.until > Date.now()) return hit.user;
  const [row] = await store.db
    .select({ u: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, key), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  if (!row) {
    cache?.delete(key);
    return undefined;
  }
  const user = view(row.u);
  if (!cache) sessionCache.set(store, (cache = new Map()));
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  cache.set(key, { user, until: Math.min(Date.now() + SESSION_CACHE_MS, row.expiresAt.getTime()) });
  return user;
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.store.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
    await audit(tx, ctx, { entity: 'session', entityId: ctx.actor.id ?? '', action: 'logout' });
  });
  sessionCache.get(ctx.store)?.delete(tokenHash(token));
}

/**
 * The first administrator: when no user exists, create `admin` (or `username`) with `password`,
 * or with a random password that is returned (printed once by the caller). Returns undefined when
 * users exist already.
 */
export async function ensureFirstAdmin(
  ctx: ServiceContext,
  options: { username?: string | undefined; password?: string | undefined } = {},
): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  const [count] = await ctx.store.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((count?.n ?? 0) > 0) return undefined;
  const generated = !options.password;
  const password = options.password || randomBytes(12).toString('base64url');
  const username = options.username || 'admin';
  await createUser(ctx, { username, displayName: 'Administrator', role: 'admin', password });
  return { username, password, generated };
}
