/**
 * The incremental daily run: a loan's classification on day D equals its classification on the
 * last run day P < D unless something of it moved in between. A loan keeps P's figures when
 *   - it was current on P (no day past due, so no overdue amount), and
 *   - none of its instalments falls due in [P, D] (one due on P is past due from the next day on),
 *     and none of its repayments or overrides is dated in (P, D] or was recorded after P's run
 *     started (a backdated entry), and
 *   - under the borrower-level rule, none of its borrower's loans moved.
 * With the same classification settings as P's run (bands, grace days, borrower rule; a
 * fingerprint is kept on each run), the day's rows are P's rows of the unchanged loans plus the
 * recomputed rows of the others; the NPL report, pools and alerts still see every loan (the
 * unchanged ones from P's rows, grouped by today's product / pool / core / industry), and every
 * pledge and margin account is valued and marked (an unchanged loan's exposure is P's balance).
 * A property test checks that an incremental run writes exactly what a full run writes.
 */
import { createHash } from 'node:crypto';
import { categoryRank, type LoanCategory, type NplLoan } from '@scf-risk/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/store.ts';
import type { MonitoringSettings } from './settings.ts';
import { rows } from './sql.ts';
import { LOAN_META_FIELDS, LOAN_META_JOINS, type LoanMeta, loanMeta } from './world.ts';

/** What a run does: recompute every loan, or only the loans that may have moved since `from`. */
export type RunPlan = { mode: 'full'; reason: string } | { mode: 'incremental'; from: string; loanIds: string[] };

/** The fingerprint of the settings a classification depends on (kept on each run). */
export function classificationFingerprint(s: MonitoringSettings): string {
  const basis = { bands: s.bands, graceDays: s.graceDays, borrowerDowngrade: s.borrowerDowngrade };
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex').slice(0, 16);
}

/** How to run `asOf` (see the module comment); `full` forces a full run. */
export async function planRun(tx: Tx, asOf: string, settings: MonitoringSettings, full: boolean): Promise<RunPlan> {
  if (full) return { mode: 'full', reason: 'asked for' };
  const [prev] = await rows<{ d: string; started: string; fingerprint: string | null }>(
    tx,
    sql`SELECT as_of::text AS d, started_at::text AS started, settings_fingerprint AS fingerprint FROM monitoring_runs
        WHERE status = 'succeeded' AND as_of < ${asOf} ORDER BY as_of DESC LIMIT 1`,
  );
  if (!prev) return { mode: 'full', reason: 'no earlier run' };
  if (prev.fingerprint !== classificationFingerprint(settings))
    return { mode: 'full', reason: `the classification settings changed since the run of ${prev.d}` };
  const moved = sql`SELECT l.id FROM loans l
      LEFT JOIN loan_classifications c ON c.loan_id = l.id AND c.as_of = ${prev.d}
      WHERE l.disbursed_on <= ${asOf} AND (
        c.loan_id IS NULL OR c.past_due_days > 0
        OR EXISTS (SELECT 1 FROM repayment_schedule s WHERE s.loan_id = l.id AND s.due_on >= ${prev.d} AND s.due_on <= ${asOf})
        OR EXISTS (SELECT 1 FROM repayments r WHERE r.loan_id = l.id AND r.paid_on <= ${asOf}
                   AND (r.paid_on > ${prev.d} OR r.recorded_at >= ${prev.started}::timestamptz))
        OR EXISTS (SELECT 1 FROM classification_overrides o WHERE o.loan_id = l.id AND o.effective_on <= ${asOf}
                   AND (o.effective_on > ${prev.d} OR o.created_at >= ${prev.started}::timestamptz)))`;
  const query = settings.borrowerDowngrade
    ? sql`SELECT string_agg(id::text, ',') AS ids FROM loans WHERE disbursed_on <= ${asOf}
          AND enterprise_id IN (SELECT enterprise_id FROM loans WHERE id IN (${moved}))`
    : sql`SELECT string_agg(id::text, ',') AS ids FROM (${moved}) m`;
  const [r] = await rows<{ ids: string | null }>(tx, query);
  return { mode: 'incremental', from: prev.d, loanIds: r?.ids ? r.ids.split(',') : [] };
}

/** An unchanged loan: its grouping (today's) and its category and balance of the earlier day. */
export interface CarriedLoan {
  meta: LoanMeta;
  category: LoanCategory;
  balance: number;
}

/** The loans of `from`'s rows outside `loanIds`, with today's grouping fields. */
export async function carriedLoans(tx: Tx, from: string, loanIds: readonly string[]): Promise<CarriedLoan[]> {
  const [packed] = await rows<{ t: string | null }>(
    tx,
    sql`SELECT string_agg(concat_ws(E'\x1f', l.id, l.enterprise_id, ${LOAN_META_FIELDS}, c.category, c.balance_minor), E'\x1e') AS t
        FROM loan_classifications c JOIN loans l ON l.id = c.loan_id
        ${LOAN_META_JOINS}
        WHERE c.as_of = ${from} AND c.loan_id NOT IN (SELECT json_array_elements_text(${JSON.stringify(loanIds)}::json)::uuid)`,
  );
  if (!packed?.t) return [];
  return packed.t.split('\x1e').map((line) => {
    const f = line.split('\x1f');
    return { meta: loanMeta(f[0]!, f[1]!, f.slice(2, 7)), category: f[7] as LoanCategory, balance: Number(f[8]) };
  });
}

/** A carried loan as core's NPL input (the fields `bookAsOf` gives a position). */
export function carriedNplLoan(c: CarriedLoan): NplLoan {
  const m = c.meta;
  return {
    balance: c.balance,
    category: c.category,
    product: m.product,
    industry: m.industry,
    ...(m.pool ? { pool: m.pool } : {}),
    ...(m.coreEnterprise ? { coreEnterprise: m.coreEnterprise } : {}),
  };
}

/** The warning indicators of a carried loan on `date` (it is current: no day past due). */
export function carriedIndicators(c: CarriedLoan, date: string) {
  return { daysPastDue: { value: 0, date }, category: { value: categoryRank(c.category), date } };
}

/** Copy `from`'s classification rows of the loans outside `loanIds` to `asOf`. */
export async function carryClassifications(tx: Tx, from: string, asOf: string, loanIds: readonly string[]): Promise<void> {
  await tx.execute(
    sql`INSERT INTO loan_classifications (as_of, loan_id, category, floor, basis, past_due_days, delinquent_days, overdue_principal_minor,
          overdue_interest_minor, overdue_fees_minor, overdue_penalty_minor, balance_minor, override_id)
        SELECT ${asOf}::date, loan_id, category, floor, basis, past_due_days, delinquent_days, overdue_principal_minor,
          overdue_interest_minor, overdue_fees_minor, overdue_penalty_minor, balance_minor, override_id
        FROM loan_classifications
        WHERE as_of = ${from} AND loan_id NOT IN (SELECT json_array_elements_text(${JSON.stringify(loanIds)}::json)::uuid)`,
  );
}
