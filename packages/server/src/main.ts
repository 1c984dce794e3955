/**
 * `scf-risk-server`: open the store (PGlite in SCF_DATA_DIR or ./data; PostgreSQL when DATABASE_URL
 * is set), create the first administrator when there is no user (SCF_ADMIN_USER, SCF_ADMIN_PASSWORD;
 * else a random password printed once), listen on HOST:PORT (127.0.0.1:3000), and on SIGINT or
 * SIGTERM stop accepting, let in-flight requests finish, then close the store.
 * The demo book (src/demo) is loaded into an empty book on the embedded database, or on any
 * database with SCF_DEMO=1; SCF_DEMO=0 never loads it.
 */
import { buildApp } from './app.ts';
import { openStore } from './db/store.ts';
import { demoWanted, ensureDemoBook } from './demo/index.ts';
import { SYSTEM } from './services/context.ts';
import { ensureFirstAdmin } from './services/users.ts';

export async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.SCF_DATA_DIR ?? './data' });
  const app = await buildApp({ store, logger: { level: env.LOG_LEVEL ?? 'info' }, secureCookie: env.SCF_SECURE_COOKIE === '1' });
  const admin = await ensureFirstAdmin({ store, actor: SYSTEM }, { username: env.SCF_ADMIN_USER, password: env.SCF_ADMIN_PASSWORD });
  if (admin?.generated)
    app.log.warn(`first administrator created: user ${admin.username}, password ${admin.password} (shown once; change it)`);
  else if (admin) app.log.info(`first administrator created: user ${admin.username}`);
  if (demoWanted(store.kind, env.SCF_DEMO)) {
    const demo = await ensureDemoBook(store);
    if (demo.loaded)
      app.log.info(
        { demo: demo.counts },
        `demo book loaded (as of ${demo.asOf}, seed ${demo.seed}) in ${(demo.millis / 1000).toFixed(1)} s`,
      );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing in-flight requests`);
    try {
      await app.close();
      await store.close();
      process.exitCode = 0;
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exitCode = 1;
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 3000) });
  app.log.info(`SCF Risk API on ${address} (OpenAPI at ${address}/docs, database ${store.kind})`);
}
