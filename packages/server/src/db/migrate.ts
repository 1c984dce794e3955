/**
 * The migration runner: applies `migrations/NNNN_name.sql` in order, each in its own transaction
 * under an advisory lock (several server processes may start at once), and records it with its
 * SHA-256 in `schema_migrations`. Applied migrations are skipped, so a restart is a no-op; a
 * committed migration whose text changed is refused (write a new one instead).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RawClient } from './raw.ts';

/** The committed migrations: `packages/server/migrations/` (the same from `src/db` and `dist/db`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** An arbitrary constant: the key of the advisory lock that serialises migrations. */
const LOCK_KEY = 7_414_001;

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  skipped: string[];
}

/** The migration files of `dir`, in order of their number. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => FILE_NAME.test(n)).sort();
  const seen = new Set<string>();
  const out: Migration[] = [];
  for (const name of names) {
    const number = FILE_NAME.exec(name)?.[1] as string;
    if (seen.has(number)) throw new Error(`two migrations numbered ${number} in ${dir}`);
    seen.add(number);
    const sql = await readFile(`${dir}/${name}`, 'utf8');
    out.push({ id: name.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

/** Apply every migration not yet applied; see the module comment. */
export async function migrate(raw: RawClient, migrations?: Migration[]): Promise<MigrationReport> {
  const list = migrations ?? (await loadMigrations());
  const report: MigrationReport = { applied: [], skipped: [] };
  for (const m of list) {
    await raw.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const rows = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE id = $1', [m.id]);
      if (rows.length > 0) {
        if (rows[0]?.checksum !== m.checksum) {
          throw new Error(`migration ${m.id} was applied with different text: committed migrations must not change; add a new one`);
        }
        report.skipped.push(m.id);
        return;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      report.applied.push(m.id);
    });
  }
  return report;
}
