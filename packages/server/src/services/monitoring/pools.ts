/**
 * Stop-loss pools (SPEC §6.6): the pool, its members, its state and every transition as the runs
 * recorded them, and the gate pre-loan calls: while an enterprise's pool is stopped or recovering,
 * core's `poolAcceptsNewLoans` says "declined: pool stopped" with the figures behind it.
 */
import { createStopLossPool, type PoolDecision, poolAcceptsNewLoans, type StopLossPool } from '@scf-risk/core';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { enterprises, poolMembers, poolStates, poolTransitions, stopLossPools } from '../../db/schema.ts';
import type { Tx } from '../../db/store.ts';
import { HttpProblem, notFound } from '../../problem.ts';
import { audit, type ServiceContext } from '../context.ts';

type PoolRow = typeof stopLossPools.$inferSelect;

async function stateOf(tx: Tx | ServiceContext['store']['db'], pool: PoolRow): Promise<{ asOf: string | null; state: StopLossPool }> {
  const [s] = await tx.select().from(poolStates).where(eq(poolStates.poolId, pool.id)).orderBy(desc(poolStates.asOf)).limit(1);
  return { asOf: s?.asOf ?? null, state: (s?.state as StopLossPool | undefined) ?? createStopLossPool(pool.id, pool.maxNplRatio) };
}

async function poolView(db: ServiceContext['store']['db'], pool: PoolRow) {
  const { asOf, state } = await stateOf(db, pool);
  const members = await db.select({ id: poolMembers.enterpriseId }).from(poolMembers).where(eq(poolMembers.poolId, pool.id));
  return {
    id: pool.id,
    name: pool.name,
    maxNplRatio: pool.maxNplRatio,
    members: members.map((m) => m.id).sort(),
    status: state.status,
    asOf,
    figures: state.last,
    decision: poolAcceptsNewLoans(state),
    createdAt: pool.createdAt.toISOString(),
  };
}

export async function listPools(ctx: Pick<ServiceContext, 'store'>) {
  const list = await ctx.store.db.select().from(stopLossPools).orderBy(asc(stopLossPools.name));
  return Promise.all(list.map((p) => poolView(ctx.store.db, p)));
}

/** One pool with every recorded transition, oldest first. */
export async function getPool(ctx: Pick<ServiceContext, 'store'>, id: string) {
  const [pool] = await ctx.store.db.select().from(stopLossPools).where(eq(stopLossPools.id, id));
  if (!pool) throw notFound('stop-loss pool', id);
  const transitions = await ctx.store.db
    .select()
    .from(poolTransitions)
    .where(eq(poolTransitions.poolId, id))
    .orderBy(asc(poolTransitions.asOf), asc(poolTransitions.seq));
  return {
    ...(await poolView(ctx.store.db, pool)),
    transitions: transitions.map((t) => ({ asOf: t.asOf, from: t.fromStatus, to: t.toStatus, reason: t.reason, figures: t.figures })),
  };
}

/** A new pool with its stop-loss point and members (an SME is in at most one pool). */
export async function createPool(ctx: ServiceContext, input: { name: string; maxNplRatio: number; members: string[] }) {
  createStopLossPool('check', input.maxNplRatio);
  return ctx.store.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: stopLossPools.id }).from(stopLossPools).where(eq(stopLossPools.name, input.name));
    if (dup) throw new HttpProblem(409, 'Conflict', `a pool named ${input.name} exists`, [{ path: ['name'], message: 'is taken' }]);
    const members = [...new Set(input.members)];
    if (members.length) {
      const known = await tx.select({ id: enterprises.id }).from(enterprises).where(inArray(enterprises.id, members));
      const missing = members.findIndex((m) => !known.some((k) => k.id === m));
      if (missing >= 0) throw notFound('enterprise', members[missing]!, ['members', input.members.indexOf(members[missing]!)]);
      const taken = await tx.select().from(poolMembers).where(inArray(poolMembers.enterpriseId, members));
      if (taken.length)
        throw new HttpProblem(
          409,
          'Conflict',
          'an enterprise is in one pool at most',
          taken.map((t) => ({ path: ['members', input.members.indexOf(t.enterpriseId)], message: `already in pool ${t.poolId}` })),
        );
    }
    const [pool] = await tx
      .insert(stopLossPools)
      .values({ name: input.name, maxNplRatio: input.maxNplRatio, createdBy: ctx.actor.id })
      .returning();
    if (members.length) await tx.insert(poolMembers).values(members.map((enterpriseId) => ({ enterpriseId, poolId: pool!.id })));
    const view = { id: pool!.id, name: pool!.name, maxNplRatio: pool!.maxNplRatio, members: members.sort() };
    await audit(tx, ctx, { entity: 'stop-loss-pool', entityId: pool!.id, action: 'create', after: view });
    return view;
  });
}

export interface PoolGate {
  poolId: string;
  poolName: string;
  asOf: string | null;
  decision: PoolDecision;
}

/**
 * The pre-loan gate: null when the enterprise is in no pool or its pool takes new loans; else the
 * pool's decision ("declined: pool stopped" / "declined: pool recovering") with its figures.
 */
export async function poolGate(tx: Tx, enterpriseId: string): Promise<PoolGate | null> {
  const [m] = await tx
    .select({ pool: stopLossPools })
    .from(poolMembers)
    .innerJoin(stopLossPools, eq(stopLossPools.id, poolMembers.poolId))
    .where(eq(poolMembers.enterpriseId, enterpriseId));
  if (!m) return null;
  const { asOf, state } = await stateOf(tx, m.pool);
  const decision = poolAcceptsNewLoans(state);
  return decision.accepted ? null : { poolId: m.pool.id, poolName: m.pool.name, asOf, decision };
}
