/**
 * `scf-risk monitor --date D` in-process on an embedded database in a temporary folder (copied from
 * the migrated test template): the run's counts as JSON and as a table, the rows it wrote,
 * idempotence across invocations, and a bad date (exit 2, nothing written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@scf-risk/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repay, seedBook } from '../../server/test/monitoring-fixture.ts';
import { pgliteDataDir } from '../../server/test/pglite-template.ts';
import { runCli } from './run-cli.ts';

let dir: string;
let loanA: string;
// This test is about the embedded database: DATABASE_URL (set for the server tests) would send the command to PostgreSQL.
const databaseUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  delete process.env.DATABASE_URL;
  dir = mkdtempSync(join(tmpdir(), 'scf-monitor-'));
  await pgliteDataDir(join(dir, 'data'));
  const store = await openStore({ dataDir: join(dir, 'data') });
  const book = await seedBook(store);
  loanA = book.loanA;
  await repay(store, book.loanB, '2024-01-31', 1_000_000);
  await store.close();
}, 120_000);
afterAll(() => {
  if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  rmSync(dir, { recursive: true, force: true });
});

it('runs the date and prints its counts; a second run replaces the same figures', async () => {
  const data = join(dir, 'data');
  const r = await runCli(['monitor', '--date', '2024-03-01', '--data-dir', data, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.json()).toMatchObject({
    asOf: '2024-03-01',
    status: 'succeeded',
    runs: 1,
    counts: { loans: 2, nonPerforming: 0, pools: 1, alertsOpened: 1 },
  });
  const again = await runCli(['monitor', '--date', '2024-03-01', '--data-dir', data, '--format', 'table']);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain('Monitoring run 2024-03-01 (succeeded, full: 2 loans recomputed; run 2 times)');
  expect(again.stdout).toMatch(/loans classified\s+2/);
  // The next day carries forward what cannot have moved; --full recomputes every loan.
  const next = await runCli(['monitor', '--date', '2024-03-02', '--data-dir', data, '--format', 'json']);
  expect(next.json()).toMatchObject({ mode: 'incremental', counts: { loans: 2 } });
  expect(next.json<{ recomputedLoans: number }>().recomputedLoans).toBeLessThanOrEqual(2);
  const full = await runCli(['monitor', '--date', '2024-03-02', '--data-dir', data, '--format', 'json', '--full']);
  expect(full.json()).toMatchObject({ mode: 'full', recomputedLoans: 2, runs: 2, counts: next.json<{ counts: object }>().counts });
  const store = await openStore({ dataDir: data });
  try {
    const rows = await store.raw.query<{ category: string; days: number }>(
      "SELECT category, past_due_days AS days FROM loan_classifications WHERE loan_id = $1 AND as_of = '2024-03-01'",
      [loanA],
    );
    expect(rows).toEqual([{ category: 'special-mention', days: 30 }]);
    expect(await store.raw.query("SELECT id FROM alerts WHERE opened_on = '2024-03-01'")).toHaveLength(1);
  } finally {
    await store.close();
  }
}, 120_000);

it('a bad date exits 2 naming the option, and writes nothing', async () => {
  const data = join(dir, 'data');
  const r = await runCli(['monitor', '--date', '2024-13-01', '--data-dir', data]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--date');
  expect(r.stderr).toContain('"2024-13-01" is not a calendar date');
  const store = await openStore({ dataDir: data });
  try {
    expect(await store.raw.query('SELECT as_of FROM monitoring_runs')).toHaveLength(2);
  } finally {
    await store.close();
  }
}, 60_000);
