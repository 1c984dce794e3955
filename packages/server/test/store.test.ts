/** The store: migrations on both databases, idempotent restarts, the append-only audit log. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/db/migrate.ts';
import { tables } from '../src/db/schema.ts';
import { openStore, type Store } from '../src/db/store.ts';
import { describeEachBackend } from './backends.ts';

// One fresh database per backend (opening PGlite costs seconds): the tests below leave it usable.
// PGlite opens bare here, not from the migrated template: the migrations run on this open.
describeEachBackend('store', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open({ loadDataDir: undefined });
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('applies every migration on a fresh database, and re-running them is a no-op', async () => {
    const files = (await loadMigrations()).map((m) => m.id);
    expect(files.length).toBeGreaterThan(0);
    expect(store.migrations.applied).toEqual(files);
    const again = await migrate(store.raw);
    expect(again).toEqual({ applied: [], skipped: files });
    const recorded = await store.raw.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(recorded.map((r) => r.id)).toEqual(files);
  });

  it('refuses a committed migration whose text changed', async () => {
    const [first] = await loadMigrations();
    if (!first) throw new Error('no migration');
    await expect(migrate(store.raw, [{ ...first, checksum: 'changed' }])).rejects.toThrow(/different text/);
  });

  it('rolls back a migration that fails part-way', async () => {
    const bad = { id: '9999_bad', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();', checksum: 'x' };
    await expect(migrate(store.raw, [bad])).rejects.toThrow();
    const tables = await store.raw.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables).toEqual([]);
    const rec = await store.raw.query("SELECT 1 FROM schema_migrations WHERE id = '9999_bad'");
    expect(rec).toEqual([]);
  });

  it('every Drizzle column exists in the migrated database with the same type', async () => {
    const rows = await store.raw.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      'SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()',
    );
    const db = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const udt: Record<string, string> = {
      PgUUID: 'uuid',
      PgText: 'text',
      PgBoolean: 'bool',
      PgTimestamp: 'timestamptz',
      PgBigInt64: 'int8',
      PgBigInt53: 'int8',
      PgChar: 'bpchar',
      PgDateString: 'date',
      PgInteger: 'int4',
      PgJson: 'json',
      PgJsonb: 'jsonb',
      PgNumeric: 'numeric',
      PgDoublePrecision: 'float8',
    };
    const problems: string[] = [];
    for (const table of Object.values(tables)) {
      const config = getTableConfig(table);
      for (const col of config.columns) {
        const found = db.get(`${config.name}.${col.name}`);
        if (!found) problems.push(`${config.name}.${col.name}: missing`);
        else if (udt[col.columnType] !== found.udt_name)
          problems.push(`${config.name}.${col.name}: ${col.columnType} vs ${found.udt_name}`);
        else if (col.notNull !== (found.is_nullable === 'NO')) problems.push(`${config.name}.${col.name}: nullability`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the audit log rejects UPDATE, DELETE and TRUNCATE', async () => {
    await store.raw.query(
      "INSERT INTO audit_log (actor, entity, entity_id, action, after) VALUES ('test', 'enterprise', 'e1', 'create', '{\"a\":1}')",
    );
    await expect(store.raw.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(store.raw.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(store.raw.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const rows = await store.raw.query<{ actor: string }>('SELECT actor FROM audit_log');
    expect(rows).toEqual([{ actor: 'test' }]);
  });
});

describe('store on a PGlite data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scf-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the directory on first open and keeps the data across restarts', async () => {
    const dataDir = join(dir, 'data');
    const first = await openStore({ dataDir });
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    await first.raw.query("INSERT INTO enterprises (name, kind, industry) VALUES ('Kept', 'core', 'steel')");
    await first.close();
    const second = await openStore({ dataDir });
    try {
      expect(second.migrations.applied).toEqual([]);
      const rows = await second.raw.query<{ name: string }>('SELECT name FROM enterprises');
      expect(rows).toEqual([{ name: 'Kept' }]);
    } finally {
      await second.close();
    }
  });
});
