/**
 * Non-performing-loan balance and ratio (SPEC §6.3), in total and by product, pool, core
 * enterprise and industry:
 *
 *   NPL balance = Σ balance of loans classified substandard, doubtful or loss
 *   NPL ratio   = NPL balance / total balance          (null when the total balance is 0)
 *
 * Balances are outstanding principal in minor units; the ratio is a plain number. A loan without
 * a value for a dimension is counted under `(none)`.
 *
 * Example: balances 600 (normal) and 400 (substandard) → NPL balance 400, ratio 0.4.
 */
import { isNonPerforming, LOAN_CATEGORIES, type LoanCategory } from './classification.ts';
import type { Money } from './money-and-dates.ts';

/** The grouping dimensions of a loan. */
export const NPL_DIMENSIONS = ['product', 'pool', 'coreEnterprise', 'industry'] as const;
export type NplDimension = (typeof NPL_DIMENSIONS)[number];

/** What the ratio needs of a loan. */
export interface NplLoan {
  balance: Money;
  category: LoanCategory;
  product?: string;
  pool?: string;
  coreEnterprise?: string;
  industry?: string;
}

export interface NplGroup {
  loans: number;
  balance: Money;
  nplBalance: Money;
  ratio: number | null;
  byCategory: Record<LoanCategory, Money>;
}

export interface NplReport {
  total: NplGroup;
  by: Record<NplDimension, Record<string, NplGroup>>;
}

/** The key loans without a value for a dimension are grouped under. */
export const NO_GROUP = '(none)';

const emptyGroup = (): NplGroup => ({
  loans: 0,
  balance: 0,
  nplBalance: 0,
  ratio: null,
  byCategory: Object.fromEntries(LOAN_CATEGORIES.map((c) => [c, 0])) as Record<LoanCategory, Money>,
});

function add(g: NplGroup, l: NplLoan): void {
  g.loans += 1;
  g.balance += l.balance;
  g.byCategory[l.category] += l.balance;
  if (isNonPerforming(l.category)) g.nplBalance += l.balance;
  g.ratio = g.balance > 0 ? g.nplBalance / g.balance : null;
}

/** NPL balance and ratio in total and per value of each dimension (keys sorted). */
export function nplReport(loans: readonly NplLoan[]): NplReport {
  const total = emptyGroup();
  const by = Object.fromEntries(NPL_DIMENSIONS.map((d) => [d, {} as Record<string, NplGroup>])) as Record<
    NplDimension,
    Record<string, NplGroup>
  >;
  for (const l of loans) {
    add(total, l);
    for (const d of NPL_DIMENSIONS) {
      const key = l[d] ?? NO_GROUP;
      by[d][key] ??= emptyGroup();
      add(by[d][key], l);
    }
  }
  for (const d of NPL_DIMENSIONS)
    by[d] = Object.fromEntries(
      Object.keys(by[d])
        .sort()
        .map((k) => [k, by[d][k]]),
    );
  return { total, by };
}
