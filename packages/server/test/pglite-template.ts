/**
 * A migrated PGlite data directory made once per test run and shared by every test file: starting
 * PGlite from it skips `initdb` and the migrations (about 1 s instead of 3 s a store). The global
 * setup (`setupPgliteTemplate`, see vitest.config.ts) writes it under node_modules/.cache, keyed by
 * PGlite's version and the migration files, so later runs reuse it; test files read it with
 * `pgliteTemplate()`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { openStore } from '../src/db/store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const MIGRATIONS = join(ROOT, 'packages/server/migrations');

function templatePath(): string {
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  for (const f of readdirSync(MIGRATIONS).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS, f)));
  return join(ROOT, 'node_modules/.cache/scf-risk', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Global setup: make the template unless this run's key has one; returns its path. */
export async function setupPgliteTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const store = await openStore({ dataDir: 'memory' });
  try {
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

let cached: Blob | undefined;
/** The template as PGlite's `loadDataDir` takes it (read once per test file). */
export function pgliteTemplate(): Blob {
  cached ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return cached;
}
