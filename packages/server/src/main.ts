/**
 * `scf-risk-server`: open the store (PGlite in SCF_DATA_DIR or ./data; PostgreSQL when DATABASE_URL
 * is set), create the first administrator when there is no user (SCF_ADMIN_USER, SCF_ADMIN_PASSWORD;
 * else a random password printed once), listen on HOST:PORT (127.0.0.1:3000), and on SIGINT or
 * SIGTERM stop accepting, let in-flight requests finish, then close the store. SCF_JOB_STALE_SECONDS:
 * see AppOptions.jobStaleSeconds. SCF_MONITORING_SCHEDULE: the daily monitoring run's cron (default
 * `30 1 * * *`) or `off`; SCF_MONITORING_TIME_ZONE: its time zone (default Asia/Shanghai).
 * The demo book (src/demo) is loaded into an empty book on the embedded database, or on any
 * database with SCF_DEMO=1; SCF_DEMO=0 never loads it.
 * Resolves, once listening, to what a front prints (`scf-risk serve`): the address, the database,
 * the administrator created and the demo book loaded, if any.
 */
import { buildApp } from './app.ts';
import { openStore } from './db/store.ts';
import { demoWanted, ensureDemoBook } from './demo/index.ts';
import { SYSTEM } from './services/context.ts';
import { parseMonitoringSchedule } from './services/monitoring/schedule.ts';
import { ensureFirstAdmin } from './services/users.ts';

export interface ServerStarted {
  address: string;
  database: 'pglite' | 'postgres';
  /** The first administrator, when this start created one (the password only when generated). */
  admin?: { username: string; password?: string };
  /** The demo book's row counts, when this start loaded it. */
  demo?: Record<string, number>;
}

export async function main(env: NodeJS.ProcessEnv): Promise<ServerStarted> {
  const monitoringSchedule = parseMonitoringSchedule(env.SCF_MONITORING_SCHEDULE, env.SCF_MONITORING_TIME_ZONE);
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.SCF_DATA_DIR ?? './data' });
  const app = await buildApp({
    store,
    logger: { level: env.LOG_LEVEL ?? 'info' },
    secureCookie: env.SCF_SECURE_COOKIE === '1',
    jobStaleSeconds: env.SCF_JOB_STALE_SECONDS ? Number(env.SCF_JOB_STALE_SECONDS) : undefined,
    monitoringSchedule,
  });
  const admin = await ensureFirstAdmin({ store, actor: SYSTEM }, { username: env.SCF_ADMIN_USER, password: env.SCF_ADMIN_PASSWORD });
  if (admin?.generated)
    app.log.warn(`first administrator created: user ${admin.username}, password ${admin.password} (shown once; change it)`);
  else if (admin) app.log.info(`first administrator created: user ${admin.username}`);
  let demoCounts: Record<string, number> | undefined;
  if (demoWanted(store.kind, env.SCF_DEMO)) {
    const demo = await ensureDemoBook(store);
    if (demo.loaded) {
      demoCounts = demo.counts;
      app.log.info(
        { demo: demo.counts },
        `demo book loaded (as of ${demo.asOf}, seed ${demo.seed}) in ${(demo.millis / 1000).toFixed(1)} s`,
      );
    }
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

  let address: string;
  try {
    address = await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 3000) });
  } catch (e) {
    // e.g. the port is taken: leave nothing open behind
    await shutdown('listen failed');
    throw e;
  }
  app.log.info(`SCF Risk API on ${address} (OpenAPI at ${address}/docs, database ${store.kind})`);
  return {
    address,
    database: store.kind,
    ...(admin ? { admin: admin.generated ? { username: admin.username, password: admin.password } : { username: admin.username } } : {}),
    ...(demoCounts ? { demo: demoCounts } : {}),
  };
}
