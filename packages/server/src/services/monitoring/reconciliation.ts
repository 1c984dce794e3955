/**
 * Three-way reconciliation (SPEC §6.9): the orders, shipments / warehouse receipts and payments of
 * one import (CSV text read by @scf-risk/io, or JSON rows), matched by core's `reconcileTrades`;
 * the records are kept as trade events, every mismatch as a row and, per trade with findings, an
 * alert (rule `reconciliation`, subject `trade:<id>`; one unresolved alert per trade) whose
 * webhooks are queued in the same transaction. Listed mismatches say what they found as a catalogue
 * text (`findingText`, with its English `message`), shown in the workbench's language.
 * CSV columns: id, tradeId, amount (integer minor units), date (YYYY-MM-DD).
 */
import {
  type Alert,
  mergeAlerts,
  type ReconciliationFinding,
  type ReconciliationTolerances,
  reconcileTrades,
  type TradeRecord,
  type TradeSource,
  ValidationError,
} from '@scf-risk/core';
import { readCsvTable } from '@scf-risk/io';
import { type MessageText, messageText } from '@scf-risk/report';
import { desc, eq, sql } from 'drizzle-orm';
import { alerts, reconciliationImports, reconciliationMismatches, tradeEvents } from '../../db/schema.ts';
import { audit, type ServiceContext } from '../context.ts';
import { englishOf } from '../texts.ts';
import { loadAlerts, queueDeliveries } from './engine.ts';
import { rows } from './sql.ts';

export const SOURCES = ['orders', 'shipments', 'payments'] as const;
export type SourceName = (typeof SOURCES)[number];
const KIND = { orders: 'order', shipments: 'shipment', payments: 'payment' } as const;
const ORIGIN = { orders: 'platform', shipments: 'logistics', payments: 'bank' } as const;
const COLUMNS = ['id', 'tradeId', 'amount', 'date'] as const;

/** Records of one source from CSV text: every bad cell named by file, row and column. */
export function recordsFromCsv(source: SourceName, text: string): TradeRecord[] {
  const t = readCsvTable(`${source}.csv`, text);
  const missing = COLUMNS.filter((c) => !t.header.includes(c));
  if (missing.length)
    throw new ValidationError([
      { path: [source], message: `${source}.csv lacks the column(s) ${missing.join(', ')}`, allowed: COLUMNS.join(', ') },
    ]);
  const col = (c: string) => t.header.indexOf(c);
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const out = t.rows.map((r, k) => {
    const cell = (c: string) => String(r[col(c)] ?? '').trim();
    const amount = cell('amount');
    if (!/^\d{1,16}$/.test(amount))
      issues.push({
        path: [source, k, 'amount'],
        message: `${t.where(k, col('amount'))}: "${amount}" is not an amount`,
        allowed: 'integer minor units, e.g. 150000',
      });
    return { id: cell('id'), tradeId: cell('tradeId'), amount: Number(amount), date: cell('date') };
  });
  if (issues.length) throw new ValidationError(issues);
  return out;
}

export interface ReconciliationImport {
  orders: TradeRecord[];
  shipments: TradeRecord[];
  payments: TradeRecord[];
  tolerances?: ReconciliationTolerances | undefined;
}

/** Reconcile and store one import (see the module comment). */
export async function importReconciliation(ctx: ServiceContext, input: ReconciliationImport) {
  const result = reconcileTrades({ orders: input.orders, shipments: input.shipments, payments: input.payments }, input.tolerances ?? {});
  const today = new Date().toISOString().slice(0, 10);
  return ctx.store.db.transaction(async (tx) => {
    const counts = { trades: result.trades.length, matched: result.matched, unmatched: result.unmatched, findings: result.findings.length };
    const [imp] = await tx
      .insert(reconciliationImports)
      .values({ importedBy: ctx.actor.id, tolerances: input.tolerances ?? {}, counts })
      .returning();
    const events = SOURCES.flatMap((s) =>
      input[s].map((r) => ({
        tradeRef: r.tradeId,
        kind: KIND[s],
        source: ORIGIN[s],
        occurredOn: r.date,
        amountMinor: BigInt(r.amount),
        currency: 'CNY',
        details: { importId: imp!.id, recordId: r.id },
      })),
    );
    for (let k = 0; k < events.length; k += 1000) await tx.insert(tradeEvents).values(events.slice(k, k + 1000));
    const unmatched = result.trades.filter((t) => !t.matched);
    const fresh: Alert[] = unmatched.map((t) => {
      const text = messageText('alert.reconciliation', {
        trade: t.tradeId,
        findings: t.findings.map((f) => messageText(`reconciliation.${f.type}`)),
      });
      return {
        id: `reconciliation/trade:${t.tradeId}/${today}`,
        ruleId: 'reconciliation',
        subjectId: `trade:${t.tradeId}`,
        severity: 'medium',
        date: today,
        message: englishOf(text),
        text,
        inputs: { importId: imp!.id, findings: t.findings, totals: t.totals },
        status: 'open',
        owner: null,
        history: [{ date: today, action: 'opened', by: ctx.actor.username }],
      };
    });
    const existing = await loadAlerts(
      tx,
      today,
      today,
      fresh.map((a) => a.subjectId),
    );
    const opened = mergeAlerts(existing, fresh).slice(existing.length);
    if (opened.length)
      await tx.insert(alerts).values(
        opened.map((a) => ({
          id: a.id,
          ruleId: a.ruleId,
          subjectId: a.subjectId,
          severity: a.severity,
          openedOn: a.date,
          message: a.message,
          messageText: a.text ?? null,
          inputs: a.inputs,
          status: a.status,
          owner: a.owner,
          history: a.history,
        })),
      );
    const hooks = await rows<{ id: string; min_severity: string }>(tx, sql`SELECT id, min_severity FROM webhooks WHERE active`);
    await queueDeliveries(tx, { webhooks: hooks.map((h) => ({ id: h.id, minSeverity: h.min_severity })) }, opened);
    const alertOf = new Map(unmatched.map((t) => [t.tradeId, opened.find((a) => a.subjectId === `trade:${t.tradeId}`)?.id ?? null]));
    const mismatchRows = result.findings.map((f) => ({
      importId: imp!.id,
      tradeId: f.tradeId,
      type: f.type,
      finding: f,
      alertId: alertOf.get(f.tradeId) ?? null,
    }));
    for (let k = 0; k < mismatchRows.length; k += 1000) await tx.insert(reconciliationMismatches).values(mismatchRows.slice(k, k + 1000));
    await audit(tx, ctx, { entity: 'reconciliation-import', entityId: imp!.id, action: 'create', after: counts });
    return { importId: imp!.id, ...counts, alertsOpened: opened.length, trades: result.trades };
  });
}

/** The mismatches of one import (default: the latest). */
export async function listMismatches(
  ctx: Pick<ServiceContext, 'store'>,
  q: { importId?: string | undefined; limit: number; offset: number },
) {
  const importId =
    q.importId ??
    (
      await ctx.store.db
        .select({ id: reconciliationImports.id })
        .from(reconciliationImports)
        .orderBy(desc(reconciliationImports.createdAt))
        .limit(1)
    )[0]?.id;
  if (!importId) return { importId: null, mismatches: [] };
  const list = await ctx.store.db
    .select()
    .from(reconciliationMismatches)
    .where(eq(reconciliationMismatches.importId, importId))
    .orderBy(reconciliationMismatches.id)
    .limit(q.limit)
    .offset(q.offset);
  return {
    importId,
    mismatches: list.map((m) => {
      const text = findingText(m.finding as ReconciliationFinding);
      return { tradeId: m.tradeId, type: m.type, message: englishOf(text), text, finding: m.finding, alertId: m.alertId };
    }),
  };
}

/** What a finding says, as a catalogue text (amounts in minor units, as the finding has them). */
export function findingText(f: ReconciliationFinding): MessageText {
  const source = (s: TradeSource) => messageText(`reconciliation.source.${s}`);
  switch (f.type) {
    case 'missing':
      return messageText('reconciliation.finding.missing', { source: source(f.source) });
    case 'duplicate-record':
      return messageText('reconciliation.finding.duplicate-record', { source: source(f.source), record: f.recordId });
    case 'amount-mismatch':
      return messageText('reconciliation.finding.amount-mismatch', {
        from: source(f.between[0]),
        amountFrom: f.amounts[0],
        to: source(f.between[1]),
        amountTo: f.amounts[1],
        difference: f.difference,
        tolerance: f.tolerance,
      });
    case 'date-out-of-tolerance':
      return messageText('reconciliation.finding.date-out-of-tolerance', {
        source: source(f.source),
        record: f.recordId,
        date: f.date,
        earliest: f.earliest,
        latest: f.latest,
      });
  }
}
