/**
 * The daily monitoring run at scale (issue 15, "Speed"): 100,000 loans with a year of events —
 * 12 monthly instalments each (1.2 M schedule rows), their repayments (about 1.1 M; one loan in
 * twenty stops paying), steel / copper / cotton pledged on one loan in ten with daily prices, 200
 * mark-to-market accounts with a year of trading days, 10 stop-loss pools (the generated book of
 * packages/server/test/generated-book.ts). On PGlite (in memory) and, when DATABASE_URL is set,
 * PostgreSQL beside it: the first run (2024-12-30, every loan), the daily run of the next day
 * (2024-12-31, incremental: the loans that may have moved), the same day recomputed in full,
 * the day after; then a backdated repayment's replay of its loan (`replayFrom`).
 * Goals: the daily run ≤ 10 s on PGlite, replay ≤ 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { openStore, type Store } from '../packages/server/src/db/store.ts';
import { SYSTEM } from '../packages/server/src/services/context.ts';
import { runDailyMonitoring } from '../packages/server/src/services/monitoring/daily-run.ts';
import { replayFrom } from '../packages/server/src/services/monitoring/replay.ts';
import { generatedBookSql } from '../packages/server/test/generated-book.ts';

const LOANS = Number(process.env.SCF_BENCH_LOANS ?? 100_000);

const SEED = generatedBookSql(LOANS);

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, (performance.now() - t) / 1000];
}

async function bench(name: string, store: Store): Promise<void> {
  const [, seed] = await time(() => store.raw.exec(SEED));
  const ctx = { store, actor: SYSTEM };
  const [r0, run0] = await time(() => runDailyMonitoring(ctx, '2024-12-30', { deliver: false }));
  const [r1, run1] = await time(() => runDailyMonitoring(ctx, '2024-12-31', { deliver: false }));
  const [rf, runFull] = await time(() => runDailyMonitoring(ctx, '2024-12-31', { deliver: false, full: true }));
  const [, run2] = await time(() => runDailyMonitoring(ctx, '2025-01-01', { deliver: false }));
  const [[late]] = await time(() =>
    store.raw.query<{ id: string }>(
      "SELECT l.id FROM loans l WHERE NOT EXISTS (SELECT 1 FROM repayments r WHERE r.loan_id = l.id AND r.paid_on = date '2024-12-31') LIMIT 1",
    ),
  );
  await store.raw.query("INSERT INTO repayments (loan_id, paid_on, amount_minor, currency) VALUES ($1, '2024-12-20', 636000, 'CNY')", [
    late!.id,
  ]);
  const [rep, replay] = await time(() => replayFrom(ctx, late!.id, '2024-12-20'));
  const [, replay2] = await time(() => replayFrom(ctx, late!.id, '2024-12-20'));
  const counts = r1.run.counts;
  console.log(
    `${name.padEnd(10)} seed ${seed.toFixed(1)} s | first run (every loan) ${run0.toFixed(2)} s ${JSON.stringify(r0.timings)}\n` +
      `  daily run ${run1.toFixed(2)} s (goal ≤ 10 s; ${r1.run.mode}, ${r1.run.recomputedLoans} of ${counts.loans} loans recomputed, ` +
      `${counts.nonPerforming} NPL, ${counts.collateralValued} pledges, ${counts.marginAccounts} accounts, ${counts.alertsOpened} alerts; ` +
      `${JSON.stringify(r1.timings)})\n` +
      `  the same day in full ${runFull.toFixed(2)} s (${rf.run.recomputedLoans} loans; ${JSON.stringify(rf.timings)}) | next day ${run2.toFixed(2)} s\n` +
      `  replay ${(replay * 1000).toFixed(0)} ms, again ${(replay2 * 1000).toFixed(0)} ms over ${rep.dates.length} run dates ` +
      `(goal ≤ 100 ms; ${JSON.stringify(rep.timings)})`,
  );
}

console.log(`monitoring: ${LOANS.toLocaleString('en')} loans, a year of events`);
const lite = await openStore({ dataDir: 'memory' });
try {
  await bench('PGlite', lite);
} finally {
  await lite.close();
}
if (process.env.DATABASE_URL) {
  const schema = `bench_monitoring_${process.pid}`;
  const pgStore = await openStore({ databaseUrl: process.env.DATABASE_URL, schema });
  try {
    await bench('PostgreSQL', pgStore);
  } finally {
    await pgStore.raw.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await pgStore.close();
  }
} else console.log('PostgreSQL: skipped (set DATABASE_URL)');
