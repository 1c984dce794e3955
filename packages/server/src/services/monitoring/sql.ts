/**
 * The SQL the monitoring services share: rows of a raw query (dates and money cast to text by the
 * queries, so both drivers give the same JavaScript values), bulk inserts of many rows as one JSON
 * parameter (`json_to_recordset`: one statement for 100,000 rows, the same on PGlite and
 * node-postgres), and the advisory lock of a monitoring date.
 */
import { dayNumber } from '@scf-risk/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/store.ts';

/** The rows of a raw query. */
export async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

/** A JSON parameter (a list of ids, rows to insert). */
export const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::json`;

/** A list of strings as a SQL set: `x IN ${inList(ids)}` (an empty list matches nothing). */
export const inList = (values: readonly string[]): SQL => sql`(SELECT json_array_elements_text(${JSON.stringify(values)}::json))`;

/** Column name → SQL type of a bulk insert. */
export type Columns = Record<string, string>;

const CHUNK = 20_000;
/** Separators of `insertScalarRows` (control characters no date, number, id or category contains). */
const SEP = '\u001f';
const NULL = '\u001e';

/** Insert `data` (objects keyed by column name) into `table` with one statement per 20,000 rows. */
export async function insertRows(tx: Tx, table: string, columns: Columns, data: readonly Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(columns);
  const list = sql.raw(names.join(', '));
  const shape = sql.raw(names.map((n) => `${n} ${columns[n]}`).join(', '));
  for (let k = 0; k < data.length; k += CHUNK) {
    const chunk = data.slice(k, k + CHUNK);
    await tx.execute(sql`INSERT INTO ${sql.raw(table)} (${list}) SELECT ${list} FROM json_to_recordset(${json(chunk)}) AS x(${shape})`);
  }
}

/**
 * Insert rows of scalar columns (no JSON) as one text parameter per column, split and cast by
 * `unnest(string_to_array(…))`: several times cheaper than `json_to_recordset` for 100,000 rows.
 */
export async function insertScalarRows(tx: Tx, table: string, columns: Columns, data: readonly Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(columns);
  for (let k = 0; k < data.length; k += CHUNK * 5) {
    const chunk = data.slice(k, k + CHUNK * 5);
    const arrays = names.map((n) => {
      const text = chunk.map((r) => (r[n] === null || r[n] === undefined ? NULL : String(r[n]))).join(SEP);
      return sql`string_to_array(${text}::text, ${SEP}, ${NULL})::${sql.raw(columns[n]!)}[]`;
    });
    await tx.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names.join(', '))}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`);
  }
}

/** A key of the monitoring locks (an arbitrary constant beside migrate.ts's). */
const MONITORING_LOCK = 7_414_015;

/** Hold the lock of monitoring date `asOf` until the transaction ends (one run or replay of a date at a time). */
export async function lockDates(tx: Tx, dates: readonly string[]): Promise<void> {
  const days = [...new Set(dates.map((d) => dayNumber(d)))].sort((a, b) => a - b);
  if (days.length === 0) return;
  await tx.execute(
    sql`SELECT count(pg_advisory_xact_lock(${MONITORING_LOCK}, d)) FROM (SELECT value::int AS d FROM json_array_elements_text(${JSON.stringify(days)}::json) ORDER BY 1) s`,
  );
}

/** The tables the monitoring chain reads, whose planner statistics `analyzeStale` keeps fresh. */
export const MONITORING_TABLES = [
  'loans',
  'enterprises',
  'applications',
  'pool_members',
  'repayment_schedule',
  'repayments',
  'classification_overrides',
  'loan_classifications',
  'npl_snapshots',
  'collateral',
  'collateral_valuations',
  'commodity_prices',
  'margin_accounts',
  'margin_account_states',
  'margin_trading_days',
  'alerts',
] as const;

/**
 * PGlite has no autovacuum, so nothing ever gathers planner statistics there: without them every
 * estimate is a guess and joins of 100,000 loans run as nested loops (a daily run twice as slow).
 * Analyze the `tables` never analyzed or changed by more than 10 % since (autovacuum's rule),
 * sampling 3,000 rows a table (statistics target 10: row counts and distinct keys are what these
 * plans need). Returns the tables analyzed.
 */
export async function analyzeStale(tx: Tx, tables: readonly string[]): Promise<string[]> {
  const stale = (
    await rows<{ t: string }>(
      tx,
      sql`SELECT c.relname::text AS t FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
          WHERE c.relname::text IN ${inList(tables)} AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
            AND (c.reltuples < 0 OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * c.reltuples)
          ORDER BY 1`,
    )
  ).map((r) => r.t);
  if (stale.length === 0) return stale;
  await tx.execute(sql`SET LOCAL default_statistics_target = 10`);
  for (const t of stale) await tx.execute(sql.raw(`ANALYZE ${t}`));
  await tx.execute(sql`SET LOCAL default_statistics_target = DEFAULT`);
  return stale;
}
