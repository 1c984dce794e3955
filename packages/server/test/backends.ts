/**
 * The databases every integration test runs on: PGlite (in memory) always; PostgreSQL when
 * DATABASE_URL is set, each test file in a schema of its own (and the job queue's beside it),
 * dropped afterwards. Without DATABASE_URL the PostgreSQL runs are skipped with a loud message —
 * and fail under CI (CI=true).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openStore, type Store, type StoreOptions } from '../src/db/store.ts';
import { pgBossSchema } from '../src/jobs/pg-boss-queue.ts';
import { pgliteTemplate } from './pglite-template.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /**
   * Open a fresh, migrated store (a new in-memory PGlite from the migrated template, or a new
   * PostgreSQL schema). `{ loadDataDir: undefined }` opens PGlite bare, migrating on open.
   */
  open(options?: Partial<StoreOptions>): Promise<Store>;
  /** Remove what `open` created (PostgreSQL: drop its schemas). */
  cleanup(): Promise<void>;
}

const url = process.env.DATABASE_URL;

function pgliteBackend(): Backend {
  return { name: 'pglite', open: (o) => openStore({ dataDir: 'memory', loadDataDir: pgliteTemplate(), ...o }), cleanup: async () => {} };
}

function postgresBackend(databaseUrl: string): Backend {
  const schemas: string[] = [];
  return {
    name: 'postgres',
    open(o) {
      const schema = o?.schema ?? `t_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return openStore({ databaseUrl, schema, poolSize: 4, ...o });
    },
    async cleanup() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const s of schemas.splice(0)) {
          await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
          await client.query(`DROP SCHEMA IF EXISTS ${pgBossSchema(s)} CASCADE`);
        }
      } finally {
        await client.end();
      }
    },
  };
}

/** The backends to run on (see the module comment). */
export const BACKENDS: Backend[] = url ? [pgliteBackend(), postgresBackend(url)] : [pgliteBackend()];

if (!url) {
  const message =
    '\n*** PostgreSQL integration tests SKIPPED: DATABASE_URL is not set. ' +
    'Set DATABASE_URL=postgres://user:pass@host:5432/db to run them (required when CI=true). ***\n';
  console.warn(message);
}

/**
 * `describe` once per backend; when DATABASE_URL is missing, a skipped PostgreSQL block that says
 * so — or, under CI, a failing test.
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const backend of BACKENDS) describe(`${title} [${backend.name}]`, () => body(backend));
  if (!url) {
    if (process.env.CI === 'true') {
      describe(`${title} [postgres]`, () => {
        it('needs DATABASE_URL under CI', () => {
          throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL integration tests cannot run');
        });
      });
    } else {
      describe.skip(`${title} [postgres] — SKIPPED: DATABASE_URL not set`, () => {
        it('runs on PostgreSQL', () => {});
      });
    }
  }
}
