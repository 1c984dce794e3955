/**
 * NPL balance and ratio by group as the runs recorded them (SPEC §6.3):
 *   NPL balance = substandard + doubtful + loss;  ratio = NPL balance / balance (null at balance 0).
 * The rows keep the balance per category in minor units; the ratio is computed on read.
 */
import { sql } from 'drizzle-orm';
import { nplSnapshots } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';

export type NplBy = 'total' | 'product' | 'pool' | 'core' | 'industry';

type Row = typeof nplSnapshots.$inferSelect;
const view = (r: Row) => {
  const byCategory = {
    normal: r.normalMinor,
    'special-mention': r.specialMentionMinor,
    substandard: r.substandardMinor,
    doubtful: r.doubtfulMinor,
    loss: r.lossMinor,
  };
  const balance = Object.values(byCategory).reduce((s, x) => s + x, 0n);
  const npl = r.substandardMinor + r.doubtfulMinor + r.lossMinor;
  return {
    group: r.groupKey,
    loans: r.loans,
    balanceMinor: balance.toString(),
    nplBalanceMinor: npl.toString(),
    ratio: balance > 0n ? Number(npl) / Number(balance) : null,
    byCategoryMinor: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, v.toString()])),
  };
};

/**
 * The groups of `by` as of `asOf` (default: the latest run), and the history of each group over
 * the run dates up to it (at most `historyDays` dates back, default 90).
 */
export async function nplBy(ctx: Pick<ServiceContext, 'store'>, q: { by: NplBy; asOf?: string | undefined; historyDays?: number }) {
  const [latest] = (await ctx.store.db
    .execute(
      q.asOf
        ? sql`SELECT max(as_of)::text AS d FROM npl_snapshots WHERE as_of <= ${q.asOf}`
        : sql`SELECT max(as_of)::text AS d FROM npl_snapshots`,
    )
    .then((r) => (r as unknown as { rows: { d: string | null }[] }).rows)) ?? [{ d: null }];
  const asOf = latest?.d ?? null;
  if (!asOf) return { by: q.by, asOf: null, groups: [], history: [] };
  const list = await ctx.store.db
    .select()
    .from(nplSnapshots)
    .where(
      sql`${nplSnapshots.dimension} = ${q.by} AND ${nplSnapshots.asOf} <= ${asOf} AND ${nplSnapshots.asOf} > (${asOf}::date - ${q.historyDays ?? 90}::int)`,
    )
    .orderBy(nplSnapshots.asOf, nplSnapshots.groupKey);
  return {
    by: q.by,
    asOf,
    groups: list.filter((r) => r.asOf === asOf).map(view),
    history: list.map((r) => ({ asOf: r.asOf, ...view(r) })),
  };
}
