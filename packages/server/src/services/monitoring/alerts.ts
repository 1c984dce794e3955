/**
 * Early-warning alerts and rules (SPEC §6.7): rules are data (core's `WarningRule`, checked by
 * `checkWarningRules`); alerts move open → acknowledged → resolved through core's transitions,
 * each step kept in the alert's history and in the audit log with who and when.
 */
import { type Alert, acknowledgeAlert, checkWarningRules, resolveAlert, type WarningRule } from '@scf-risk/core';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { alertRules, alerts } from '../../db/schema.ts';
import { notFound } from '../../problem.ts';
import { audit, type ServiceContext } from '../context.ts';

type AlertRow = typeof alerts.$inferSelect;
export const alertView = (a: AlertRow): Alert & { updatedAt: string } => ({
  id: a.id,
  ruleId: a.ruleId,
  subjectId: a.subjectId,
  severity: a.severity,
  date: a.openedOn,
  message: a.message,
  ...(a.messageText ? { text: a.messageText } : {}),
  inputs: a.inputs,
  status: a.status,
  owner: a.owner,
  history: a.history as Alert['history'],
  updatedAt: a.updatedAt.toISOString(),
});

export async function listAlerts(
  ctx: Pick<ServiceContext, 'store'>,
  q: {
    status?: AlertRow['status'] | undefined;
    severity?: AlertRow['severity'] | undefined;
    subjectId?: string | undefined;
    owner?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const where: SQL[] = [];
  if (q.status) where.push(eq(alerts.status, q.status));
  if (q.severity) where.push(eq(alerts.severity, q.severity));
  if (q.subjectId) where.push(eq(alerts.subjectId, q.subjectId));
  if (q.owner) where.push(eq(alerts.owner, q.owner));
  const list = await ctx.store.db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.openedOn), asc(alerts.id))
    .limit(q.limit)
    .offset(q.offset);
  return list.map(alertView);
}

const today = () => new Date().toISOString().slice(0, 10);

async function transition(ctx: ServiceContext, id: string, action: string, step: (a: Alert) => Alert) {
  return ctx.store.db.transaction(async (tx) => {
    const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update');
    if (!row) throw notFound('alert', id);
    const before = alertView(row);
    const next = step(before);
    const [after] = await tx
      .update(alerts)
      .set({ status: next.status, owner: next.owner, history: next.history, updatedAt: new Date() })
      .where(eq(alerts.id, id))
      .returning();
    const view = alertView(after!);
    await audit(tx, ctx, {
      entity: 'alert',
      entityId: id,
      action,
      before: { status: before.status, owner: before.owner },
      after: { status: view.status, owner: view.owner },
    });
    return view;
  });
}

/** open → acknowledged; the acknowledging user owns the alert unless it has an owner. */
export function acknowledge(ctx: ServiceContext, id: string) {
  return transition(ctx, id, 'acknowledge', (a) => acknowledgeAlert(a, ctx.actor.username, today()));
}

/** acknowledged → resolved, with what was done. */
export function resolve(ctx: ServiceContext, id: string, note: string) {
  return transition(ctx, id, 'resolve', (a) => resolveAlert(a, ctx.actor.username, today(), note));
}

type RuleRow = typeof alertRules.$inferSelect;
const ruleView = (r: RuleRow) => ({ id: r.id, rule: r.rule as WarningRule, active: r.active, updatedAt: r.updatedAt.toISOString() });

export async function listRules(ctx: Pick<ServiceContext, 'store'>) {
  return (await ctx.store.db.select().from(alertRules).orderBy(asc(alertRules.id))).map(ruleView);
}

/** Add or replace a rule (by id), checked by core; `active: false` switches it off. */
export async function saveRule(ctx: ServiceContext, rule: WarningRule, active = true) {
  checkWarningRules([rule]);
  return ctx.store.db.transaction(async (tx) => {
    const [before] = await tx.select().from(alertRules).where(eq(alertRules.id, rule.id));
    const [row] = await tx
      .insert(alertRules)
      .values({ id: rule.id, rule, active, createdBy: ctx.actor.username })
      .onConflictDoUpdate({ target: alertRules.id, set: { rule, active, updatedAt: new Date() } })
      .returning();
    const view = ruleView(row!);
    await audit(tx, ctx, {
      entity: 'alert-rule',
      entityId: rule.id,
      action: before ? 'update' : 'create',
      before: before ? ruleView(before) : undefined,
      after: view,
    });
    return { rule: view, created: !before };
  });
}
