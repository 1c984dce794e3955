// @scf-risk/server — the HTTP API of the lending system (issue 14).
export { type App, type AppOptions, buildApp, SESSION_COOKIE } from './app.ts';
export { loadMigrations, migrate } from './db/migrate.ts';
export { type Db, openStore, type Store, type StoreOptions } from './db/store.ts';
export {
  DEMO_AS_OF,
  DemoBookNotEmptyError,
  type DemoLoadOptions,
  type DemoLoadReport,
  demoWanted,
  ensureDemoBook,
  loadDemoBook,
} from './demo/index.ts';
export { main, type ServerStarted } from './main.ts';
export { PERMISSIONS } from './permissions.ts';
export { SYSTEM } from './services/context.ts';
export { type DailyRunResult, type RunOptions, runDailyMonitoring } from './services/monitoring/daily-run.ts';
export { type PoolGate, poolGate } from './services/monitoring/pools.ts';
export { type ReplayResult, replayFrom } from './services/monitoring/replay.ts';
export { createUser, ensureFirstAdmin } from './services/users.ts';
