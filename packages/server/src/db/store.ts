/**
 * The store: embedded PGlite (a data directory, `./data` by default, or in memory) or PostgreSQL
 * (`DATABASE_URL`, a node-postgres pool), Drizzle over either, migrations applied on open.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type MigrationReport, migrate } from './migrate.ts';
import type { RawClient } from './raw.ts';
import { tables } from './schema.ts';

export type Schema = typeof tables;
/** Drizzle over either driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A Drizzle transaction (what services write through). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface StoreOptions {
  /** A PostgreSQL connection string; when absent, PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory (default `./data`); `memory` = in memory, gone on close. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the schema to use (created if absent), e.g. one per test file. */
  schema?: string | undefined;
  /** PostgreSQL only: the pool size (default 10). */
  poolSize?: number | undefined;
  /** Apply the migrations on open (default true). */
  migrate?: boolean | undefined;
  /** PGlite in memory only: start from this dump of a data directory (`dumpDataDir`), e.g. a migrated template. */
  loadDataDir?: Blob | undefined;
}

export interface Store {
  kind: 'pglite' | 'postgres';
  db: Db;
  raw: RawClient;
  /** What the migrations did on open (empty lists when `migrate: false`). */
  migrations: MigrationReport;
  /** PGlite only: the data directory as a tarball (what `loadDataDir` takes). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Open the store described by `options` (see `StoreOptions`). */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options)
    : await openPglite(options.dataDir ?? './data', options.loadDataDir);
  if (options.migrate === false) return store;
  try {
    store.migrations = await migrate(store.raw);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

async function openPglite(dataDir: string, loadDataDir: Blob | undefined): Promise<Store> {
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  if (loadDataDir && dataDir !== 'memory') throw new Error('loadDataDir: only for a store in memory');
  const client = dataDir === 'memory' ? new PGlite(loadDataDir ? { loadDataDir } : {}) : new PGlite(dataDir);
  await client.waitReady;
  const raw: RawClient = {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows,
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
        }),
      ),
  };
  const db = drizzlePglite({ client, schema: tables }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    raw,
    migrations: { applied: [], skipped: [] },
    dumpDataDir: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !IDENTIFIER.test(schema)) throw new Error(`schema ${JSON.stringify(schema)}: not a plain SQL identifier`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const raw: RawClient = {
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
  };
  const db = drizzlePg({ client: pool, schema: tables }) as unknown as Db;
  return { kind: 'postgres', db, raw, migrations: { applied: [], skipped: [] }, close: () => pool.end() };
}
