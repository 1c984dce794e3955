/**
 * Serving the workbench (src/web.ts) from a built directory: its files at `/`, index.html for every
 * client-side path under /app, the API routes first, an expert's link opened in a browser
 * redirected to its page, and no workbench at all when the directory is not built.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { openStore, type Store } from '../src/db/store.ts';
import { pgliteTemplate } from './pglite-template.ts';

const INDEX = '<!doctype html><title>SCF Risk</title><div id="root"></div>';

describe('the workbench served by the API server', () => {
  let dir: string;
  let store: Store;
  let app: App;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scf-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    store = await openStore({ dataDir: 'memory', loadDataDir: pgliteTemplate() });
    app = await buildApp({ store, webDist: dir });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for any /app/… path, not cached', async () => {
    for (const url of ['/', '/app', '/app/', '/app/loans/123', '/app/q/some-token']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toBe(INDEX);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves the hashed assets, cached for a year, without a session', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the API first: its routes answer, unknown paths are problems', async () => {
    const loans = await app.inject({ url: '/loans' });
    expect(loans.statusCode).toBe(401);
    expect(loans.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    const missing = await app.inject({ url: '/no-such-thing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends a browser that opens an expert link to its page; the API still answers JSON', async () => {
    const page = await app.inject({ url: '/q/tok_123?x=1', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/app/q/tok_123?x=1');
    const api = await app.inject({ url: '/q/tok_123', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves no workbench when the directory is not built', async () => {
    const bare = await buildApp({ store, webDist: join(dir, 'missing') });
    try {
      expect((await bare.inject({ url: '/' })).statusCode).toBe(404);
      expect((await bare.inject({ url: '/app/loans' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
