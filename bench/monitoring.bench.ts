/**
 * The daily monitoring run at scale (issue 15, "Speed"): 100,000 loans with a year of events —
 * 12 monthly instalments each (1.2 M schedule rows), their repayments (about 1.1 M; one loan in
 * twenty stops paying), steel / copper / cotton pledged on one loan in ten with daily prices, 200
 * mark-to-market accounts with a year of trading days, 10 stop-loss pools — generated in the
 * database with generate_series, then `runDailyMonitoring` for 2024-12-31 on PGlite (in memory)
 * and, when DATABASE_URL is set, PostgreSQL beside it; then a backdated repayment's replay of its
 * loan (`replayFrom`). Goals: run ≤ 10 s on PGlite, replay ≤ 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { openStore, type Store } from '../packages/server/src/db/store.ts';
import { SYSTEM } from '../packages/server/src/services/context.ts';
import { runDailyMonitoring } from '../packages/server/src/services/monitoring/daily-run.ts';
import { replayFrom } from '../packages/server/src/services/monitoring/replay.ts';

const LOANS = Number(process.env.SCF_BENCH_LOANS ?? 100_000);

const SEED = `
INSERT INTO enterprises (name, kind, industry)
  SELECT 'core ' || g, 'core', 'industry ' || (g % 10) FROM generate_series(1, 10) g;
INSERT INTO enterprises (name, kind, industry)
  SELECT 'sme ' || g, 'sme-supplier', 'industry ' || (g % 10) FROM generate_series(1, 25000) g;
INSERT INTO financing_products (code, kind, name, currency) VALUES ('bench-inv', 'inventory-pledge', 'bench', 'CNY');
INSERT INTO stop_loss_pools (name, max_npl_ratio) SELECT 'pool ' || g, 0.05 FROM generate_series(1, 10) g;
CREATE TEMP TABLE smes AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM enterprises WHERE kind = 'sme-supplier';
CREATE TEMP TABLE pk AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM stop_loss_pools;
INSERT INTO pool_members (enterprise_id, pool_id) SELECT s.id, p.id FROM smes s JOIN pk p ON p.k = s.k % 10;
INSERT INTO loans (enterprise_id, product_id, principal_minor, currency, annual_rate, term_months, disbursed_on, maturity_on)
  SELECT s.id, (SELECT id FROM financing_products), 1200000, 'CNY', 0.06, 12, date '2024-01-01', date '2024-12-31'
  FROM generate_series(0, ${LOANS - 1}) g JOIN smes s ON s.k = g % 25000;
CREATE TEMP TABLE lk AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM loans;
INSERT INTO repayment_schedule (loan_id, seq, due_on, principal_minor, interest_minor)
  SELECT l.id, m, (date '2024-01-01' + make_interval(months => m))::date - 1, 100000, 6000
  FROM lk l, generate_series(1, 12) m;
INSERT INTO repayments (loan_id, paid_on, amount_minor, currency)
  SELECT l.id, (date '2024-01-01' + make_interval(months => m))::date - 1, 106000, 'CNY'
  FROM lk l, generate_series(1, 12) m
  WHERE NOT (l.n % 20 = 0 AND m > (l.n / 20) % 12);
INSERT INTO collateral (loan_id, enterprise_id, commodity, quantity, unit, haircut)
  SELECT l.id, x.enterprise_id, (ARRAY['steel', 'copper', 'cotton'])[1 + l.n % 3], 400, 't', 0.2
  FROM lk l JOIN loans x ON x.id = l.id WHERE l.n % 10 = 0;
INSERT INTO commodity_prices (commodity, price_on, unit_price_minor, currency)
  SELECT c, date '2024-01-01' + d, 400000 + ((d * 7919) % 40000) - 20000, 'CNY'
  FROM unnest(ARRAY['steel', 'copper', 'cotton']) c, generate_series(0, 365) d;
INSERT INTO margin_accounts (loan_id, opened_on, cash_minor, collateral_minor, terms, index_parameters)
  SELECT l.id, date '2024-01-01', 100000, 0,
    '{"initialRate":0.1,"maintenanceRate":0.07,"deadlineDays":3,"defaultAfterDays":5}',
    '{"weights":{"volume":0.5,"timeliness":0.3,"returns":0.2},"smoothing":0.3,"baseline":{"volume":100000,"onTimeShare":0.95,"returnShare":0.02}}'
  FROM lk l WHERE l.n % 500 = 1;
INSERT INTO margin_trading_days (account_id, on_date, volume_minor, on_time_share, return_share)
  SELECT a.id, date '2024-01-01' + d, 80000 + ((d * 104729) % 40000), 0.9 + (d % 10) / 100.0, 0.01 + (d % 5) / 100.0
  FROM margin_accounts a, generate_series(0, 365) d;
`;

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, (performance.now() - t) / 1000];
}

async function bench(name: string, store: Store): Promise<void> {
  const [, seed] = await time(() => store.raw.exec(SEED));
  const ctx = { store, actor: SYSTEM };
  const [r1, run1] = await time(() => runDailyMonitoring(ctx, '2024-12-31', { deliver: false }));
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
  console.log(
    `${name.padEnd(10)} seed ${seed.toFixed(1)} s | daily run ${run1.toFixed(2)} s (goal ≤ 10 s; ${r1.run.counts.loans} loans, ` +
      `${r1.run.counts.nonPerforming} NPL, ${r1.run.counts.collateralValued} pledges, ${r1.run.counts.marginAccounts} accounts, ` +
      `${r1.run.counts.alertsOpened} alerts; ${JSON.stringify(r1.timings)}) | next day ${run2.toFixed(2)} s | replay ${(replay * 1000).toFixed(0)} ms, again ` +
      `${(replay2 * 1000).toFixed(0)} ms over ${rep.dates.length} run dates (goal ≤ 100 ms; ${JSON.stringify(rep.timings)})`,
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
