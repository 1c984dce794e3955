/**
 * Webhook push of alerts (SPEC §6.7): subscriptions, and the delivery of the outbox rows the run
 * writes in its transaction. Each POST carries the JSON body and
 *   X-SCF-Signature: sha256=<hex HMAC-SHA256(secret, body)>
 * (verify by recomputing over the raw body and comparing in constant time), X-SCF-Event and
 * X-SCF-Delivery. A delivery that fails (no answer, or not 2xx) is retried with exponential
 * backoff, base · 2^(attempt−1), and marked failed after `maxAttempts`. Deliveries are claimed
 * with FOR UPDATE SKIP LOCKED, so several processes never send one twice at once.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { webhooks } from '../../db/schema.ts';
import { recordCreated, type ServiceContext } from '../context.ts';
import { rows } from './sql.ts';

type WebhookRow = typeof webhooks.$inferSelect;
/** The subscription as shown: never its secret. */
export const webhookView = (w: WebhookRow) => ({
  id: w.id,
  url: w.url,
  minSeverity: w.minSeverity,
  active: w.active,
  createdAt: w.createdAt.toISOString(),
});

export async function createWebhook(
  ctx: ServiceContext,
  input: { url: string; secret: string; minSeverity?: WebhookRow['minSeverity'] | undefined },
) {
  return ctx.store.db.transaction(async (tx) =>
    recordCreated(
      tx,
      ctx,
      'webhook',
      await tx
        .insert(webhooks)
        .values({ url: input.url, secret: input.secret, minSeverity: input.minSeverity ?? 'info', createdBy: ctx.actor.id })
        .returning(),
      webhookView,
    ),
  );
}

/** The signature header value of `body` under `secret`. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryOptions {
  /** Attempts before a delivery is marked failed (default 5). */
  maxAttempts?: number;
  /** Backoff base in ms (default 1,000). */
  baseDelayMs?: number;
  /** Per-request timeout in ms (default 5,000). */
  timeoutMs?: number;
  /** Keep going until nothing is pending (waiting out the backoff); default: one pass over what is due. */
  wait?: boolean;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  retrying: number;
}

/** Send what is due (see the module comment). */
export async function deliverPending(ctx: Pick<ServiceContext, 'store'>, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const { maxAttempts = 5, baseDelayMs = 1000, timeoutMs = 5000, wait = false } = options;
  const report: DeliveryReport = { delivered: 0, failed: 0, retrying: 0 };
  for (;;) {
    const due = await ctx.store.db.transaction((tx) =>
      rows<{ id: string; url: string; secret: string; event: string; payload: unknown; attempts: number }>(
        tx,
        sql`UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${timeoutMs / 1000 + 30})
            FROM webhooks w
            WHERE w.id = d.webhook_id AND d.id IN (
              SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
              ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING d.id, w.url, w.secret, d.event, d.payload, d.attempts`,
      ),
    );
    for (const d of due) {
      const body = JSON.stringify(d.payload);
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(d.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-scf-signature': signature(d.secret, body),
            'x-scf-event': d.event,
            'x-scf-delivery': d.id,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      const attempts = d.attempts + 1;
      if (error === null) {
        report.delivered++;
        await ctx.store.db.execute(
          sql`UPDATE webhook_deliveries SET status = 'delivered', attempts = ${attempts}, last_status = ${status}, last_error = NULL, delivered_at = now() WHERE id = ${d.id}`,
        );
      } else if (attempts >= maxAttempts) {
        report.failed++;
        await ctx.store.db.execute(
          sql`UPDATE webhook_deliveries SET status = 'failed', attempts = ${attempts}, last_status = ${status}, last_error = ${error} WHERE id = ${d.id}`,
        );
      } else {
        report.retrying++;
        const delay = baseDelayMs * 2 ** (attempts - 1);
        await ctx.store.db.execute(
          sql`UPDATE webhook_deliveries SET attempts = ${attempts}, last_status = ${status}, last_error = ${error},
              next_attempt_at = now() + make_interval(secs => ${delay / 1000}) WHERE id = ${d.id}`,
        );
      }
    }
    if (!wait) return report;
    const [next] = await ctx.store.db.transaction((tx) =>
      rows<{ ms: number | null }>(
        tx,
        sql`SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms FROM webhook_deliveries WHERE status = 'pending'`,
      ),
    );
    if (next?.ms === null || next?.ms === undefined) return report;
    await new Promise((r) => setTimeout(r, Math.max(0, Number(next.ms)) + 5));
  }
}
