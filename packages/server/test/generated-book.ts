/**
 * A generated loan book with a year of events, written by SQL (generate_series) — the daily-run
 * benchmark's book at 100,000 loans and the incremental run's property test at a few hundred:
 *   - core enterprises, SMEs (four loans each) in stop-loss pools (NPL limit 5 %), one pledge product;
 *   - each loan disbursed on one of the first 28 days of 2024, 12 monthly instalments from there
 *     (so every day of a month has loans falling due), repaid on their due dates — except one loan
 *     in twenty, which stops paying after a month of its own;
 *   - steel / copper / cotton pledged on one loan in ten (none of those that stop paying), with daily prices;
 *   - a mark-to-market account on one loan in 500 with a year of trading days.
 */
export function generatedBookSql(loans: number): string {
  const smes = Math.max(1, Math.floor(loans / 4));
  return `
INSERT INTO enterprises (name, kind, industry)
  SELECT 'core ' || g, 'core', 'industry ' || (g % 10) FROM generate_series(1, 10) g;
INSERT INTO enterprises (name, kind, industry)
  SELECT 'sme ' || g, 'sme-supplier', 'industry ' || (g % 10) FROM generate_series(1, ${smes}) g;
INSERT INTO financing_products (code, kind, name, currency) VALUES ('bench-inv', 'inventory-pledge', 'bench', 'CNY');
INSERT INTO stop_loss_pools (name, max_npl_ratio) SELECT 'pool ' || g, 0.05 FROM generate_series(1, 10) g;
CREATE TEMP TABLE smes AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM enterprises WHERE kind = 'sme-supplier';
CREATE TEMP TABLE pk AS SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM stop_loss_pools;
INSERT INTO pool_members (enterprise_id, pool_id) SELECT s.id, p.id FROM smes s JOIN pk p ON p.k = s.k % 10;
INSERT INTO loans (enterprise_id, product_id, principal_minor, currency, annual_rate, term_months, disbursed_on, maturity_on)
  SELECT s.id, (SELECT id FROM financing_products), 1200000, 'CNY', 0.06, 12, date '2024-01-01' + g % 28,
         (date '2024-01-01' + g % 28 + interval '12 months')::date
  FROM generate_series(0, ${loans - 1}) g JOIN smes s ON s.k = g % ${smes};
CREATE TEMP TABLE lk AS SELECT id, disbursed_on AS d0, row_number() OVER (ORDER BY id) AS n FROM loans;
INSERT INTO repayment_schedule (loan_id, seq, due_on, principal_minor, interest_minor)
  SELECT l.id, m, (l.d0 + make_interval(months => m))::date, 100000, 6000
  FROM lk l, generate_series(1, 12) m;
INSERT INTO repayments (loan_id, paid_on, amount_minor, currency)
  SELECT l.id, (l.d0 + make_interval(months => m))::date, 106000, 'CNY'
  FROM lk l, generate_series(1, 12) m
  WHERE NOT (l.n % 20 = 0 AND m > (l.n / 20) % 12);
INSERT INTO collateral (loan_id, enterprise_id, commodity, quantity, unit, haircut)
  SELECT l.id, x.enterprise_id, (ARRAY['steel', 'copper', 'cotton'])[1 + l.n % 3], 400, 't', 0.2
  FROM lk l JOIN loans x ON x.id = l.id WHERE l.n % 10 = 5;
INSERT INTO commodity_prices (commodity, price_on, unit_price_minor, currency)
  SELECT c, date '2024-01-01' + d, 400000 + ((d * 7919) % 40000) - 20000, 'CNY'
  FROM unnest(ARRAY['steel', 'copper', 'cotton']) c, generate_series(0, 400) d;
INSERT INTO margin_accounts (loan_id, opened_on, cash_minor, collateral_minor, terms, index_parameters)
  SELECT l.id, date '2024-01-01', 100000, 0,
    '{"initialRate":0.1,"maintenanceRate":0.07,"deadlineDays":3,"defaultAfterDays":5}',
    '{"weights":{"volume":0.5,"timeliness":0.3,"returns":0.2},"smoothing":0.3,"baseline":{"volume":100000,"onTimeShare":0.95,"returnShare":0.02}}'
  FROM lk l WHERE l.n % 500 = 1;
INSERT INTO margin_trading_days (account_id, on_date, volume_minor, on_time_share, return_share)
  SELECT a.id, date '2024-01-01' + d, 80000 + ((d * 104729) % 40000), 0.9 + (d % 10) / 100.0, 0.01 + (d % 5) / 100.0
  FROM margin_accounts a, generate_series(0, 400) d;
DROP TABLE smes; DROP TABLE pk; DROP TABLE lk;
`;
}
