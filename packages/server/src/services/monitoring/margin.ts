/** Margin calls as the runs recorded them (SPEC §6.5): every call with its inputs, deadline and escalation. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { marginCalls } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';

/** The calls as of `asOf` (default: the latest run with calls), optionally only open/frozen ones. */
export async function listMarginCalls(
  ctx: Pick<ServiceContext, 'store'>,
  q: { asOf?: string | undefined; status?: 'open' | 'met' | 'frozen' | 'defaulted' | undefined; limit: number; offset: number },
) {
  const [latest] = await ctx.store.db
    .select({ d: marginCalls.asOf })
    .from(marginCalls)
    .where(q.asOf ? sql`${marginCalls.asOf} <= ${q.asOf}` : undefined)
    .orderBy(desc(marginCalls.asOf))
    .limit(1);
  if (!latest) return { asOf: null, calls: [] };
  const list = await ctx.store.db
    .select()
    .from(marginCalls)
    .where(and(eq(marginCalls.asOf, latest.d), q.status ? eq(marginCalls.status, q.status) : undefined))
    .orderBy(marginCalls.issuedOn, marginCalls.callId)
    .limit(q.limit)
    .offset(q.offset);
  return {
    asOf: latest.d,
    calls: list.map((c) => ({
      id: c.callId,
      accountId: c.accountId,
      loanId: c.loanId,
      issuedOn: c.issuedOn,
      deadline: c.deadline,
      amountMinor: c.amountMinor.toString(),
      status: c.status,
      closedOn: c.closedOn,
      inputs: c.inputs,
    })),
  };
}
