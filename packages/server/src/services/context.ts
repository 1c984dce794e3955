/**
 * What every service receives: the store, who acts (for the audit log) and the request id. Services
 * load state, call core, and persist the result with its audit entry in one transaction.
 */
import type { Role } from '../db/schema.ts';
import { auditLog } from '../db/schema.ts';
import type { Store, Tx } from '../db/store.ts';

export interface Actor {
  /** The user's id; null for the system (start-up, seeding). */
  id: string | null;
  username: string;
  role: Role | 'system';
}

export interface ServiceContext {
  store: Store;
  actor: Actor;
  requestId?: string;
}

export const SYSTEM: Actor = { id: null, username: 'system', role: 'system' };

/** JSON for the audit log and responses: bigint money as an integer string, dates as ISO strings. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Append one audit entry in transaction `tx`. */
export async function audit(
  tx: Tx,
  ctx: ServiceContext,
  entry: { entity: string; entityId: string; action: string; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: ctx.actor.id,
    actor: ctx.actor.username,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before === undefined ? null : plain(entry.before),
    after: entry.after === undefined ? null : plain(entry.after),
    requestId: ctx.requestId ?? null,
  });
}

/**
 * The row an INSERT … RETURNING gave, as the caller shows it, with its 'create' audit entry in the
 * same transaction: every service that creates something ends with this.
 */
export async function recordCreated<R extends { id: string }, V>(
  tx: Tx,
  ctx: ServiceContext,
  entity: string,
  rows: readonly R[],
  view: (row: R) => V,
): Promise<V> {
  const [row] = rows;
  if (!row) throw new Error(`the insert of a ${entity} returned no row`);
  const out = view(row);
  await audit(tx, ctx, { entity, entityId: row.id, action: 'create', after: out });
  return out;
}
