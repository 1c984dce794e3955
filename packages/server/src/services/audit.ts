/** Reading the audit log (it is written by every service, in the transaction of the change). */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema.ts';
import type { Store } from '../db/store.ts';

export async function listAudit(
  store: Store,
  q: { entity?: string | undefined; entityId?: string | undefined; limit: number; offset: number },
) {
  const where: SQL[] = [];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  const rows = await store.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
  }));
}
