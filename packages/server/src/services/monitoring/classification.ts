/**
 * Loan classification (SPEC §6.3): a loan's history as the runs recorded it, and an analyst's
 * override — worse than the day floor, never better, with a reason and who — checked by core's
 * `addBookEvent` (the floor as of the override's date, as known on its booking day), stored, and
 * replayed from its date in the same transaction.
 */
import { addBookEvent, bookAsOf, type LoanCategory } from '@scf-risk/core';
import { asc, eq, sql } from 'drizzle-orm';
import { classificationOverrides, loanClassifications, loans } from '../../db/schema.ts';
import { notFound } from '../../problem.ts';
import { money } from '../../schemas.ts';
import { audit, type ServiceContext } from '../context.ts';
import { replayLoan } from './replay.ts';
import { loadSettings } from './settings.ts';
import { loadWorld } from './world.ts';

/** The loan's classification per run date, oldest first, with the overrides entered. */
export async function classificationHistory(ctx: Pick<ServiceContext, 'store'>, loanId: string) {
  const [loan] = await ctx.store.db.select({ currency: loans.currency }).from(loans).where(eq(loans.id, loanId));
  if (!loan) throw notFound('loan', loanId);
  const history = await ctx.store.db
    .select()
    .from(loanClassifications)
    .where(eq(loanClassifications.loanId, loanId))
    .orderBy(asc(loanClassifications.asOf));
  const overrides = await ctx.store.db
    .select()
    .from(classificationOverrides)
    .where(eq(classificationOverrides.loanId, loanId))
    .orderBy(asc(classificationOverrides.effectiveOn), asc(classificationOverrides.createdAt));
  return {
    loanId,
    history: history.map((h) => ({
      asOf: h.asOf,
      category: h.category,
      floor: h.floor,
      basis: h.basis,
      pastDueDays: h.pastDueDays,
      delinquentDays: h.delinquentDays,
      overdue: {
        principal: money(h.overduePrincipalMinor, loan.currency),
        interest: money(h.overdueInterestMinor, loan.currency),
        fees: money(h.overdueFeesMinor, loan.currency),
        penalty: money(h.overduePenaltyMinor, loan.currency),
      },
      balance: money(h.balanceMinor, loan.currency),
      overrideId: h.overrideId,
    })),
    overrides: overrides.map(overrideView),
  };
}

type OverrideRow = typeof classificationOverrides.$inferSelect;
const overrideView = (o: OverrideRow) => ({
  id: o.id,
  effectiveOn: o.effectiveOn,
  category: o.category,
  floor: o.floor,
  reason: o.reason,
  decidedBy: o.decidedByName,
  createdAt: o.createdAt.toISOString(),
});

/** Record an analyst's category from `effectiveOn` (see the module comment); 422 when better than the floor. */
export async function overrideClassification(
  ctx: ServiceContext,
  loanId: string,
  input: { category: LoanCategory; reason: string; effectiveOn: string },
) {
  return ctx.store.db.transaction(async (tx) => {
    const [loan] = await tx.select({ borrowerId: loans.enterpriseId }).from(loans).where(eq(loans.id, loanId));
    if (!loan) throw notFound('loan', loanId);
    const bookedOn = (await tx.execute(sql`SELECT greatest(current_date, ${input.effectiveOn}::date)::text AS d`)) as unknown as {
      rows: { d: string }[];
    };
    const booked = bookedOn.rows[0]!.d;
    const world = await loadWorld(tx, input.effectiveOn, { borrowerId: loan.borrowerId });
    const settings = await loadSettings(tx);
    const options = { bands: settings.bands, graceDays: settings.graceDays, knownAt: booked };
    const one = { loans: world.book.loans.filter((l) => l.id === loanId), events: world.book.events.filter((e) => e.loanId === loanId) };
    if (one.loans.length === 0) throw notFound('loan disbursed by the override date', loanId, ['effectiveOn']);
    const event = {
      id: 'new',
      loanId,
      type: 'override' as const,
      valueDate: input.effectiveOn,
      bookedDate: booked,
      category: input.category,
      reason: input.reason,
      by: ctx.actor.username,
    };
    addBookEvent(one, event, options);
    const floor = bookAsOf(one, input.effectiveOn, options).loans[0]!.classification.floor;
    const [row] = await tx
      .insert(classificationOverrides)
      .values({
        loanId,
        effectiveOn: input.effectiveOn,
        category: input.category,
        floor,
        reason: input.reason,
        decidedBy: ctx.actor.id,
        decidedByName: ctx.actor.username,
      })
      .returning();
    const view = overrideView(row!);
    await audit(tx, ctx, { entity: 'loan-classification-override', entityId: row!.id, action: 'create', after: { loanId, ...view } });
    const replay = await replayLoan(tx, ctx, loanId, input.effectiveOn);
    return { override: view, replayedDates: replay.dates };
  });
}
