/**
 * The lending book: enterprises, supply-chain links, financing products, loans with their
 * repayment schedules (core's `repaymentSchedule`, exact in minor units), repayments and collateral
 * (SPEC §6.1). A loan comes from an approved application (its enterprise, product, currency; the
 * principal at most the decided limit; one loan per application) or directly from a credit officer.
 */
import { addMonths, type IsoDate, loanDelinquency, repaymentSchedule, type ScheduleKind, ValidationError } from '@scf-risk/core';
import { and, asc, desc, eq, or, type SQL } from 'drizzle-orm';
import {
  applications,
  collateral,
  decisions,
  type EVENT_SOURCES,
  enterprises,
  financingProducts,
  loans,
  repayments,
  repaymentSchedule as scheduleTable,
  supplyChainLinks,
} from '../db/schema.ts';
import type { Store, Tx } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { money } from '../schemas.ts';
import { audit, recordCreated, type ServiceContext } from './context.ts';
import { replayLoan } from './monitoring/replay.ts';

export interface Page {
  limit: number;
  offset: number;
}

// Enterprises -----------------------------------------------------------------------------------

type EnterpriseRow = typeof enterprises.$inferSelect;
export const enterpriseView = (e: EnterpriseRow) => ({
  id: e.id,
  name: e.name,
  kind: e.kind,
  industry: e.industry,
  region: e.region,
  creditCode: e.creditCode,
  createdAt: e.createdAt.toISOString(),
});
export type EnterpriseView = ReturnType<typeof enterpriseView>;

export async function listEnterprises(store: Store, q: Page & { kind?: EnterpriseRow['kind'] | undefined; industry?: string | undefined }) {
  const where: SQL[] = [];
  if (q.kind) where.push(eq(enterprises.kind, q.kind));
  if (q.industry) where.push(eq(enterprises.industry, q.industry));
  const rows = await store.db
    .select()
    .from(enterprises)
    .where(and(...where))
    .orderBy(asc(enterprises.name), asc(enterprises.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map(enterpriseView);
}

export async function getEnterprise(store: Store, id: string): Promise<EnterpriseView> {
  const [e] = await store.db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!e) throw notFound('enterprise', id);
  return enterpriseView(e);
}

export type NewEnterprise = Pick<EnterpriseRow, 'name' | 'kind' | 'industry'> & {
  region?: string | undefined;
  creditCode?: string | undefined;
};

export async function createEnterprise(ctx: ServiceContext, input: NewEnterprise): Promise<EnterpriseView> {
  return ctx.store.db.transaction(async (tx) => {
    if (input.creditCode) {
      const [dup] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, input.creditCode));
      if (dup)
        throw new HttpProblem(409, 'Conflict', 'an enterprise with this credit code exists', [
          { path: ['creditCode'], message: `already used by enterprise ${dup.id}` },
        ]);
    }
    return recordCreated(
      tx,
      ctx,
      'enterprise',
      await tx
        .insert(enterprises)
        .values({
          name: input.name,
          kind: input.kind,
          industry: input.industry,
          region: input.region ?? null,
          creditCode: input.creditCode ?? null,
        })
        .returning(),
      enterpriseView,
    );
  });
}

// Links ---------------------------------------------------------------------------------------------

type LinkRow = typeof supplyChainLinks.$inferSelect;
export const linkView = (l: LinkRow) => ({
  id: l.id,
  buyerId: l.buyerId,
  sellerId: l.sellerId,
  since: l.since,
  frequency: l.frequency,
  annualVolume: money(l.annualVolumeMinor, l.currency),
  createdAt: l.createdAt.toISOString(),
});
export type LinkView = ReturnType<typeof linkView>;

export async function listLinks(store: Store, q: Page & { enterpriseId?: string | undefined }) {
  const where = q.enterpriseId
    ? or(eq(supplyChainLinks.buyerId, q.enterpriseId), eq(supplyChainLinks.sellerId, q.enterpriseId))
    : undefined;
  const rows = await store.db
    .select()
    .from(supplyChainLinks)
    .where(where)
    .orderBy(asc(supplyChainLinks.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map(linkView);
}

export async function getLink(store: Store, id: string): Promise<LinkView> {
  const [l] = await store.db.select().from(supplyChainLinks).where(eq(supplyChainLinks.id, id));
  if (!l) throw notFound('supply-chain link', id);
  return linkView(l);
}

export interface NewLink {
  buyerId: string;
  sellerId: string;
  since: string;
  frequency: LinkRow['frequency'];
  annualVolumeMinor: bigint;
  currency: string;
}

export async function createLink(ctx: ServiceContext, input: NewLink): Promise<LinkView> {
  if (input.buyerId === input.sellerId) {
    throw new HttpProblem(422, 'Unprocessable Content', 'a link joins two different enterprises', [
      { path: ['sellerId'], message: 'is the buyer itself', allowed: 'an enterprise other than the buyer' },
    ]);
  }
  return ctx.store.db.transaction(async (tx) => {
    for (const field of ['buyerId', 'sellerId'] as const) {
      const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, input[field]));
      if (!e) throw notFound('enterprise', input[field], [field]);
    }
    const [dup] = await tx
      .select({ id: supplyChainLinks.id })
      .from(supplyChainLinks)
      .where(and(eq(supplyChainLinks.buyerId, input.buyerId), eq(supplyChainLinks.sellerId, input.sellerId)));
    if (dup) throw new HttpProblem(409, 'Conflict', `this buyer and seller are linked already (link ${dup.id})`);
    return recordCreated(tx, ctx, 'supply-chain-link', await tx.insert(supplyChainLinks).values(input).returning(), linkView);
  });
}

// Products ------------------------------------------------------------------------------------------

type ProductRow = typeof financingProducts.$inferSelect;
export const productView = (p: ProductRow) => ({
  id: p.id,
  code: p.code,
  kind: p.kind,
  name: p.name,
  currency: p.currency,
  createdAt: p.createdAt.toISOString(),
});
export type ProductView = ReturnType<typeof productView>;

export async function listProducts(store: Store) {
  return (await store.db.select().from(financingProducts).orderBy(asc(financingProducts.code))).map(productView);
}

export async function getProduct(store: Store, id: string): Promise<ProductView> {
  const [p] = await store.db.select().from(financingProducts).where(eq(financingProducts.id, id));
  if (!p) throw notFound('financing product', id);
  return productView(p);
}

export async function createProduct(
  ctx: ServiceContext,
  input: Pick<ProductRow, 'code' | 'kind' | 'name' | 'currency'>,
): Promise<ProductView> {
  return ctx.store.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: financingProducts.id }).from(financingProducts).where(eq(financingProducts.code, input.code));
    if (dup) throw new HttpProblem(409, 'Conflict', `product code ${input.code} is taken`, [{ path: ['code'], message: 'is taken' }]);
    return recordCreated(tx, ctx, 'financing-product', await tx.insert(financingProducts).values(input).returning(), productView);
  });
}

// Loans ---------------------------------------------------------------------------------------------------

type LoanRow = typeof loans.$inferSelect;
export const loanView = (l: LoanRow) => ({
  id: l.id,
  applicationId: l.applicationId,
  enterpriseId: l.enterpriseId,
  productId: l.productId,
  principal: money(l.principalMinor, l.currency),
  annualRate: l.annualRate,
  termMonths: l.termMonths,
  disbursedOn: l.disbursedOn,
  maturityOn: l.maturityOn,
  status: l.status,
  scheduleKind: l.scheduleKind,
});
export type LoanView = ReturnType<typeof loanView>;

export async function listLoans(
  store: Store,
  q: Page & { enterpriseId?: string | undefined; productId?: string | undefined; status?: LoanRow['status'] | undefined },
) {
  const where: SQL[] = [];
  if (q.enterpriseId) where.push(eq(loans.enterpriseId, q.enterpriseId));
  if (q.productId) where.push(eq(loans.productId, q.productId));
  if (q.status) where.push(eq(loans.status, q.status));
  const rows = await store.db
    .select()
    .from(loans)
    .where(and(...where))
    .orderBy(desc(loans.disbursedOn), asc(loans.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map(loanView);
}

export async function getLoan(store: Store, id: string) {
  const [l] = await store.db.select().from(loans).where(eq(loans.id, id));
  if (!l) throw notFound('loan', id);
  const schedule = await store.db.select().from(scheduleTable).where(eq(scheduleTable.loanId, id)).orderBy(asc(scheduleTable.seq));
  const paid = await store.db.select().from(repayments).where(eq(repayments.loanId, id)).orderBy(asc(repayments.paidOn));
  const pledged = await store.db.select().from(collateral).where(eq(collateral.loanId, id));
  return {
    ...loanView(l),
    schedule: schedule.map((s) => ({
      seq: s.seq,
      dueOn: s.dueOn,
      principal: money(s.principalMinor, l.currency),
      interest: money(s.interestMinor, l.currency),
    })),
    repayments: paid.map(repaymentView),
    collateral: pledged.map(collateralView),
  };
}

type RepaymentRow = typeof repayments.$inferSelect;
export const repaymentView = (r: RepaymentRow) => ({
  id: r.id,
  paidOn: r.paidOn,
  amount: money(r.amountMinor, r.currency),
  source: r.source,
});

type CollateralRow = typeof collateral.$inferSelect;
export const collateralView = (c: CollateralRow) => ({
  id: c.id,
  commodity: c.commodity,
  quantity: c.quantity,
  unit: c.unit,
  haircut: c.haircut,
  warehouseReceipt: c.warehouseReceipt,
});

const unprocessable = (message: string, path: (string | number)[], issue: string, allowed?: string) =>
  new HttpProblem(422, 'Unprocessable Content', message, [
    allowed === undefined ? { path, message: issue } : { path, message: issue, allowed },
  ]);

/** The largest amount core computes with exactly (2⁵³ − 1 minor units). */
const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

export interface NewLoan {
  applicationId?: string | undefined;
  enterpriseId?: string | undefined;
  productId?: string | undefined;
  principalMinor: bigint;
  currency: string;
  annualRate: string;
  termMonths: number;
  disbursedOn: IsoDate;
  schedule: ScheduleKind;
}

/** Where a loan's borrower and product come from: an approved application (checked) or the request. */
async function loanOrigin(tx: Tx, input: NewLoan): Promise<{ enterpriseId: string; productId: string; currency: string }> {
  if (input.applicationId === undefined) {
    const enterpriseId = input.enterpriseId as string;
    const productId = input.productId as string;
    const [e] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, enterpriseId));
    if (!e) throw notFound('enterprise', enterpriseId, ['enterpriseId']);
    const [p] = await tx.select().from(financingProducts).where(eq(financingProducts.id, productId));
    if (!p) throw notFound('financing product', productId, ['productId']);
    return { enterpriseId, productId, currency: p.currency };
  }
  const id = input.applicationId;
  const [a] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  if (!a) throw notFound('application', id, ['applicationId']);
  if (a.status !== 'approved')
    throw new HttpProblem(409, 'Conflict', `application ${id} is ${a.status}: only an approved application is lent on`);
  const [taken] = await tx.select({ id: loans.id }).from(loans).where(eq(loans.applicationId, id));
  if (taken) throw new HttpProblem(409, 'Conflict', `application ${id} has its loan already (loan ${taken.id})`);
  for (const field of ['enterpriseId', 'productId'] as const)
    if (input[field] !== undefined && input[field] !== a[field])
      throw unprocessable(
        `the application's ${field} is ${a[field]}`,
        [field],
        'differs from the application',
        `${a[field]} (or leave it out)`,
      );
  const [d] = await tx.select().from(decisions).where(eq(decisions.applicationId, id));
  if (d && input.principalMinor > d.creditLimitMinor)
    throw unprocessable(
      'the principal exceeds the approved limit',
      ['principal', 'minor'],
      `${input.principalMinor} is above the limit`,
      `at most ${d.creditLimitMinor}`,
    );
  return { enterpriseId: a.enterpriseId, productId: a.productId, currency: a.currency };
}

/** Core's schedule for the terms, its issues named as the request's fields. */
function scheduleOf(input: NewLoan) {
  if (input.principalMinor > MAX_MINOR)
    throw unprocessable(
      'the principal is too large',
      ['principal', 'minor'],
      `${input.principalMinor} is too large`,
      `at most ${MAX_MINOR}`,
    );
  try {
    return repaymentSchedule({
      principal: Number(input.principalMinor),
      annualRate: input.annualRate,
      termMonths: input.termMonths,
      disbursedOn: input.disbursedOn,
      kind: input.schedule,
    });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const field: Record<string, (string | number)[]> = { principal: ['principal', 'minor'], kind: ['schedule'] };
    throw new HttpProblem(
      422,
      'Unprocessable Content',
      'the loan terms do not make a schedule',
      e.issues.map((i) => ({ ...i, path: field[String(i.path[0])] ?? i.path })),
    );
  }
}

/** Disburse a loan: the loan, its generated schedule and the audit entry, in one transaction. */
export async function createLoan(ctx: ServiceContext, input: NewLoan) {
  const schedule = scheduleOf(input);
  const id = await ctx.store.db.transaction(async (tx) => {
    const origin = await loanOrigin(tx, input);
    if (input.currency !== origin.currency)
      throw unprocessable(
        `the loan is in ${origin.currency}`,
        ['principal', 'currency'],
        `${input.currency} is not the loan's currency`,
        origin.currency,
      );
    const [row] = await tx
      .insert(loans)
      .values({
        applicationId: input.applicationId ?? null,
        enterpriseId: origin.enterpriseId,
        productId: origin.productId,
        principalMinor: input.principalMinor,
        currency: origin.currency,
        annualRate: input.annualRate,
        termMonths: input.termMonths,
        disbursedOn: input.disbursedOn,
        maturityOn: addMonths(input.disbursedOn, input.termMonths),
        scheduleKind: input.schedule,
      })
      .returning();
    if (!row) throw new Error('the insert of a loan returned no row');
    const rows = schedule.map((s, k) => ({
      loanId: row.id,
      seq: k + 1,
      dueOn: s.dueDate,
      principalMinor: BigInt(s.principal),
      interestMinor: BigInt(s.interest),
    }));
    await tx.insert(scheduleTable).values(rows);
    await audit(tx, ctx, { entity: 'loan', entityId: row.id, action: 'create', after: { ...loanView(row), schedule: rows } });
    return row.id;
  });
  return getLoan(ctx.store, id);
}

/** A loan locked for a write (404 unknown; 409 unless active). */
async function activeLoan(tx: Tx, id: string) {
  const [l] = await tx.select().from(loans).where(eq(loans.id, id)).for('update');
  if (!l) throw notFound('loan', id);
  if (l.status !== 'active') throw new HttpProblem(409, 'Conflict', `loan ${id} is ${l.status}: it takes no more repayments or collateral`);
  return l;
}

export interface NewRepayment {
  amountMinor: bigint;
  currency: string;
  paidOn: IsoDate;
  source: (typeof EVENT_SOURCES)[number];
}

/**
 * Record a repayment. Core allocates it (loanDelinquency: oldest instalment first, penalty → fees →
 * interest → principal); when nothing is left outstanding the loan becomes `repaid` (audited).
 * A repayment dated on or before the latest monitoring run is backdated: the loan is replayed from
 * its date in the same transaction (replayLoan), so every monitoring figure shows it at once.
 */
export async function addRepayment(ctx: ServiceContext, loanId: string, input: NewRepayment) {
  if (input.amountMinor > MAX_MINOR)
    throw unprocessable('the amount is too large', ['amount', 'minor'], `${input.amountMinor} is too large`, `at most ${MAX_MINOR}`);
  return ctx.store.db.transaction(async (tx) => {
    const l = await activeLoan(tx, loanId);
    if (input.currency !== l.currency)
      throw unprocessable(
        `the loan is in ${l.currency}`,
        ['amount', 'currency'],
        `${input.currency} is not the loan's currency`,
        l.currency,
      );
    if (input.paidOn < l.disbursedOn)
      throw unprocessable(
        'a repayment cannot precede the disbursement',
        ['paidOn'],
        `${input.paidOn} is before ${l.disbursedOn}`,
        `${l.disbursedOn} or later`,
      );
    const paid = await recordCreated(
      tx,
      ctx,
      'repayment',
      await tx
        .insert(repayments)
        .values({ loanId, paidOn: input.paidOn, amountMinor: input.amountMinor, currency: input.currency, source: input.source })
        .returning(),
      repaymentView,
    );
    const schedule = await tx.select().from(scheduleTable).where(eq(scheduleTable.loanId, loanId)).orderBy(asc(scheduleTable.seq));
    const all = await tx.select().from(repayments).where(eq(repayments.loanId, loanId));
    const asOf = all.reduce((m, r) => (r.paidOn > m ? r.paidOn : m), input.paidOn);
    const position = loanDelinquency(
      {
        schedule: schedule.map((s) => ({ dueDate: s.dueOn, principal: Number(s.principalMinor), interest: Number(s.interestMinor) })),
        repayments: all.map((r) => ({ id: r.id, date: r.paidOn, amount: Number(r.amountMinor) })),
      },
      asOf,
    );
    let status = l.status;
    if (schedule.length > 0 && position.outstandingTotal === 0) {
      status = 'repaid';
      await tx.update(loans).set({ status }).where(eq(loans.id, loanId));
      await audit(tx, ctx, { entity: 'loan', entityId: loanId, action: 'repaid', before: { status: l.status }, after: { status } });
    }
    await replayLoan(tx, ctx, loanId, input.paidOn);
    return {
      ...paid,
      loan: {
        id: loanId,
        status,
        asOf,
        outstandingPrincipal: money(BigInt(position.outstandingPrincipal), l.currency),
        outstandingTotal: money(BigInt(position.outstandingTotal), l.currency),
        excess: money(BigInt(position.excess), l.currency),
      },
    };
  });
}

export interface NewCollateral {
  commodity: string;
  quantity: string;
  unit: string;
  haircut: string;
  warehouseReceipt?: string | undefined;
}

/** Pledge collateral to an active loan (the borrower's), with its audit entry. */
export async function addCollateral(ctx: ServiceContext, loanId: string, input: NewCollateral) {
  return ctx.store.db.transaction(async (tx) => {
    const l = await activeLoan(tx, loanId);
    return recordCreated(
      tx,
      ctx,
      'collateral',
      await tx
        .insert(collateral)
        .values({ loanId, enterpriseId: l.enterpriseId, ...input, warehouseReceipt: input.warehouseReceipt ?? null })
        .returning(),
      (c) => ({ ...collateralView(c), loanId }),
    );
  });
}
