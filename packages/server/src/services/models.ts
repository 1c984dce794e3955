/**
 * Models as versioned data: indicator systems, weights, scoring rules, credit trees and studies,
 * stored as immutable versions (a database trigger rejects UPDATE and DELETE) with who and when;
 * one version per product and kind is active. The content is checked by its kind's check
 * (model-content.ts: the one the evaluation runs when it uses the version; a refusal is a 422
 * naming `content.<path>`, nothing written) and stored as sent, so an evaluation can be
 * reproduced from the version it recorded.
 */
import { ValidationError } from '@scf-risk/core';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { activeModels, financingProducts, type ModelKind, modelVersions } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { audit, recordCreated, type ServiceContext } from './context.ts';
import { checkModelContent } from './model-content.ts';

type Row = typeof modelVersions.$inferSelect;
export const modelView = (m: Row, active = false) => ({
  id: m.id,
  kind: m.kind,
  productId: m.productId,
  version: m.version,
  content: m.content,
  note: m.note,
  createdBy: m.createdBy,
  createdAt: m.createdAt.toISOString(),
  active,
});
export type ModelView = ReturnType<typeof modelView>;

async function isActive(store: Store, m: Row): Promise<boolean> {
  const [a] = await store.db
    .select({ id: activeModels.modelVersionId })
    .from(activeModels)
    .where(and(eq(activeModels.productId, m.productId), eq(activeModels.kind, m.kind)));
  return a?.id === m.id;
}

export async function listModels(
  store: Store,
  q: { productId?: string | undefined; kind?: ModelKind | undefined; limit: number; offset: number },
): Promise<ModelView[]> {
  const where: SQL[] = [];
  if (q.productId) where.push(eq(modelVersions.productId, q.productId));
  if (q.kind) where.push(eq(modelVersions.kind, q.kind));
  const rows = await store.db
    .select({ m: modelVersions, activeId: activeModels.modelVersionId })
    .from(modelVersions)
    .leftJoin(activeModels, and(eq(activeModels.productId, modelVersions.productId), eq(activeModels.kind, modelVersions.kind)))
    .where(and(...where))
    .orderBy(asc(modelVersions.productId), asc(modelVersions.kind), desc(modelVersions.version))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map((r) => modelView(r.m, r.activeId === r.m.id));
}

export async function getModel(store: Store, id: string): Promise<ModelView> {
  const [m] = await store.db.select().from(modelVersions).where(eq(modelVersions.id, id));
  if (!m) throw notFound('model version', id);
  return modelView(m, await isActive(store, m));
}

export interface NewModelVersion {
  kind: ModelKind;
  productId: string;
  content: unknown;
  note?: string | undefined;
}

/** A new immutable version (number = the last of its product and kind + 1), with an audit entry. */
export async function createModelVersion(ctx: ServiceContext, input: NewModelVersion): Promise<ModelView> {
  try {
    checkModelContent(input.kind, input.content);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new HttpProblem(422, 'Unprocessable Content', `the content is not a valid ${input.kind}`, e.at('content').issues);
    throw e;
  }
  if (!ctx.actor.id) throw new Error('a model version needs a user as its author');
  const author = ctx.actor.id;
  return ctx.store.db.transaction(async (tx) => {
    const [p] = await tx.select({ id: financingProducts.id }).from(financingProducts).where(eq(financingProducts.id, input.productId));
    if (!p) throw notFound('financing product', input.productId, ['productId']);
    // Serialise version numbering per product and kind (two authors at once get 1 and 2, not a conflict).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${input.productId}/${input.kind}`}))`);
    const [last] = await tx
      .select({ v: sql<number>`coalesce(max(${modelVersions.version}), 0)::int` })
      .from(modelVersions)
      .where(and(eq(modelVersions.productId, input.productId), eq(modelVersions.kind, input.kind)));
    return recordCreated(
      tx,
      ctx,
      'model-version',
      await tx
        .insert(modelVersions)
        .values({
          kind: input.kind,
          productId: input.productId,
          version: (last?.v ?? 0) + 1,
          content: input.content,
          note: input.note ?? null,
          createdBy: author,
        })
        .returning(),
      modelView,
    );
  });
}

/** Make version `id` the active one of its product and kind; the previous one is in the audit entry. */
export async function activateModelVersion(ctx: ServiceContext, id: string): Promise<ModelView> {
  if (!ctx.actor.id) throw new Error('activation needs a user');
  const by = ctx.actor.id;
  return ctx.store.db.transaction(async (tx) => {
    const [m] = await tx.select().from(modelVersions).where(eq(modelVersions.id, id));
    if (!m) throw notFound('model version', id);
    const [before] = await tx
      .select()
      .from(activeModels)
      .where(and(eq(activeModels.productId, m.productId), eq(activeModels.kind, m.kind)))
      .for('update');
    await tx
      .insert(activeModels)
      .values({ productId: m.productId, kind: m.kind, modelVersionId: m.id, activatedBy: by })
      .onConflictDoUpdate({
        target: [activeModels.productId, activeModels.kind],
        set: { modelVersionId: m.id, activatedBy: by, activatedAt: sql`now()` },
      });
    await audit(tx, ctx, {
      entity: 'model-version',
      entityId: m.id,
      action: 'activate',
      before: before
        ? { productId: m.productId, kind: m.kind, active: before.modelVersionId }
        : { productId: m.productId, kind: m.kind, active: null },
      after: { productId: m.productId, kind: m.kind, active: m.id },
    });
    return modelView(m, true);
  });
}

/** The active version of a product and kind, if any. */
export async function activeModel(store: Store, productId: string, kind: ModelKind): Promise<ModelView | undefined> {
  const [r] = await store.db
    .select({ m: modelVersions })
    .from(activeModels)
    .innerJoin(modelVersions, eq(modelVersions.id, activeModels.modelVersionId))
    .where(and(eq(activeModels.productId, productId), eq(activeModels.kind, kind)));
  return r ? modelView(r.m, true) : undefined;
}
