/**
 * As-of replay (SPEC §6.3): a backdated entry (a repayment with a past value date, an override)
 * re-derives every monitoring figure of its loan from its date on — only that loan is recomputed
 * (with the borrower-level rule on: its borrower's loans, which the rule sees together), its NPL groups move by the
 * difference, and the chained states that depend on them (collateral, margin, the borrower's pool,
 * alerts) are replayed over the run dates from the date on. One transaction, under the locks of
 * those dates; nothing else changes. `replayFrom` equals re-running every date from scratch.
 */
import { dayNumber } from '@scf-risk/core';
import { eq, sql } from 'drizzle-orm';
import { loans } from '../../db/schema.ts';
import type { Tx } from '../../db/store.ts';
import { notFound } from '../../problem.ts';
import { audit, type ServiceContext } from '../context.ts';
import { type DeriveResult, derive } from './engine.ts';
import { loadSettings } from './settings.ts';
import { lockDates, rows } from './sql.ts';

export interface ReplayResult {
  loanId: string;
  from: string;
  dates: string[];
  problems: DeriveResult['problems'];
  timings: DeriveResult['timings'];
}

/** Replay `loanId` from `date` inside transaction `tx` (see the module comment). */
export async function replayLoan(tx: Tx, ctx: ServiceContext, loanId: string, date: string): Promise<ReplayResult> {
  dayNumber(date, ['date']);
  const [loan] = await tx.select({ borrowerId: loans.enterpriseId }).from(loans).where(eq(loans.id, loanId));
  if (!loan) throw notFound('loan', loanId);
  const dates = (
    await rows<{ d: string }>(
      tx,
      sql`SELECT as_of::text AS d FROM monitoring_runs WHERE as_of >= ${date} AND status = 'succeeded' ORDER BY as_of`,
    )
  ).map((r) => r.d);
  if (dates.length === 0) return { loanId, from: date, dates, problems: [], timings: {} };
  await lockDates(tx, dates);
  // Under the borrower rule the borrower's other loans may move too; else the loan alone.
  const scope = (await loadSettings(tx)).borrowerDowngrade ? { borrowerId: loan.borrowerId } : { loanId };
  const { problems, timings } = await derive(tx, dates, scope);
  await audit(tx, ctx, { entity: 'loan', entityId: loanId, action: 'monitoring-replay', after: { from: date, dates: dates.length } });
  return { loanId, from: date, dates, problems, timings };
}

/** Replay `loanId` from `date` in a transaction of its own (the hook for a backdated repayment). */
export function replayFrom(ctx: ServiceContext, loanId: string, date: string): Promise<ReplayResult> {
  return ctx.store.db.transaction((tx) => replayLoan(tx, ctx, loanId, date));
}
