/**
 * A small book for the monitoring tests, written straight into the tables: a core enterprise, two
 * SMEs in a stop-loss pool, a pledge product, loans with monthly instalments (1,000,000 fen of
 * principal each, due on the last day of January, February and March 2024), steel pledged against
 * loan A with a price series.
 */
import {
  collateral,
  commodityPrices,
  enterprises,
  financingProducts,
  loans,
  poolMembers,
  repaymentSchedule,
  repayments,
  stopLossPools,
} from '../src/db/schema.ts';
import type { Store } from '../src/db/store.ts';

export const DUE = ['2024-01-31', '2024-02-29', '2024-03-31'] as const;

export interface Book {
  core: string;
  smeA: string;
  smeB: string;
  product: string;
  pool: string;
  loanA: string;
  loanB: string;
}

/** Insert the book; `maxNplRatio` of the pool (default 0.5). */
export async function seedBook(store: Store, options: { maxNplRatio?: number } = {}): Promise<Book> {
  const db = store.db;
  const [core, smeA, smeB] = await db
    .insert(enterprises)
    .values([
      { name: 'Core Steel', kind: 'core', industry: 'steel' },
      { name: 'SME A', kind: 'sme-distributor', industry: 'steel' },
      { name: 'SME B', kind: 'sme-supplier', industry: 'food' },
    ])
    .returning();
  const [product] = await db
    .insert(financingProducts)
    .values({ code: 'inv-pledge', kind: 'inventory-pledge', name: 'Inventory pledge', currency: 'CNY' })
    .returning();
  const [pool] = await db
    .insert(stopLossPools)
    .values({ name: 'small traders', maxNplRatio: options.maxNplRatio ?? 0.5 })
    .returning();
  await db.insert(poolMembers).values([
    { enterpriseId: smeA!.id, poolId: pool!.id },
    { enterpriseId: smeB!.id, poolId: pool!.id },
  ]);
  const loan = async (enterpriseId: string) => {
    const [l] = await db
      .insert(loans)
      .values({
        enterpriseId,
        productId: product!.id,
        principalMinor: 3_000_000n,
        currency: 'CNY',
        annualRate: '0.000000',
        termMonths: 3,
        disbursedOn: '2023-12-31',
        maturityOn: '2024-03-31',
      })
      .returning();
    await db
      .insert(repaymentSchedule)
      .values(DUE.map((d, k) => ({ loanId: l!.id, seq: k + 1, dueOn: d, principalMinor: 1_000_000n, interestMinor: 0n })));
    return l!.id;
  };
  const loanA = await loan(smeA!.id);
  const loanB = await loan(smeB!.id);
  return { core: core!.id, smeA: smeA!.id, smeB: smeB!.id, product: product!.id, pool: pool!.id, loanA, loanB };
}

/** A repayment of `amount` fen on `paidOn`, recorded now. */
export async function repay(store: Store, loanId: string, paidOn: string, amount: number): Promise<void> {
  await store.db.insert(repayments).values({ loanId, paidOn, amountMinor: BigInt(amount), currency: 'CNY' });
}

/** Pledge `quantity` t of steel against the loan (haircut 0.2) and price it per day from `prices`. */
export async function pledgeSteel(store: Store, book: Book, quantity: string, prices: Record<string, number>): Promise<void> {
  await store.db
    .insert(collateral)
    .values({ loanId: book.loanA, enterpriseId: book.smeA, commodity: 'steel', quantity, unit: 't', haircut: '0.2000' });
  await store.db
    .insert(commodityPrices)
    .values(Object.entries(prices).map(([priceOn, p]) => ({ commodity: 'steel', priceOn, unitPriceMinor: BigInt(p), currency: 'CNY' })));
}

/** Every derived monitoring row, sorted, for comparisons. */
export async function derivedRows(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of [
    'loan_classifications',
    'npl_snapshots',
    'collateral_valuations',
    'margin_account_states',
    'margin_calls',
    'pool_states',
    'pool_transitions',
  ]) {
    const r = await store.raw.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM ${t} t`);
    out[t] = r.map((x) => x.j).sort();
  }
  const a = await store.raw.query<{ j: string }>(
    'SELECT json_build_array(id, rule_id, subject_id, severity, opened_on, message, inputs, status, owner, history)::text AS j FROM alerts',
  );
  out.alerts = a.map((x) => x.j).sort();
  return out;
}
