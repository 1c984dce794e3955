/** The lending book: enterprises, supply-chain links, financing products, loans (SPEC §6.1). */
import { and, asc, desc, eq, or, type SQL } from 'drizzle-orm';
import { collateral, enterprises, financingProducts, loans, repaymentSchedule, repayments, supplyChainLinks } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { money } from '../schemas.ts';
import { recordCreated, type ServiceContext } from './context.ts';

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

// Loans (read: the demo book and, later, disbursement create them) ------------------------------------

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
  const schedule = await store.db
    .select()
    .from(repaymentSchedule)
    .where(eq(repaymentSchedule.loanId, id))
    .orderBy(asc(repaymentSchedule.seq));
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
    repayments: paid.map((r) => ({ id: r.id, paidOn: r.paidOn, amount: money(r.amountMinor, r.currency), source: r.source })),
    collateral: pledged.map((c) => ({
      id: c.id,
      commodity: c.commodity,
      quantity: c.quantity,
      unit: c.unit,
      haircut: c.haircut,
      warehouseReceipt: c.warehouseReceipt,
    })),
  };
}
