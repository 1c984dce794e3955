/**
 * The size of the book at a glance (the workbench's overview): how many enterprises and loans
 * (the loans by status), and, from the latest monitoring run, the outstanding balance, the NPL
 * balance and the NPL ratio (SPEC §6.3: NPL = substandard + doubtful + loss; ratio = NPL / balance),
 * read with the NPL service (`nplBy`, dimension total) so the figures are the run's own.
 */
import type { ServiceContext } from './context.ts';
import { nplBy } from './monitoring/npl.ts';

export interface BookSummary {
  enterprises: number;
  loans: number;
  loansByStatus: Record<string, number>;
  /** The latest monitoring run's totals; null before the first run. */
  latestRun: { asOf: string; balanceMinor: string; nplBalanceMinor: string; nplRatio: number | null } | null;
}

export async function bookSummary(ctx: Pick<ServiceContext, 'store'>): Promise<BookSummary> {
  const [counts] = await ctx.store.raw.query<{ enterprises: number }>('SELECT count(*)::int AS enterprises FROM enterprises');
  const statuses = await ctx.store.raw.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM loans GROUP BY status ORDER BY status',
  );
  const npl = await nplBy(ctx, { by: 'total', historyDays: 1 });
  const total = npl.groups[0];
  return {
    enterprises: counts?.enterprises ?? 0,
    loans: statuses.reduce((s, r) => s + r.n, 0),
    loansByStatus: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
    latestRun:
      npl.asOf && total
        ? { asOf: npl.asOf, balanceMinor: total.balanceMinor, nplBalanceMinor: total.nplBalanceMinor, nplRatio: total.ratio }
        : null,
  };
}
