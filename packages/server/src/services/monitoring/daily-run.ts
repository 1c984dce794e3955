/**
 * The daily monitoring run (SPEC §6.3–§6.7, §8): `runDailyMonitoring(ctx, asOf)` derives every
 * monitoring figure of the date in ONE transaction under the date's advisory lock, so
 *   - a run killed part-way leaves the store as it was (nothing of it commits);
 *   - running a date twice gives the same rows (the date's derived rows are replaced);
 *   - several processes share one PostgreSQL: a second run of the same date waits for the lock,
 *     then, unless `force`, finds the date done and returns that run without doing it again.
 * A date after an earlier run is incremental (incremental.ts): the loans that cannot have moved
 * since keep that run's rows; `full` recomputes every loan. A failed run is recorded (status failed, the error) after the rollback. Webhooks of the alerts it
 * opened are sent after the commit (`deliverPending`).
 */
import { performance } from 'node:perf_hooks';
import { dayNumber, ValidationError } from '@scf-risk/core';
import { desc, eq, sql } from 'drizzle-orm';
import { monitoringRuns } from '../../db/schema.ts';
import { audit, type ServiceContext } from '../context.ts';
import { type DeriveOptions, type DeriveResult, derive } from './engine.ts';
import { classificationFingerprint, planRun } from './incremental.ts';
import { loadSettings } from './settings.ts';
import { analyzeStale, lockDates, MONITORING_TABLES } from './sql.ts';
import { deliverPending } from './webhooks.ts';

export interface RunOptions extends Omit<DeriveOptions, 'carryFrom'> {
  /** Recompute every loan even when the previous run's rows could be carried forward (incremental.ts). */
  full?: boolean;
  /** Run even when the date has a succeeded run (default true; the scheduler passes false). */
  force?: boolean;
  /** Send the new alerts' webhooks after the commit (default true). */
  deliver?: boolean;
}

export type RunRow = typeof monitoringRuns.$inferSelect;
export const runView = (r: RunRow) => ({
  asOf: r.asOf,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt.toISOString(),
  counts: r.counts,
  error: r.error,
  runBy: r.runBy,
  runs: r.runs,
  mode: r.mode,
  recomputedLoans: r.recomputedLoans,
});
export type RunView = ReturnType<typeof runView>;

export interface DailyRunResult {
  run: RunView;
  /** Milliseconds per step of this run (empty when it did not run). */
  timings: Record<string, number>;
  /** False when the date was already done and `force` was false. */
  ran: boolean;
  problems: DeriveResult['problems'];
}

/** Run the monitoring chain for `asOf` (see the module comment). */
export async function runDailyMonitoring(ctx: ServiceContext, asOf: string, options: RunOptions = {}): Promise<DailyRunResult> {
  dayNumber(asOf, ['asOf']);
  const startedAt = new Date();
  try {
    const result = await ctx.store.db.transaction(async (tx) => {
      await lockDates(tx, [asOf]);
      const [done] = await tx.select().from(monitoringRuns).where(eq(monitoringRuns.asOf, asOf));
      if (done?.status === 'succeeded' && options.force === false) return { run: runView(done), ran: false, problems: [], timings: {} };
      const started = performance.now();
      if (ctx.store.kind === 'pglite') await analyzeStale(tx, MONITORING_TABLES);
      const statistics = Math.round(performance.now() - started);
      const settings = await loadSettings(tx);
      const plan = await planRun(tx, asOf, settings, options.full === true);
      const derived =
        plan.mode === 'incremental'
          ? await derive(tx, [asOf], { loanIds: plan.loanIds }, { ...options, carryFrom: plan.from })
          : await derive(tx, [asOf], {}, options);
      const values = {
        asOf,
        status: 'succeeded' as const,
        startedAt,
        finishedAt: new Date(),
        counts: { ...derived.counts },
        error: null,
        runBy: ctx.actor.username,
        mode: plan.mode,
        recomputedLoans: plan.mode === 'incremental' ? plan.loanIds.length : derived.counts.loans,
        settingsFingerprint: classificationFingerprint(settings),
      };
      const [row] = await tx
        .insert(monitoringRuns)
        .values(values)
        .onConflictDoUpdate({ target: monitoringRuns.asOf, set: { ...values, runs: sql`${monitoringRuns.runs} + 1` } })
        .returning();
      await audit(tx, ctx, {
        entity: 'monitoring-run',
        entityId: asOf,
        action: 'run',
        after: { counts: derived.counts, problems: derived.problems.slice(0, 100) },
      });
      return { run: runView(row!), ran: true, problems: derived.problems, timings: { statistics, ...derived.timings } };
    });
    if (result.ran && options.deliver !== false) await deliverPending(ctx);
    return result;
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    await recordFailure(ctx, asOf, startedAt, e);
    throw e;
  }
}

async function recordFailure(ctx: ServiceContext, asOf: string, startedAt: Date, e: unknown): Promise<void> {
  const error = e instanceof Error ? e.message : String(e);
  const finishedAt = new Date();
  // A failure never hides a succeeded run of the date (its rows are still the date's figures): it only notes the error.
  await ctx.store.db
    .insert(monitoringRuns)
    .values({ asOf, status: 'failed', startedAt, finishedAt, counts: {}, error, runBy: ctx.actor.username })
    .onConflictDoUpdate({ target: monitoringRuns.asOf, set: { error, finishedAt } })
    .catch(() => {});
}

/** The runs, newest date first. */
export async function listRuns(ctx: Pick<ServiceContext, 'store'>, q: { limit: number; offset: number }): Promise<RunView[]> {
  const list = await ctx.store.db.select().from(monitoringRuns).orderBy(desc(monitoringRuns.asOf)).limit(q.limit).offset(q.offset);
  return list.map(runView);
}

/** The succeeded run dates on or after `from`, ascending. */
export async function runDatesFrom(ctx: Pick<ServiceContext, 'store'>, from: string): Promise<string[]> {
  const list = await ctx.store.db
    .select({ asOf: monitoringRuns.asOf })
    .from(monitoringRuns)
    .where(sql`${monitoringRuns.asOf} >= ${from} AND ${monitoringRuns.status} = 'succeeded'`)
    .orderBy(monitoringRuns.asOf);
  return list.map((r) => r.asOf);
}
