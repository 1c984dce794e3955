/**
 * A migrated PGlite data directory made once per test run and shared by every test file: starting
 * PGlite from it skips `initdb` and the migrations. The global setup (`setupPgliteTemplate`, see
 * vitest.config.ts) writes it under node_modules/.cache, keyed by PGlite's version, the migration
 * files and `TEMPLATE_SETTINGS`, so later runs reuse it; test files read it with `pgliteTemplate()`.
 *
 * A test store is small: the template's server runs with 16 MB of shared buffers instead of
 * PostgreSQL's 128 MB (allocating and clearing those in WebAssembly was most of an open), and it is
 * checkpointed before the dump (nothing to redo on start). An open takes about 0.5 s instead of 1.4 s
 * (3 s with initdb and the migrations).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openStore } from '../src/db/store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const MIGRATIONS = join(ROOT, 'packages/server/migrations');
/** Server settings of the template (postgresql.auto.conf): sizes for a test store, not for a book. */
const TEMPLATE_SETTINGS = ["ALTER SYSTEM SET shared_buffers = '16MB'", 'ALTER SYSTEM SET max_connections = 10'];

function templatePath(): string {
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  for (const statement of TEMPLATE_SETTINGS) hash.update(statement);
  for (const f of readdirSync(MIGRATIONS).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS, f)));
  return join(ROOT, 'node_modules/.cache/scf-risk', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Global setup: make the template unless this run's key has one; returns its path. */
export async function setupPgliteTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const store = await openStore({ dataDir: 'memory' });
  try {
    for (const statement of TEMPLATE_SETTINGS) await store.raw.exec(statement);
    await store.raw.exec('CHECKPOINT');
    const dump = await store.dumpDataDir!();
    mkdirSync(dirname(path), { recursive: true });
    // Written beside and renamed: test runs started at once never read half a file.
    const part = `${path}.${process.pid}.part`;
    writeFileSync(part, new Uint8Array(await dump.arrayBuffer()));
    renameSync(part, path);
  } finally {
    await store.close();
  }
  return path;
}

/**
 * The template's bytes as a Blob whose `arrayBuffer()` copies them from memory: Node's own reads a
 * 40 MB Blob in chunks, twice as slow (PGlite reads the whole tarball with `arrayBuffer()`).
 */
class TemplateBlob extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }
}

let cached: Blob | undefined;
/** The template as PGlite's `loadDataDir` takes it (read once per test worker). */
export function pgliteTemplate(): Blob {
  // a plain Uint8Array (a Buffer's `slice()` would be a view, not a copy)
  cached ??= new TemplateBlob(new Uint8Array(readFileSync(inject('pgliteTemplate'))));
  return cached;
}

/**
 * A PGlite data directory on disk at `dir` (which must not hold one), copied from the template: a
 * migrated embedded database for tests of commands that open a folder (`--data-dir`), without
 * `initdb` and the migrations on disk (~8 s).
 */
export async function pgliteDataDir(dir: string): Promise<void> {
  const pg = new PGlite(dir, { loadDataDir: pgliteTemplate() });
  await pg.waitReady;
  await pg.close();
}
