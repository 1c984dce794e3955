/**
 * The monitoring chain over run dates (SPEC §6.3–§6.7), for the whole book or one loan (one
 * borrower's loans when the borrower-level rule is on):
 *
 *   for each date D (ascending):
 *     positions  = bookAsOf(book, D)                        delinquency, five categories, overrides
 *     NPL        = nplReport(positions)                     whole book; one loan: its change
 *                                                           applied to the stored groups
 *     collateral = collateralStep(state at the previous run, today's pledge)       per pledged loan
 *     margin     = marginStep(account, events since, then the day's mark)          per account
 *     pools      = observePool(state, NPL of the pool, ledger since the last observation)
 *     alerts     = mergeAlerts(unresolved, evaluateWarnings(rules, subjects, D))
 *
 * An incremental run (`carryFrom`, incremental.ts) recomputes the loans that may have moved and
 * carries the others' rows forward; its NPL report and warnings still cover every loan.
 *
 * Every method is core's; this file loads, orders and writes. States chain from the last
 * succeeded run before the first date. The derived rows of the dates (and, for one loan, of that
 * loan) are replaced as a whole; an alert that is still open and untouched is replaced only when
 * the rerun does not raise it again (so its webhook is not sent twice). A per-subject failure of a
 * core check (e.g. a withdrawal the account cannot take) is reported in `problems`, not fatal.
 */

import { performance } from 'node:perf_hooks';
import {
  type Alert,
  type BookOptions,
  bookAsOf,
  type CollateralCase,
  categoryRank,
  collateralStep,
  createStopLossPool,
  evaluateWarnings,
  isNonPerforming,
  LOAN_CATEGORIES,
  type LoanCategory,
  type MarginAccount,
  type MarginEvent,
  marginStep,
  mergeAlerts,
  NO_GROUP,
  type NplGroup,
  type NplLoan,
  type NplReport,
  nplReport,
  observePool,
  openCollateralCase,
  openMarginAccount,
  SEVERITIES,
  type StopLossPool,
  transactionIndex,
  ValidationError,
  valueCollateral,
  type WarningSubject,
} from '@scf-risk/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/store.ts';
import { type CarriedLoan, carriedIndicators, carriedLoans, carriedNplLoan, carryClassifications } from './incremental.ts';
import { loadSettings } from './settings.ts';
import { inList, insertRows, insertScalarRows, rows } from './sql.ts';
import { type LoanMeta, loadWorld, pledgedItems, type Scope, type World } from './world.ts';

/** The write phases, in order (`failAfter` stops a run after one of them, for tests). */
export const PHASES = ['classification', 'npl', 'collateral', 'margin', 'pools', 'alerts'] as const;
export type Phase = (typeof PHASES)[number];

export interface DeriveOptions {
  /** Throw after this phase's writes (tests: a run killed part-way leaves nothing). */
  failAfter?: Phase;
  /**
   * An incremental run of one date (scope `loanIds`: the loans that may have moved): the other
   * loans keep the rows of this earlier run date (incremental.ts).
   */
  carryFrom?: string;
}

export interface DeriveCounts {
  loans: number;
  nonPerforming: number;
  collateralValued: number;
  collateralCalled: number;
  marginAccounts: number;
  marginCallsOpen: number;
  pools: number;
  poolsStopped: number;
  alertsOpened: number;
  problems: number;
}

export interface DeriveResult {
  counts: DeriveCounts;
  /** Milliseconds per step (load, compute, and each phase's writes). */
  timings: Record<string, number>;
  problems: { subject: string; date: string; message: string }[];
}

/** NPL snapshot dimension → core's loan field. */
export const NPL_DIMENSION_FIELDS = { product: 'product', pool: 'pool', core: 'coreEnterprise', industry: 'industry' } as const;
const CATEGORY_COLUMNS: Record<LoanCategory, string> = {
  normal: 'normal_minor',
  'special-mention': 'special_mention_minor',
  substandard: 'substandard_minor',
  doubtful: 'doubtful_minor',
  loss: 'loss_minor',
};
const NPL_COLUMNS = {
  as_of: 'date',
  dimension: 'text',
  group_key: 'text',
  loans: 'integer',
  normal_minor: 'bigint',
  special_mention_minor: 'bigint',
  substandard_minor: 'bigint',
  doubtful_minor: 'bigint',
  loss_minor: 'bigint',
};
const TOTAL_KEY = 'all';

function groupRow(asOf: string, dimension: string, key: string, g: NplGroup) {
  const row: Record<string, unknown> = { as_of: asOf, dimension, group_key: key, loans: g.loans };
  for (const c of LOAN_CATEGORIES) row[CATEGORY_COLUMNS[c]] = g.byCategory[c];
  return row;
}

function reportRows(asOf: string, npl: NplReport) {
  const out = [groupRow(asOf, 'total', TOTAL_KEY, npl.total)];
  for (const [dim, field] of Object.entries(NPL_DIMENSION_FIELDS))
    for (const [key, g] of Object.entries(npl.by[field])) out.push(groupRow(asOf, dim, key, g));
  return out;
}

/** The NPL groups a loan counts in. */
function groupsOf(m: LoanMeta): [string, string][] {
  return [
    ['total', TOTAL_KEY],
    ['product', m.product],
    ['pool', m.pool ?? NO_GROUP],
    ['core', m.coreEnterprise ?? NO_GROUP],
    ['industry', m.industry],
  ];
}

const SUBJECT_POOL = (id: string) => `pool:${id}`;

/** Run the chain over `dates` (ascending) for `scope` and replace their derived rows (see the module comment). */
export async function derive(tx: Tx, dates: readonly string[], scope: Scope, options: DeriveOptions = {}): Promise<DeriveResult> {
  const first = dates[0];
  const until = dates[dates.length - 1];
  if (!first || !until) throw new Error('derive: no dates');
  const timings: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((timings[name] ?? 0) + now - clock);
    clock = now;
  };
  const settings = await loadSettings(tx);
  const world = await loadWorld(tx, until, scope);
  lap('load');
  const bookOptions: BookOptions = {
    bands: settings.bands,
    graceDays: settings.graceDays,
    ...(settings.borrowerDowngrade ? { borrowerDowngrade: settings.borrowerDowngrade } : {}),
  };
  const one = scope.borrowerId !== undefined || scope.loanId !== undefined;
  const carryFrom = options.carryFrom;
  if (carryFrom !== undefined && (dates.length !== 1 || !scope.loanIds || one))
    throw new Error('derive: carryFrom needs one date and loanIds');
  const carried: CarriedLoan[] = carryFrom !== undefined ? await carriedLoans(tx, carryFrom, scope.loanIds!) : [];
  // Their grouping, for the pledges and accounts of carried loans (valued every day).
  for (const c of carried) world.meta.set(c.meta.id, c.meta);
  const loanIds = [...world.meta.keys()];
  const inScope = (column: string) =>
    scope.loanId !== undefined
      ? sql`AND ${sql.raw(column)} = ${scope.loanId}`
      : scope.borrowerId !== undefined
        ? sql`AND ${sql.raw(column)} IN (SELECT id FROM loans WHERE enterprise_id = ${scope.borrowerId})`
        : sql``;
  const [prev] = await rows<{ d: string | null }>(
    tx,
    sql`SELECT max(as_of)::text AS d FROM monitoring_runs WHERE status = 'succeeded' AND as_of < ${first}`,
  );
  const prevDate = prev?.d ?? null;
  const collateralState = new Map<string, CollateralCase>();
  const marginState = new Map<string, MarginAccount>();
  const poolState = new Map<string, StopLossPool>();
  if (prevDate) {
    for (const r of await rows<{ id: string; state: CollateralCase }>(
      tx,
      sql`SELECT loan_id AS id, state FROM collateral_valuations WHERE as_of = ${prevDate} ${inScope('loan_id')}`,
    ))
      collateralState.set(r.id, r.state);
    for (const r of await rows<{ id: string; state: MarginAccount }>(
      tx,
      sql`SELECT account_id AS id, state FROM margin_account_states WHERE as_of = ${prevDate} ${inScope('loan_id')}`,
    ))
      marginState.set(r.id, r.state);
    for (const r of await rows<{ id: string; state: StopLossPool }>(
      tx,
      sql`SELECT pool_id AS id, state FROM pool_states WHERE as_of = ${prevDate}`,
    ))
      if (world.pools.some((p) => p.id === r.id)) poolState.set(r.id, r.state);
  }

  // One borrower: what the stored rows say now, to move the NPL groups by the difference.
  const oldPositions = new Map<string, { category: LoanCategory; balance: number }>();
  const poolNpl = new Map<string, Record<string, number>>();
  if (one) {
    for (const r of await rows<{ d: string; loan_id: string; category: LoanCategory; balance: string }>(
      tx,
      sql`SELECT as_of::text AS d, loan_id, category, balance_minor::text AS balance FROM loan_classifications
          WHERE as_of >= ${first} AND as_of <= ${until} ${inScope('loan_id')}`,
    ))
      oldPositions.set(`${r.d}/${r.loan_id}`, { category: r.category, balance: Number(r.balance) });
    if (world.pools.length)
      for (const r of await rows<Record<string, string>>(
        tx,
        sql`SELECT as_of::text AS d, group_key, loans::text, normal_minor::text, special_mention_minor::text, substandard_minor::text,
                   doubtful_minor::text, loss_minor::text
            FROM npl_snapshots WHERE dimension = 'pool' AND as_of >= ${first} AND as_of <= ${until}
            AND group_key IN ${inList(world.pools.map((p) => p.id))}`,
      ))
        poolNpl.set(`${r.d}/${r.group_key}`, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
  }

  const existingAlerts = await loadAlerts(tx, first, until, one ? [...loanIds, ...world.pools.map((p) => SUBJECT_POOL(p.id))] : null);
  const replaceable = new Map(
    existingAlerts.filter((a) => a.status === 'open' && a.history.length === 1 && a.date >= first && a.date <= until).map((a) => [a.id, a]),
  );
  let current = existingAlerts.filter((a) => !replaceable.has(a.id));
  const produced: Alert[] = [];

  const out = {
    classification: [] as Record<string, unknown>[],
    npl: [] as Record<string, unknown>[],
    collateral: [] as Record<string, unknown>[],
    margin: [] as Record<string, unknown>[],
    calls: [] as Record<string, unknown>[],
    pools: [] as Record<string, unknown>[],
    transitions: [] as Record<string, unknown>[],
  };
  const problems: DeriveResult['problems'] = [];
  const counts: DeriveCounts = {
    loans: 0,
    nonPerforming: 0,
    collateralValued: 0,
    collateralCalled: 0,
    marginAccounts: 0,
    marginCallsOpen: 0,
    pools: 0,
    poolsStopped: 0,
    alertsOpened: 0,
    problems: 0,
  };
  const guard = (subject: string, date: string, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push({ subject, date, message: e.issues.map((i) => i.message).join('; ') });
    }
  };
  const overrideIds = new Map<string, string>();
  for (const e of world.book.events)
    if (e.type === 'override') overrideIds.set(`${e.loanId}/${e.valueDate}/${e.category}/${e.reason}`, e.id);

  lap('loadStates');
  for (const date of dates) {
    const snapshot = bookAsOf(world.book, date, bookOptions);
    lap('classify');
    // Each loan's exposure: its balance today (a carried loan's is the earlier run's).
    const exposure = new Map<string, number>(snapshot.loans.map((p) => [p.loanId, p.balance]));
    for (const c of carried) exposure.set(c.meta.id, c.balance);
    const last = date === until;
    const subjects = new Map<string, WarningSubject>();
    const subject = (id: string) => {
      let s = subjects.get(id);
      if (!s) subjects.set(id, (s = { id, indicators: {}, events: [] }));
      return s;
    };

    // Classification and NPL.
    const delta = new Map<string, Record<string, unknown>>();
    for (const p of snapshot.loans) {
      const c = p.classification;
      out.classification.push({
        as_of: date,
        loan_id: p.loanId,
        category: c.category,
        floor: c.floor,
        basis: c.basis,
        past_due_days: p.pastDueDays,
        delinquent_days: p.delinquentDays,
        overdue_principal_minor: p.overdue.principal,
        overdue_interest_minor: p.overdue.interest,
        overdue_fees_minor: p.overdue.fees,
        overdue_penalty_minor: p.overdue.penalty,
        balance_minor: p.balance,
        override_id: c.override
          ? (overrideIds.get(`${p.loanId}/${c.override.date}/${c.override.category}/${c.override.reason}`) ?? null)
          : null,
      });
      if (last) {
        counts.loans++;
        if (c.nonPerforming) counts.nonPerforming++;
      }
      const s = subject(p.loanId);
      s.indicators.daysPastDue = { value: p.pastDueDays, date };
      s.indicators.category = { value: categoryRank(c.category), date };
      if (one) {
        const old = oldPositions.get(`${date}/${p.loanId}`);
        if (old?.category === c.category && old.balance === p.balance) continue;
        for (const [dim, key] of groupsOf(world.meta.get(p.loanId)!)) {
          const k = `${dim}/${key}`;
          const d = delta.get(k) ?? {
            as_of: date,
            dimension: dim,
            group_key: key,
            loans: 0,
            ...Object.fromEntries(Object.values(CATEGORY_COLUMNS).map((col) => [col, 0])),
          };
          d.loans = (d.loans as number) + 1 - (old ? 1 : 0);
          d[CATEGORY_COLUMNS[c.category]] = (d[CATEGORY_COLUMNS[c.category]] as number) + p.balance;
          if (old) d[CATEGORY_COLUMNS[old.category]] = (d[CATEGORY_COLUMNS[old.category]] as number) - old.balance;
          delta.set(k, d);
        }
      }
    }
    // An incremental run: the carried loans count in the NPL groups and are warning subjects too.
    let report = snapshot.npl;
    if (carryFrom !== undefined) {
      const all: NplLoan[] = snapshot.loans.map((p) => ({ ...p, category: p.classification.category }));
      for (const c of carried) {
        all.push(carriedNplLoan(c));
        subject(c.meta.id).indicators = carriedIndicators(c, date);
        counts.loans++;
        if (isNonPerforming(c.category)) counts.nonPerforming++;
      }
      report = nplReport(all);
    }
    if (one) out.npl.push(...delta.values());
    else out.npl.push(...reportRows(date, report));

    // Collateral.
    for (const loanId of world.pledges.keys()) {
      const balance = exposure.get(loanId);
      if (balance === undefined) continue;
      const items = pledgedItems(world, loanId, date, settings.collateral.ltvLimit);
      if (items.length === 0) continue;
      guard(loanId, date, () => {
        const before = collateralState.get(loanId) ?? openCollateralCase(loanId);
        const next = collateralStep(before, { date, exposure: balance, items }, settings.collateral);
        collateralState.set(loanId, next);
        const valuation = valueCollateral(balance, items, settings.collateral.levels);
        out.collateral.push({
          as_of: date,
          loan_id: loanId,
          exposure_minor: valuation.exposure,
          market_value_minor: valuation.marketValue,
          pledge_value_minor: valuation.pledgeValue,
          lending_value_minor: valuation.lendingValue,
          ltv: valuation.ltv,
          trigger: valuation.trigger,
          status: next.status,
          shortfall_minor: valuation.shortfall,
          state: next,
        });
        const s = subject(loanId);
        s.indicators.ltv = { value: valuation.ltv, date };
        if (next.status !== before.status && (next.status === 'called' || next.status === 'liquidation'))
          s.events!.push({ type: next.status === 'called' ? 'collateral-call' : 'liquidation', date });
        if (last) {
          counts.collateralValued++;
          if (next.status === 'called' || next.status === 'liquidation') counts.collateralCalled++;
        }
      });
    }

    // Mark-to-market margin.
    for (const a of world.accounts) {
      const balance = exposure.get(a.loanId);
      if (balance === undefined || a.openedOn > date) continue;
      guard(a.id, date, () => {
        let st = marginState.get(a.id) ?? openMarginAccount(a.id, a.cash, a.collateral);
        const days = (world.tradingDays.get(a.id) ?? []).filter((t) => t.date <= date);
        const index = days.length ? transactionIndex(days, a.indexParameters) : [];
        const level = index.at(-1)?.index ?? 100;
        if (st.status !== 'defaulted') {
          for (const e of world.accountEvents.get(a.id) ?? []) {
            if ((st.lastDate !== null && e.date <= st.lastDate) || e.date > date) continue;
            const event: MarginEvent =
              e.type === 'collateral'
                ? { type: 'collateral', date: e.date, eligibleValue: e.amount }
                : { type: e.type, date: e.date, amount: e.amount };
            guard(a.id, e.date, () => {
              st = marginStep(st, event, a.terms);
            });
          }
          const calls = st.calls.length;
          st = marginStep(st, { type: 'mark', date, exposure: balance, index: level }, a.terms);
          if (st.calls.length > calls) subject(a.loanId).events!.push({ type: 'margin-call', date });
        }
        marginState.set(a.id, st);
        const req = st.requirement;
        out.margin.push({
          as_of: date,
          account_id: a.id,
          loan_id: a.loanId,
          status: st.status,
          index_value: level,
          initial_minor: req?.initial ?? 0,
          maintenance_minor: req?.maintenance ?? 0,
          cover_minor: st.cash + st.collateral,
          state: st,
        });
        for (const c of st.calls)
          out.calls.push({
            as_of: date,
            account_id: a.id,
            call_id: c.id,
            loan_id: a.loanId,
            issued_on: c.issuedOn,
            deadline: c.deadline,
            amount_minor: c.amount,
            status: c.status,
            closed_on: c.closedOn ?? null,
            inputs: c.inputs,
          });
        subject(a.loanId).indicators.transactionIndex = {
          value: level,
          date,
          ...(index.length > 1 ? { previous: index.at(-2)!.index } : {}),
        };
        if (last) {
          counts.marginAccounts++;
          counts.marginCallsOpen += st.calls.filter((c) => c.status === 'open' || c.status === 'frozen').length;
        }
      });
    }

    lap('collateralAndMargin');
    // Stop-loss pools.
    for (const pool of world.pools) {
      let balance = 0;
      let npl = 0;
      if (one) {
        const stored = poolNpl.get(`${date}/${pool.id}`) ?? {};
        const d = delta.get(`pool/${pool.id}`) ?? {};
        for (const c of LOAN_CATEGORIES) {
          const v = (stored[CATEGORY_COLUMNS[c]] ?? 0) + ((d[CATEGORY_COLUMNS[c]] as number | undefined) ?? 0);
          balance += v;
          if (categoryRank(c) >= 2) npl += v;
        }
      } else {
        const g = report.by.pool[pool.id];
        balance = g?.balance ?? 0;
        npl = g?.nplBalance ?? 0;
      }
      guard(SUBJECT_POOL(pool.id), date, () => {
        const before = poolState.get(pool.id) ?? createStopLossPool(pool.id, pool.maxNplRatio);
        const since = before.last?.date ?? '';
        let profit = 0;
        let losses = 0;
        for (const l of world.ledger.get(pool.id) ?? [])
          if (l.date > since && l.date <= date) {
            profit += l.profit;
            losses += l.losses;
          }
        const next = observePool(before, { date, balance, nplBalance: npl, profit, losses });
        poolState.set(pool.id, next);
        out.pools.push({ as_of: date, pool_id: pool.id, status: next.status, state: next });
        next.transitions.slice(before.transitions.length).forEach((t, k) =>
          out.transitions.push({
            as_of: date,
            pool_id: pool.id,
            seq: k + 1,
            from_status: t.from,
            to_status: t.to,
            reason: t.reason,
            figures: t.figures,
          }),
        );
        const s = subject(SUBJECT_POOL(pool.id));
        s.indicators.nplRatio = { value: next.last!.ratio, date };
        if (next.status === 'stopped' && before.status !== 'stopped') s.events!.push({ type: 'pool-stopped', date });
        if (last) {
          counts.pools++;
          if (next.status !== 'open') counts.poolsStopped++;
        }
      });
    }

    // Early warnings.
    if (world.rules.length) {
      const fresh = evaluateWarnings(world.rules, [...subjects.values()], date);
      const merged = mergeAlerts(current, fresh);
      produced.push(...merged.slice(current.length));
      current = merged;
    }
    lap('poolsAndAlerts');
  }

  // Writes, phase by phase.
  const range = sql`as_of >= ${first} AND as_of <= ${until}`;
  const fail = (phase: Phase) => {
    lap(`write:${phase}`);
    if (options.failAfter === phase) throw new Error(`monitoring run stopped after ${phase} (failAfter)`);
  };
  await tx.execute(sql`DELETE FROM loan_classifications WHERE ${range} ${inScope('loan_id')}`);
  await insertScalarRows(tx, 'loan_classifications', CLASSIFICATION_COLUMNS, out.classification);
  if (carryFrom !== undefined) await carryClassifications(tx, carryFrom, first, scope.loanIds!);
  fail('classification');
  if (one) await applyNplDelta(tx, out.npl);
  else {
    await tx.execute(sql`DELETE FROM npl_snapshots WHERE ${range}`);
    await insertScalarRows(tx, 'npl_snapshots', NPL_COLUMNS, out.npl);
  }
  fail('npl');
  await tx.execute(sql`DELETE FROM collateral_valuations WHERE ${range} ${inScope('loan_id')}`);
  await insertRows(tx, 'collateral_valuations', COLLATERAL_COLUMNS, out.collateral);
  fail('collateral');
  await tx.execute(sql`DELETE FROM margin_account_states WHERE ${range} ${inScope('loan_id')}`);
  await tx.execute(sql`DELETE FROM margin_calls WHERE ${range} ${inScope('loan_id')}`);
  await insertRows(tx, 'margin_account_states', MARGIN_COLUMNS, out.margin);
  await insertRows(tx, 'margin_calls', CALL_COLUMNS, out.calls);
  fail('margin');
  const poolFilter = one
    ? sql`AND pool_id IN (SELECT json_array_elements_text(${JSON.stringify(world.pools.map((p) => p.id))}::json)::uuid)`
    : sql``;
  await tx.execute(sql`DELETE FROM pool_states WHERE ${range} ${poolFilter}`);
  await tx.execute(sql`DELETE FROM pool_transitions WHERE ${range} ${poolFilter}`);
  await insertRows(tx, 'pool_states', { as_of: 'date', pool_id: 'uuid', status: 'text', state: 'jsonb' }, out.pools);
  await insertRows(tx, 'pool_transitions', TRANSITION_COLUMNS, out.transitions);
  fail('pools');
  const producedIds = new Set(produced.map((a) => a.id));
  const stale = [...replaceable.keys()].filter((id) => !producedIds.has(id));
  if (stale.length) await tx.execute(sql`DELETE FROM alerts WHERE id IN ${inList(stale)}`);
  const opened = produced.filter((a) => !replaceable.has(a.id));
  await insertRows(tx, 'alerts', ALERT_COLUMNS, opened.map(alertRow));
  await queueDeliveries(tx, world, opened);
  counts.alertsOpened = opened.length;
  fail('alerts');
  counts.problems = problems.length;
  return { counts, problems, timings };
}

const CLASSIFICATION_COLUMNS = {
  as_of: 'date',
  loan_id: 'uuid',
  category: 'text',
  floor: 'text',
  basis: 'text',
  past_due_days: 'integer',
  delinquent_days: 'integer',
  overdue_principal_minor: 'bigint',
  overdue_interest_minor: 'bigint',
  overdue_fees_minor: 'bigint',
  overdue_penalty_minor: 'bigint',
  balance_minor: 'bigint',
  override_id: 'uuid',
};
const COLLATERAL_COLUMNS = {
  as_of: 'date',
  loan_id: 'uuid',
  exposure_minor: 'bigint',
  market_value_minor: 'bigint',
  pledge_value_minor: 'bigint',
  lending_value_minor: 'bigint',
  ltv: 'double precision',
  trigger: 'text',
  status: 'text',
  shortfall_minor: 'bigint',
  state: 'jsonb',
};
const MARGIN_COLUMNS = {
  as_of: 'date',
  account_id: 'uuid',
  loan_id: 'uuid',
  status: 'text',
  index_value: 'double precision',
  initial_minor: 'bigint',
  maintenance_minor: 'bigint',
  cover_minor: 'bigint',
  state: 'jsonb',
};
const CALL_COLUMNS = {
  as_of: 'date',
  account_id: 'uuid',
  call_id: 'text',
  loan_id: 'uuid',
  issued_on: 'date',
  deadline: 'date',
  amount_minor: 'bigint',
  status: 'text',
  closed_on: 'date',
  inputs: 'jsonb',
};
const TRANSITION_COLUMNS = {
  as_of: 'date',
  pool_id: 'uuid',
  seq: 'integer',
  from_status: 'text',
  to_status: 'text',
  reason: 'text',
  figures: 'jsonb',
};
const ALERT_COLUMNS = {
  id: 'text',
  rule_id: 'text',
  subject_id: 'text',
  severity: 'text',
  opened_on: 'date',
  message: 'text',
  inputs: 'jsonb',
  status: 'text',
  owner: 'text',
  history: 'jsonb',
  message_text: 'jsonb',
};

const alertRow = (a: Alert) => ({
  id: a.id,
  rule_id: a.ruleId,
  subject_id: a.subjectId,
  severity: a.severity,
  opened_on: a.date,
  message: a.message,
  inputs: a.inputs,
  status: a.status,
  owner: a.owner,
  history: a.history,
  message_text: a.text ?? null,
});

/** Alerts as core's objects: the unresolved ones and those opened in [first, until] (of `subjects`, or all). */
export async function loadAlerts(tx: Tx, first: string, until: string, subjects: string[] | null): Promise<Alert[]> {
  const only = subjects ? sql`AND subject_id IN ${inList(subjects)}` : sql``;
  const list = await rows<{
    id: string;
    rule_id: string;
    subject_id: string;
    severity: Alert['severity'];
    opened_on: string;
    message: string;
    inputs: Record<string, unknown>;
    status: Alert['status'];
    owner: string | null;
    history: Alert['history'];
    message_text: Alert['text'] | null;
  }>(
    tx,
    sql`SELECT id, rule_id, subject_id, severity, opened_on::text AS opened_on, message, inputs, status, owner, history, message_text FROM alerts
        WHERE (status <> 'resolved' OR (opened_on >= ${first} AND opened_on <= ${until})) ${only} ORDER BY opened_on, id`,
  );
  return list.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    subjectId: r.subject_id,
    severity: r.severity,
    date: r.opened_on,
    message: r.message,
    inputs: r.inputs,
    status: r.status,
    owner: r.owner,
    history: r.history,
    ...(r.message_text ? { text: r.message_text } : {}),
  }));
}

/** Outbox rows: each new alert to each active webhook whose minimum severity it reaches. */
export async function queueDeliveries(tx: Tx, world: Pick<World, 'webhooks'>, opened: readonly Alert[]): Promise<void> {
  const rank = (s: string) => SEVERITIES.indexOf(s as Alert['severity']);
  const out: Record<string, unknown>[] = [];
  for (const a of opened)
    for (const h of world.webhooks)
      if (rank(a.severity) >= rank(h.minSeverity))
        out.push({ webhook_id: h.id, alert_id: a.id, event: 'alert.opened', payload: { event: 'alert.opened', alert: a } });
  await insertRows(tx, 'webhook_deliveries', { webhook_id: 'uuid', alert_id: 'text', event: 'text', payload: 'jsonb' }, out);
}

/** Add per-group differences to the stored NPL snapshots (a replay of one borrower). */
async function applyNplDelta(tx: Tx, delta: readonly Record<string, unknown>[]): Promise<void> {
  if (delta.length === 0) return;
  const cols = Object.keys(NPL_COLUMNS);
  const shape = sql.raw(cols.map((c) => `${c} ${NPL_COLUMNS[c as keyof typeof NPL_COLUMNS]}`).join(', '));
  const add = sql.raw(['loans', ...Object.values(CATEGORY_COLUMNS)].map((c) => `${c} = npl_snapshots.${c} + EXCLUDED.${c}`).join(', '));
  await tx.execute(
    sql`INSERT INTO npl_snapshots (${sql.raw(cols.join(', '))}) SELECT ${sql.raw(cols.join(', '))}
        FROM json_to_recordset(${JSON.stringify(delta)}::json) AS x(${shape})
        ON CONFLICT (as_of, dimension, group_key) DO UPDATE SET ${add}`,
  );
}
