/**
 * The scheduled daily monitoring run (issue 15 "a scheduled job on the server"): every day at the
 * configured time (cron, default `30 1 * * *` = 01:30) in the configured time zone (default
 * Asia/Shanghai), the run of the previous calendar day is queued as a `monitoring-daily-run` job.
 *
 * Catch-up: at start and at each tick, every date after the last succeeded run up to yesterday that
 * has no run (succeeded or failed) and no queued or running job is queued, oldest first, at most
 * CATCH_UP_DAYS back (`dueDates`, pure, the clock passed in). Without any succeeded run, only
 * yesterday. A failed date is left to a person (it shows as failed in GET /monitoring/runs).
 * The check and the inserts hold one advisory lock, so two processes starting together queue a
 * date once; the job kind skips a date that already has a succeeded run in any case.
 *
 * Clocks: on PostgreSQL pg-boss's own `schedule` (its cron monitor; several server processes share
 * one schedule row and pg-boss fires it once) delivers a tick to one process; on PGlite an
 * in-process timer armed for the next cron time. `off` schedules nothing and queues nothing.
 */
import { addDays, ValidationError } from '@scf-risk/core';
import cronParser from 'cron-parser';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import { jobs, monitoringRuns } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { jobView } from '../../jobs/job-records.ts';
import { pgBossSchema } from '../../jobs/pg-boss-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { plain, recordCreated, SYSTEM } from '../context.ts';

export const DEFAULT_MONITORING_CRON = '30 1 * * *';
export const DEFAULT_MONITORING_TIME_ZONE = 'Asia/Shanghai';
/** The catch-up looks back at most this many days (yesterday included). */
export const CATCH_UP_DAYS = 31;
/** The pg-boss queue the schedule's ticks go to. */
export const SCHEDULE_QUEUE = 'scf-risk-monitoring-schedule';
const JOB_KIND = 'monitoring-daily-run';
/** Advisory lock held while the due dates are checked and queued. */
const SCHEDULE_LOCK = 1_515_000_015;
/** setTimeout's longest delay (ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The schedule in force: a cron expression (5 fields, minute first) read in a time zone, or off. */
export type MonitoringSchedule = { cron: string; timeZone: string } | 'off';

/**
 * The schedule from its text form (env SCF_MONITORING_SCHEDULE / `--monitoring-schedule`): `off`,
 * or a cron expression (default DEFAULT_MONITORING_CRON) in `timeZone` (default Asia/Shanghai).
 * Throws a ValidationError naming the bad part.
 */
export function parseMonitoringSchedule(cron: string | undefined, timeZone: string | undefined): MonitoringSchedule {
  const c = (cron ?? DEFAULT_MONITORING_CRON).trim();
  if (c.toLowerCase() === 'off') return 'off';
  const tz = (timeZone ?? DEFAULT_MONITORING_TIME_ZONE).trim();
  const refuse = (message: string, allowed: string): never => {
    throw new ValidationError([{ path: [], message: `monitoring schedule: ${message}`, allowed }]);
  };
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    refuse(`"${tz}" is not a time zone (SCF_MONITORING_TIME_ZONE)`, 'an IANA time zone such as Asia/Shanghai or UTC');
  }
  const allowed = 'a cron expression of 5 fields (minute hour day month weekday), e.g. "30 1 * * *", or "off"';
  if (c.split(/\s+/).length !== 5) refuse(`"${c}" is not a cron expression of 5 fields`, allowed);
  try {
    cronParser.parseExpression(c, { tz });
  } catch (e) {
    refuse(`"${c}" is not a cron expression (${(e as Error).message})`, allowed);
  }
  return { cron: c, timeZone: tz };
}

/** The calendar date (YYYY-MM-DD) of instant `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The first time after `after` the cron expression fires in its time zone. */
export function nextRunTime(schedule: Exclude<MonitoringSchedule, 'off'>, after: Date): Date {
  return cronParser.parseExpression(schedule.cron, { tz: schedule.timeZone, currentDate: after }).next().toDate();
}

/**
 * The dates to queue at instant `now` (see the module comment): after `lastSucceeded` (or only
 * yesterday without one) up to yesterday in `timeZone`, at most `days` back, without the dates in
 * `done` (a run or a pending job), oldest first.
 */
export function dueDates(o: {
  now: Date;
  timeZone: string;
  lastSucceeded: string | null;
  done: ReadonlySet<string>;
  days?: number;
}): string[] {
  const yesterday = addDays(localDate(o.now, o.timeZone), -1);
  const earliest = addDays(yesterday, -((o.days ?? CATCH_UP_DAYS) - 1));
  let from = o.lastSucceeded === null ? yesterday : addDays(o.lastSucceeded, 1);
  if (from < earliest) from = earliest;
  const out: string[] = [];
  for (let d = from; d <= yesterday; d = addDays(d, 1)) if (!o.done.has(d)) out.push(d);
  return out;
}

export interface ScheduleDeps {
  store: Store;
  jobs: JobQueue;
  log?: FastifyBaseLogger | undefined;
}

/**
 * Queue the due dates at `now` as `monitoring-daily-run` jobs submitted by the system (one
 * transaction under the schedule's lock, each with its audit entry), then hand them to the queue.
 * Returns the dates queued.
 */
export async function queueDueRuns(deps: ScheduleDeps, now: Date, timeZone: string): Promise<string[]> {
  const ctx = { store: deps.store, actor: SYSTEM };
  const queued = await deps.store.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK})`);
    const [last] = await tx
      .select({ d: sql<string | null>`max(${monitoringRuns.asOf})::text` })
      .from(monitoringRuns)
      .where(eq(monitoringRuns.status, 'succeeded'));
    const since = addDays(localDate(now, timeZone), -(CATCH_UP_DAYS + 1));
    const ran = await tx.select({ d: monitoringRuns.asOf }).from(monitoringRuns).where(gte(monitoringRuns.asOf, since));
    const pending = await tx
      .select({ d: sql<string>`${jobs.input}->>'asOf'` })
      .from(jobs)
      .where(and(eq(jobs.kind, JOB_KIND), inArray(jobs.status, ['queued', 'running'])));
    const done = new Set([...ran.map((r) => r.d), ...pending.map((r) => r.d)]);
    const dates = dueDates({ now, timeZone, lastSucceeded: last?.d ?? null, done });
    const out: { date: string; id: string }[] = [];
    for (const date of dates) {
      const rows = await tx
        .insert(jobs)
        .values({ kind: JOB_KIND, input: plain({ asOf: date }), submittedBy: null, submittedByName: SYSTEM.username })
        .returning();
      out.push({ date, id: (await recordCreated(tx, ctx, 'job', rows, (r) => jobView(r, false))).id });
    }
    return out;
  });
  for (const q of queued) await deps.jobs.enqueue(q.id);
  if (queued.length) deps.log?.info({ dates: queued.map((q) => q.date) }, `monitoring schedule: ${queued.length} daily run(s) queued`);
  return queued.map((q) => q.date);
}

export interface MonitoringScheduler {
  readonly schedule: MonitoringSchedule;
  /** The next time the schedule fires (null when off). */
  next(): Date | null;
  /** Catch up, then keep the schedule (pg-boss on PostgreSQL, a timer on PGlite). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The scheduler of `schedule` over the store and job queue; `now` is the clock (injected by tests). */
export function createMonitoringScheduler(deps: ScheduleDeps & { schedule: MonitoringSchedule; now?: () => Date }): MonitoringScheduler {
  const now = deps.now ?? (() => new Date());
  const { schedule } = deps;
  let boss: PgBoss | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = async () => {
    if (schedule === 'off' || stopped) return;
    try {
      await queueDueRuns(deps, now(), schedule.timeZone);
    } catch (err) {
      deps.log?.error({ err }, 'monitoring schedule: the due runs could not be queued');
    }
  };

  const arm = (s: Exclude<MonitoringSchedule, 'off'>) => {
    if (stopped) return;
    const at = nextRunTime(s, now());
    const wait = at.getTime() - now().getTime();
    timer = setTimeout(
      () => {
        // A long wait is taken in steps of setTimeout's longest delay.
        if (now().getTime() >= at.getTime()) void tick().finally(() => arm(s));
        else arm(s);
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    timer.unref();
  };

  return {
    schedule,
    next: () => (schedule === 'off' ? null : nextRunTime(schedule, now())),
    async start() {
      if (schedule === 'off') return;
      // A catch-up that fails is logged; the server starts all the same and the next tick retries.
      await tick();
      if (deps.store.kind === 'postgres') {
        const { store, log } = deps;
        const [row] = await store.raw.query<{ s: string }>('SELECT current_schema() AS s');
        boss = new PgBoss({
          db: { executeSql: async (text, values) => ({ rows: (await store.raw.query(text, values ?? [])) ?? [] }) },
          schema: pgBossSchema(row?.s ?? 'public'),
          supervise: false,
          schedule: true,
        });
        boss.on('error', (err) => log?.error({ err }, 'pg-boss (monitoring schedule)'));
        await boss.start();
        await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, retryLimit: 0 });
        await boss.schedule(SCHEDULE_QUEUE, schedule.cron, {}, { tz: schedule.timeZone });
        await boss.work(SCHEDULE_QUEUE, { batchSize: 1 }, tick);
      } else arm(schedule);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await boss?.stop({ graceful: true, close: false, timeout: 10_000 });
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduled daily monitoring run (off unless the server is started with a schedule). */
    monitoringScheduler: MonitoringScheduler;
  }
}
