/**
 * Mark-to-market margin accounts (SPEC §6.5) as entered: one per loan, opened on a date with the
 * cash and collateral posted, the margin terms (initial and maintenance rates, call deadline,
 * default after the freeze, index multiplier bounds) and the transaction index's parameters
 * (weights, smoothing, baseline at the grant) — all data. Terms and parameters are checked by core
 * (`marginRequirement`, `transactionIndex` check them before computing) at entry, so a run never
 * meets a bad account. Create, list, and update of the terms and parameters, each with its audit
 * entry; postings of cash go through the account's events, not here. The daily runs read the
 * accounts as they stand (a date run again uses the new terms).
 */
import { type MarginTerms, marginRequirement, type TransactionIndexParameters, transactionIndex, ValidationError } from '@scf-risk/core';
import { and, desc, eq } from 'drizzle-orm';
import { loans, marginAccounts } from '../../db/schema.ts';
import { HttpProblem, notFound } from '../../problem.ts';
import { audit, recordCreated, type ServiceContext } from '../context.ts';

type Row = typeof marginAccounts.$inferSelect;

export interface MarginAccountParameters {
  terms: MarginTerms;
  indexParameters: TransactionIndexParameters;
}

export interface MarginAccountInput extends MarginAccountParameters {
  loanId: string;
  openedOn: string;
  cashMinor: bigint;
  collateralMinor: bigint;
}

export function marginAccountView(r: Row) {
  return {
    id: r.id,
    loanId: r.loanId,
    openedOn: r.openedOn,
    cashMinor: r.cashMinor.toString(),
    collateralMinor: r.collateralMinor.toString(),
    terms: r.terms as MarginTerms,
    indexParameters: r.indexParameters as TransactionIndexParameters,
    createdAt: r.createdAt.toISOString(),
  };
}
export type MarginAccountView = ReturnType<typeof marginAccountView>;

/** Core's checks of the terms and the index parameters, their issues under `terms` / `indexParameters`. */
function checkParameters(p: MarginAccountParameters): void {
  const issues = [];
  try {
    marginRequirement(0, 100, p.terms);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.at('terms').issues);
  }
  try {
    transactionIndex([], p.indexParameters);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.at('indexParameters').issues);
  }
  if (issues.length) throw new ValidationError(issues);
}

/** Open a margin account for a loan (404 naming loanId when there is no such loan; 409 when it has one). */
export async function createMarginAccount(ctx: ServiceContext, input: MarginAccountInput): Promise<MarginAccountView> {
  checkParameters(input);
  return ctx.store.db.transaction(async (tx) => {
    const [loan] = await tx.select({ id: loans.id }).from(loans).where(eq(loans.id, input.loanId));
    if (!loan) throw notFound('loan', input.loanId, ['loanId']);
    const [dup] = await tx.select({ id: marginAccounts.id }).from(marginAccounts).where(eq(marginAccounts.loanId, input.loanId));
    if (dup)
      throw new HttpProblem(409, 'Conflict', `loan ${input.loanId} has a margin account already (${dup.id})`, [
        {
          path: ['loanId'],
          message: `has the margin account ${dup.id}`,
          allowed: 'a loan without a margin account; PUT /margin-accounts/:id changes it',
        },
      ]);
    const rows = await tx
      .insert(marginAccounts)
      .values({
        loanId: input.loanId,
        openedOn: input.openedOn,
        cashMinor: input.cashMinor,
        collateralMinor: input.collateralMinor,
        terms: input.terms,
        indexParameters: input.indexParameters,
      })
      .returning();
    return recordCreated(tx, ctx, 'margin-account', rows, marginAccountView);
  });
}

/** Replace an account's terms and index parameters (audited with before and after). */
export async function updateMarginAccount(ctx: ServiceContext, id: string, input: MarginAccountParameters): Promise<MarginAccountView> {
  checkParameters(input);
  return ctx.store.db.transaction(async (tx) => {
    const [before] = await tx.select().from(marginAccounts).where(eq(marginAccounts.id, id)).for('update');
    if (!before) throw notFound('margin account', id);
    const [after] = await tx
      .update(marginAccounts)
      .set({ terms: input.terms, indexParameters: input.indexParameters })
      .where(eq(marginAccounts.id, id))
      .returning();
    const view = marginAccountView(after as Row);
    await audit(tx, ctx, { entity: 'margin-account', entityId: id, action: 'update', before: marginAccountView(before), after: view });
    return view;
  });
}

/** The accounts, newest first, optionally of one loan. */
export async function listMarginAccounts(
  ctx: Pick<ServiceContext, 'store'>,
  q: { loanId?: string | undefined; limit: number; offset: number },
): Promise<MarginAccountView[]> {
  const list = await ctx.store.db
    .select()
    .from(marginAccounts)
    .where(and(q.loanId ? eq(marginAccounts.loanId, q.loanId) : undefined))
    .orderBy(desc(marginAccounts.createdAt), desc(marginAccounts.id))
    .limit(q.limit)
    .offset(q.offset);
  return list.map(marginAccountView);
}
