/**
 * Loading what the monitoring chain needs, for the whole book or one borrower's loans, up to a
 * date: the loan book as core's state + events (schedules, repayments, analyst overrides), the
 * pledged items with their price and haircut series, the margin accounts with their events and
 * trading days, the stop-loss pools with their ledgers, the warning rules and the webhooks.
 */
import {
  type BookEvent,
  type BookLoan,
  isoDate,
  type LoanBook,
  type MarginTerms,
  type PledgeItem,
  type TransactionIndexParameters,
  type WarningRule,
} from '@scf-risk/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/store.ts';
import { rows } from './sql.ts';

/**
 * Whole book, one loan, the loans of one borrower (a replay under the borrower rule, which sees all
 * of them), or a list of loans (an incremental run: the loans whose figures may have moved).
 */
export interface Scope {
  borrowerId?: string;
  loanId?: string;
  loanIds?: readonly string[];
}

/** The scope's loans as a condition on `loans l` (nothing for the whole book). */
export function loansOfScope(scope: Scope): SQL {
  if (scope.loanId) return sql`AND l.id = ${scope.loanId}`;
  if (scope.borrowerId) return sql`AND l.enterprise_id = ${scope.borrowerId}`;
  if (scope.loanIds) return sql`AND l.id IN (SELECT json_array_elements_text(${JSON.stringify(scope.loanIds)}::json)::uuid)`;
  return sql``;
}

/**
 * The grouping fields of a loan (`LoanMeta` after its id and borrower), in this order: currency,
 * product code, pool, core enterprise, industry — joined from `loans l` by `LOAN_META_JOINS`; text
 * with U+001E / U+001F blanked, so records can be packed with them.
 */
export const LOAN_META_FIELDS = sql`l.currency, translate(p.code, E'\x1e\x1f', '  '), coalesce(pm.pool_id::text, ''),
  coalesce(a.core_enterprise_id::text, ''), translate(e.industry, E'\x1e\x1f', '  ')`;
export const LOAN_META_JOINS = sql`JOIN enterprises e ON e.id = l.enterprise_id
        JOIN financing_products p ON p.id = l.product_id
        LEFT JOIN applications a ON a.id = l.application_id
        LEFT JOIN pool_members pm ON pm.enterprise_id = l.enterprise_id`;

/** A packed record's meta fields (from `LOAN_META_FIELDS`) as `LoanMeta`. */
export function loanMeta(id: string, borrowerId: string, f: readonly string[]): LoanMeta {
  return { id, borrowerId, currency: f[0]!, product: f[1]!, pool: f[2] || null, coreEnterprise: f[3] || null, industry: f[4]! };
}

export interface LoanMeta {
  id: string;
  borrowerId: string;
  currency: string;
  product: string;
  pool: string | null;
  coreEnterprise: string | null;
  industry: string;
}

export interface PledgeRow {
  id: string;
  loanId: string;
  commodity: string;
  quantity: number;
  haircut: number;
}

export interface MarginAccountRow {
  id: string;
  loanId: string;
  openedOn: string;
  cash: number;
  collateral: number;
  terms: MarginTerms;
  indexParameters: TransactionIndexParameters;
}

export interface World {
  book: LoanBook;
  meta: Map<string, LoanMeta>;
  /** Override event id → its row id (they are the same uuid). */
  pledges: Map<string, PledgeRow[]>;
  /** `commodity/currency` → [date, unit price] ascending. */
  prices: Map<string, [string, number][]>;
  /** collateral id → [date, haircut] ascending. */
  haircuts: Map<string, [string, number][]>;
  accounts: MarginAccountRow[];
  accountEvents: Map<string, { type: 'deposit' | 'withdrawal' | 'collateral'; date: string; amount: number }[]>;
  tradingDays: Map<string, { date: string; volume: number; onTimeShare: number; returnShare: number }[]>;
  pools: { id: string; maxNplRatio: number }[];
  ledger: Map<string, { date: string; profit: number; losses: number }[]>;
  rules: WarningRule[];
  webhooks: { id: string; minSeverity: string }[];
}

function group<T, K>(list: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of list) {
    const g = out.get(key(t));
    if (g) g.push(t);
    else out.set(key(t), [t]);
  }
  return out;
}

/** Everything dated on or before `until` for `scope` (see the module comment). */
export async function loadWorld(tx: Tx, until: string, scope: Scope): Promise<World> {
  const onlyBorrower = loansOfScope(scope);
  // Pledges and margin accounts: the scope's, or every one in an incremental run (their figures
  // move every day; the unchanged loans' balances come from the earlier run's rows).
  const securedOf = scope.loanIds ? sql`` : onlyBorrower;
  const partial = Boolean(scope.loanId || scope.borrowerId || scope.loanIds);
  // One row per loan, its instalments and repayments packed as text ("day:principal:interest,…",
  // "day:amount,…", days since 1970-01-01): a tenth of the rows a join would send. The run and the
  // replay read every entry (no `knownAt`), so a repayment's booking day is taken as its value day.
  // PGlite spends most of a large read on each row it returns, so the loans come back as ONE text
  // value: records split by U+001E, fields by U+001F (replaced in the names, which never hold them).
  // The schedules and repayments of the scope's loans; for the whole book no join (the outer query
  // keeps the loans disbursed by `until`).
  const ofScope = partial ? sql`JOIN loans l ON l.id = x.loan_id WHERE l.disbursed_on <= ${until} ${onlyBorrower}` : sql`WHERE true`;
  // The aggregation sorts and hashes up to millions of rows: with the default 4 MB of work memory
  // they spill to disk (on PGlite, twice as slow); this transaction may use more.
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
  const [packed] = await rows<{ t: string | null }>(
    tx,
    sql`WITH s AS (SELECT x.loan_id, string_agg((x.due_on - date '1970-01-01') || ':' || x.principal_minor || ':' || x.interest_minor, ',' ORDER BY x.seq) AS sched
              FROM repayment_schedule x ${ofScope} GROUP BY x.loan_id),
        r AS (SELECT x.loan_id, string_agg((x.paid_on - date '1970-01-01') || ':' || x.amount_minor, ',') AS paid
              FROM repayments x ${ofScope} AND x.paid_on <= ${until} GROUP BY x.loan_id)
        SELECT string_agg(concat_ws(E'\x1f', l.id, l.enterprise_id, ${LOAN_META_FIELDS}, coalesce(s.sched, ''), coalesce(r.paid, '')), E'\x1e') AS t
        FROM loans l
        ${LOAN_META_JOINS}
        LEFT JOIN s ON s.loan_id = l.id
        LEFT JOIN r ON r.loan_id = l.id
        WHERE l.disbursed_on <= ${until} ${onlyBorrower}`,
  );
  const loanRows = packed?.t
    ? packed.t.split('\x1e').map((line) => {
        const f = line.split('\x1f');
        return { meta: loanMeta(f[0]!, f[1]!, f.slice(2, 7)), sched: f[7] || null, paid: f[8] || null };
      })
    : [];
  const overrides = await rows<{ id: string; loan_id: string; on: string; booked: string; category: string; reason: string; by: string }>(
    tx,
    sql`SELECT o.id, o.loan_id, o.effective_on::text AS on, greatest(o.effective_on, o.created_at::date)::text AS booked,
               o.category, o.reason, o.decided_by_name AS by
        FROM classification_overrides o JOIN loans l ON l.id = o.loan_id
        WHERE o.effective_on <= ${until} ${onlyBorrower} ORDER BY o.effective_on, o.created_at`,
  );
  const isoOf = new Map<string, string>();
  const iso = (day: string) => {
    let d = isoOf.get(day);
    if (d === undefined) isoOf.set(day, (d = isoDate(Number(day))));
    return d;
  };
  const meta = new Map<string, LoanMeta>();
  const loans: BookLoan[] = [];
  const events: BookEvent[] = [];
  for (const { meta: m, sched, paid } of loanRows) {
    meta.set(m.id, m);
    if (!sched) continue;
    loans.push({
      id: m.id,
      borrowerId: m.borrowerId,
      product: m.product,
      industry: m.industry,
      ...(m.pool ? { pool: m.pool } : {}),
      ...(m.coreEnterprise ? { coreEnterprise: m.coreEnterprise } : {}),
      schedule: sched.split(',').map((x) => {
        const [d, p, i] = x.split(':');
        return { dueDate: iso(d!), principal: Number(p), interest: Number(i) };
      }),
    });
    if (paid)
      paid.split(',').forEach((x, k) => {
        const colon = x.indexOf(':');
        const day = iso(x.slice(0, colon));
        events.push({
          id: `${m.id}/repayment/${k}`,
          loanId: m.id,
          type: 'repayment',
          valueDate: day,
          bookedDate: day,
          amount: Number(x.slice(colon + 1)),
        });
      });
  }
  events.push(
    ...overrides.map(
      (o): BookEvent => ({
        id: o.id,
        loanId: o.loan_id,
        type: 'override',
        valueDate: o.on,
        bookedDate: o.booked,
        category: o.category as 'normal',
        reason: o.reason,
        by: o.by,
      }),
    ),
  );

  const pledgeRows = await rows<{ id: string; loan_id: string; commodity: string; quantity: string; haircut: string }>(
    tx,
    sql`SELECT c.id, c.loan_id, c.commodity, c.quantity::text, c.haircut::text
        FROM collateral c JOIN loans l ON l.id = c.loan_id WHERE l.disbursed_on <= ${until} ${securedOf}`,
  );
  const commodities = [...new Set(pledgeRows.map((p) => p.commodity))];
  const priceRows = commodities.length
    ? await rows<{ commodity: string; currency: string; on: string; price: string }>(
        tx,
        sql`SELECT commodity, currency, price_on::text AS on, unit_price_minor::text AS price FROM commodity_prices
            WHERE price_on <= ${until} AND commodity IN (SELECT json_array_elements_text(${JSON.stringify(commodities)}::json))
            ORDER BY commodity, currency, price_on`,
      )
    : [];
  const haircutRows = pledgeRows.length
    ? await rows<{ id: string; on: string; haircut: string }>(
        tx,
        sql`SELECT h.collateral_id AS id, h.effective_on::text AS on, h.haircut::text FROM collateral_haircuts h
            JOIN collateral c ON c.id = h.collateral_id JOIN loans l ON l.id = c.loan_id
            WHERE h.effective_on <= ${until} ${securedOf} ORDER BY h.collateral_id, h.effective_on`,
      )
    : [];

  const accountRows = await rows<{
    id: string;
    loan_id: string;
    opened: string;
    cash: string;
    collateral: string;
    terms: MarginTerms;
    params: TransactionIndexParameters;
  }>(
    tx,
    sql`SELECT m.id, m.loan_id, m.opened_on::text AS opened, m.cash_minor::text AS cash, m.collateral_minor::text AS collateral,
               m.terms, m.index_parameters AS params
        FROM margin_accounts m JOIN loans l ON l.id = m.loan_id
        WHERE m.opened_on <= ${until} ${securedOf} ORDER BY m.id`,
  );
  const accountIds = accountRows.map((a) => a.id);
  const accountEvents = accountIds.length
    ? await rows<{ account_id: string; type: 'deposit'; on: string; amount: string }>(
        tx,
        sql`SELECT account_id, type, on_date::text AS on, amount_minor::text AS amount FROM margin_account_events
            WHERE on_date <= ${until} AND account_id::text IN (SELECT json_array_elements_text(${JSON.stringify(accountIds)}::json))
            ORDER BY account_id, on_date, created_at`,
      )
    : [];
  // A year of trading days per account is many small rows: packed into one text value as the loans are
  // (double precision prints its shortest exact form, so Number() gives back the stored value).
  const [tradingPacked] = accountIds.length
    ? await rows<{ t: string | null }>(
        tx,
        sql`SELECT string_agg(concat_ws(E'\x1f', account_id, on_date, volume_minor, on_time_share, return_share), E'\x1e' ORDER BY account_id, on_date) AS t
            FROM margin_trading_days
            WHERE on_date <= ${until} AND account_id::text IN (SELECT json_array_elements_text(${JSON.stringify(accountIds)}::json))`,
      )
    : [];
  const trading = tradingPacked?.t
    ? tradingPacked.t.split('\x1e').map((line) => {
        const [account_id, on, volume, on_time, returns] = line.split('\x1f') as string[];
        return { account_id: account_id!, on: on!, volume: volume!, on_time: Number(on_time), returns: Number(returns) };
      })
    : [];

  // One borrower's replay moves its pools only; an incremental run observes every pool.
  const poolIds = scope.borrowerId || scope.loanId ? [...new Set(loanRows.flatMap((l) => (l.meta.pool ? [l.meta.pool] : [])))] : null;
  const pools = (await rows<{ id: string; max: number }>(tx, sql`SELECT id, max_npl_ratio AS max FROM stop_loss_pools ORDER BY id`)).filter(
    (p) => !poolIds || poolIds.includes(p.id),
  );
  const ledger = pools.length
    ? await rows<{ pool_id: string; on: string; profit: string; losses: string }>(
        tx,
        sql`SELECT pool_id, on_date::text AS on, profit_minor::text AS profit, losses_minor::text AS losses FROM pool_ledger
            WHERE on_date <= ${until} ORDER BY pool_id, on_date, created_at`,
      )
    : [];
  const rules = await rows<{ rule: WarningRule }>(tx, sql`SELECT rule FROM alert_rules WHERE active ORDER BY id`);
  const hooks = await rows<{ id: string; min_severity: string }>(tx, sql`SELECT id, min_severity FROM webhooks WHERE active ORDER BY id`);

  return {
    book: { loans, events },
    meta,
    pledges: group(
      pledgeRows.map((p) => ({
        id: p.id,
        loanId: p.loan_id,
        commodity: p.commodity,
        quantity: Number(p.quantity),
        haircut: Number(p.haircut),
      })),
      (p) => p.loanId,
    ),
    prices: new Map(
      [...group(priceRows, (r) => `${r.commodity}/${r.currency}`)].map(([k, v]) => [
        k,
        v.map((r): [string, number] => [r.on, Number(r.price)]),
      ]),
    ),
    haircuts: new Map([...group(haircutRows, (r) => r.id)].map(([k, v]) => [k, v.map((r): [string, number] => [r.on, Number(r.haircut)])])),
    accounts: accountRows.map((a) => ({
      id: a.id,
      loanId: a.loan_id,
      openedOn: a.opened,
      cash: Number(a.cash),
      collateral: Number(a.collateral),
      terms: a.terms,
      indexParameters: a.params,
    })),
    accountEvents: new Map(
      [...group(accountEvents, (e) => e.account_id)].map(([k, v]) => [
        k,
        v.map((e) => ({ type: e.type, date: e.on, amount: Number(e.amount) })),
      ]),
    ),
    tradingDays: new Map(
      [...group(trading, (t) => t.account_id)].map(([k, v]) => [
        k,
        v.map((t) => ({ date: t.on, volume: Number(t.volume), onTimeShare: Number(t.on_time), returnShare: Number(t.returns) })),
      ]),
    ),
    pools: pools.map((p) => ({ id: p.id, maxNplRatio: Number(p.max) })),
    ledger: new Map(
      [...group(ledger, (l) => l.pool_id)].map(([k, v]) => [
        k,
        v.map((l) => ({ date: l.on, profit: Number(l.profit), losses: Number(l.losses) })),
      ]),
    ),
    rules: rules.map((r) => r.rule),
    webhooks: hooks.map((h) => ({ id: h.id, minSeverity: h.min_severity })),
  };
}

/** The last value dated on or before `date` of an ascending series. */
export function valueOn<T>(series: readonly [string, T][] | undefined, date: string): T | undefined {
  if (!series) return undefined;
  let out: T | undefined;
  for (const [d, v] of series) {
    if (d > date) break;
    out = v;
  }
  return out;
}

/**
 * The loan's pledged items as of `date`: the commodity's last price on or before the date in the
 * loan's currency, the item's last haircut (its history, else its own), the settings' LTV limit.
 * An item without a price yet is left out (it cannot be valued).
 */
export function pledgedItems(world: World, loanId: string, date: string, ltvLimit: number): PledgeItem[] {
  const m = world.meta.get(loanId);
  const items: PledgeItem[] = [];
  if (!m) return items;
  for (const it of world.pledges.get(loanId) ?? []) {
    const unitPrice = valueOn(world.prices.get(`${it.commodity}/${m.currency}`), date);
    if (unitPrice === undefined) continue;
    items.push({
      id: it.id,
      commodity: it.commodity,
      quantity: it.quantity,
      unitPrice,
      haircut: valueOn(world.haircuts.get(it.id), date) ?? it.haircut,
      ltvLimit,
    });
  }
  return items;
}
