/**
 * The server under load for `server.bench.ts`, in a process of its own (the load generator runs
 * in the parent, so the two do not share an event loop): the built server (`@scf-risk/server`
 * dist) on PGlite in a temporary directory, or on PostgreSQL (BENCH_DATABASE_URL) in a fresh
 * schema, with the demo book (for GET /loans), production logging (pino at `info`, written to
 * /dev/null) and the rate limit raised out of the way (it is per client, and the load comes from
 * one). Prints one JSON line `{url, cookie}` once listening; SIGTERM closes and cleans up.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createUser, ensureDemoBook, openStore, SESSION_COOKIE, SYSTEM } from '@scf-risk/server';
import pg from 'pg';
import pino from 'pino';

const url = process.env.BENCH_DATABASE_URL;
const schema = `bench_${randomBytes(4).toString('hex')}`;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'scf-bench-'));
const store = await openStore(url ? { databaseUrl: url, schema } : { dataDir });
await ensureDemoBook(store);
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'info' }, pino.destination('/dev/null'));
const app = await buildApp({ store, logger, rateLimit: { max: 1_000_000_000 } });
await createUser({ store, actor: SYSTEM }, { username: 'bench', displayName: 'bench', role: 'credit-officer', password: 'bench password' });
const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'bench', password: 'bench password' } });
const session = login.cookies.find((c) => c.name === SESSION_COOKIE);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: address, cookie: `${SESSION_COOKIE}=${session?.value}` })}\n`);

process.once('SIGTERM', async () => {
  await app.close();
  await store.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of [schema, `${schema}_pgboss`]) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  }
  process.exit(0);
});
