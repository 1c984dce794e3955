/**
 * The scheduled daily monitoring run (services/monitoring/schedule.ts): the due dates as a pure
 * function of an injected instant (time-zone day edges, the catch-up bound, dates already run or
 * pending), the next cron time, the schedule's text form; then on each backend, starting the
 * scheduler queues the missed dates once (a second start adds none), `off` queues nothing, and on
 * PostgreSQL the pg-boss schedule row holds the cron and the time zone. No test reads the clock:
 * every instant is written out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgBossSchema } from '../src/jobs/pg-boss-queue.ts';
import {
  CATCH_UP_DAYS,
  createMonitoringScheduler,
  DEFAULT_MONITORING_CRON,
  dueDates,
  localDate,
  type MonitoringScheduler,
  nextRunTime,
  parseMonitoringSchedule,
  queueDueRuns,
  SCHEDULE_QUEUE,
} from '../src/services/monitoring/schedule.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

/** A written-out instant (never the clock). */
const at = (iso: string) => new Date(iso);
const SHANGHAI = 'Asia/Shanghai';
const DAILY = { cron: DEFAULT_MONITORING_CRON, timeZone: SHANGHAI };

describe('due dates and cron times (pure)', () => {
  it('takes the calendar day in the time zone: 16:00 UTC is midnight in Shanghai', () => {
    expect(localDate(at('2026-12-01T15:59:59Z'), SHANGHAI)).toBe('2026-12-01');
    expect(localDate(at('2026-12-01T16:00:00Z'), SHANGHAI)).toBe('2026-12-02');
    expect(localDate(at('2026-12-01T16:00:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('queues the dates after the last succeeded run up to yesterday, without those run or pending, oldest first', () => {
    const now = at('2026-12-01T17:45:00Z'); // 01:45 on 2 December in Shanghai
    expect(dueDates({ now, timeZone: SHANGHAI, lastSucceeded: '2026-11-27', done: new Set(['2026-11-29']) })).toEqual([
      '2026-11-28',
      '2026-11-30',
      '2026-12-01',
    ]);
    // Yesterday is one day earlier a second before midnight in Shanghai.
    expect(dueDates({ now: at('2026-12-01T15:59:59Z'), timeZone: SHANGHAI, lastSucceeded: '2026-11-27', done: new Set() })).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(dueDates({ now, timeZone: SHANGHAI, lastSucceeded: '2026-12-01', done: new Set() })).toEqual([]);
    expect(dueDates({ now, timeZone: SHANGHAI, lastSucceeded: '2026-12-05', done: new Set() })).toEqual([]);
  });

  it('without any run, only yesterday; after a long pause, the last CATCH_UP_DAYS days', () => {
    const now = at('2026-12-01T17:45:00Z');
    expect(dueDates({ now, timeZone: SHANGHAI, lastSucceeded: null, done: new Set() })).toEqual(['2026-12-01']);
    const long = dueDates({ now, timeZone: SHANGHAI, lastSucceeded: '2025-06-30', done: new Set() });
    expect(CATCH_UP_DAYS).toBe(31);
    expect(long).toHaveLength(31);
    expect(long[0]).toBe('2026-11-01');
    expect(long[30]).toBe('2026-12-01');
    expect(dueDates({ now, timeZone: SHANGHAI, lastSucceeded: '2026-10-31', done: new Set(), days: 3 })).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
  });

  it('the next run is 01:30 Shanghai time (17:30 UTC the day before), after the instant given', () => {
    expect(nextRunTime(DAILY, at('2026-12-01T17:29:00Z')).toISOString()).toBe('2026-12-01T17:30:00.000Z');
    expect(nextRunTime(DAILY, at('2026-12-01T17:30:00Z')).toISOString()).toBe('2026-12-02T17:30:00.000Z');
    expect(nextRunTime({ cron: '0 6 * * 1-5', timeZone: 'UTC' }, at('2026-12-04T07:00:00Z')).toISOString()).toBe(
      '2026-12-07T06:00:00.000Z',
    );
  });

  it('reads the schedule: default, a cron, off; refuses a bad cron or time zone, naming it', () => {
    expect(parseMonitoringSchedule(undefined, undefined)).toEqual(DAILY);
    expect(parseMonitoringSchedule('0 2 * * *', 'UTC')).toEqual({ cron: '0 2 * * *', timeZone: 'UTC' });
    expect(parseMonitoringSchedule('off', undefined)).toBe('off');
    expect(parseMonitoringSchedule(' OFF ', 'nowhere')).toBe('off');
    expect(() => parseMonitoringSchedule('every night', undefined)).toThrow(/"every night" is not a cron expression of 5 fields/);
    expect(() => parseMonitoringSchedule('61 1 * * *', undefined)).toThrow(/"61 1 \* \* \*" is not a cron expression/);
    expect(() => parseMonitoringSchedule(undefined, 'Mars/Olympus')).toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});

describeEachBackend('the monitoring schedule', (backend) => {
  let h: Harness;
  const started: MonitoringScheduler[] = [];
  beforeAll(async () => {
    h = await openHarness(backend);
    await h.app.ready();
  }, 180_000);
  afterAll(async () => {
    for (const s of started) await s.stop();
    await h?.close();
  });

  const scheduler = (schedule: Parameters<typeof createMonitoringScheduler>[0]['schedule'], now: string) => {
    const s = createMonitoringScheduler({ store: h.store, jobs: h.app.jobs, schedule, now: () => at(now) });
    started.push(s);
    return s;
  };
  const queuedDates = async () =>
    (
      await h.store.raw.query<{ as_of: string; n: number; by: string }>(
        `SELECT input->>'asOf' AS as_of, count(*)::int AS n, min(submitted_by_name) AS by FROM jobs
          WHERE kind = 'monitoring-daily-run' GROUP BY 1 ORDER BY 1`,
      )
    ).map((r) => `${r.as_of}×${r.n} by ${r.by}`);

  it('the app leaves the schedule off unless it is given one', () => {
    expect(h.app.monitoringScheduler.schedule).toBe('off');
    expect(h.app.monitoringScheduler.next()).toBeNull();
  });

  it('starting queues the dates missed since the last succeeded run; a second start queues none again', async () => {
    const run = await h.app.inject({
      method: 'POST',
      url: '/monitoring/runs',
      headers: { cookie: h.cookie['risk-officer'] },
      payload: { asOf: '2026-11-27' },
    });
    expect(run.statusCode, run.body).toBe(200);
    const first = scheduler(DAILY, '2026-12-01T17:45:00Z');
    await first.start();
    const expected = ['2026-11-28×1 by system', '2026-11-29×1 by system', '2026-11-30×1 by system', '2026-12-01×1 by system'];
    expect(await queuedDates()).toEqual(expected);
    const audited = await h.store.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'job' AND action = 'create' AND actor = 'system'`,
    );
    expect(audited[0]?.n).toBe(4);
    // Another process (or a restart) at the same instant: every date is run or pending already.
    await scheduler(DAILY, '2026-12-01T17:45:00Z').start();
    expect(await queuedDates()).toEqual(expected);
    expect(await queueDueRuns({ store: h.store, jobs: h.app.jobs }, at('2026-12-01T18:00:00Z'), SHANGHAI)).toEqual([]);
    expect(first.next()?.toISOString()).toBe('2026-12-02T17:30:00.000Z');
  });

  it('the next day queues only that day, as the tick does', async () => {
    expect(await queueDueRuns({ store: h.store, jobs: h.app.jobs }, at('2026-12-02T17:30:00Z'), SHANGHAI)).toEqual(['2026-12-02']);
    expect((await queuedDates()).at(-1)).toBe('2026-12-02×1 by system');
  });

  it('two processes catching up at once queue a date once (the schedule lock)', async () => {
    const deps = { store: h.store, jobs: h.app.jobs };
    const both = await Promise.all([
      queueDueRuns(deps, at('2026-12-03T17:30:00Z'), SHANGHAI),
      queueDueRuns(deps, at('2026-12-03T17:30:00Z'), SHANGHAI),
    ]);
    expect(both.flat()).toEqual(['2026-12-03']);
    expect((await queuedDates()).at(-1)).toBe('2026-12-03×1 by system');
  });

  if (backend.name === 'pglite')
    it('on PGlite the timer fires at the cron time and queues the day that just ended', async () => {
      // Midnight in Shanghai: started 10 ms before it (the timer waits 10 ms), the clock then moved past it.
      let clock = at('2026-12-05T15:59:59.990Z');
      const s = createMonitoringScheduler({
        store: h.store,
        jobs: h.app.jobs,
        schedule: { cron: '0 0 * * *', timeZone: SHANGHAI },
        now: () => clock,
      });
      started.push(s);
      await s.start();
      expect((await queuedDates()).at(-1)).toBe('2026-12-04×1 by system');
      clock = at('2026-12-05T16:00:00Z');
      // Poll by tries, not by the clock.
      for (let tries = 0; tries < 100 && (await queuedDates()).at(-1) !== '2026-12-05×1 by system'; tries++)
        await new Promise((r) => setTimeout(r, 50));
      expect((await queuedDates()).slice(-2)).toEqual(['2026-12-04×1 by system', '2026-12-05×1 by system']);
      await s.stop();
    });

  it('off schedules nothing and queues nothing', async () => {
    const before = await queuedDates();
    const off = scheduler('off', '2027-01-15T17:45:00Z');
    await off.start();
    expect(off.next()).toBeNull();
    expect(await queuedDates()).toEqual(before);
  });

  if (backend.name === 'postgres')
    it('on PostgreSQL a tick delivered by pg-boss queues the day that just ended', async () => {
      // The schedulers started above (their clocks fixed earlier) stop working the schedule's queue.
      for (const earlier of started.splice(0)) await earlier.stop();
      let clock = at('2026-12-04T17:45:00Z');
      const ticking = createMonitoringScheduler({ store: h.store, jobs: h.app.jobs, schedule: DAILY, now: () => clock });
      started.push(ticking);
      await ticking.start();
      expect((await queuedDates()).at(-1)).toBe('2026-12-04×1 by system');
      clock = at('2026-12-05T17:30:00Z');
      // What pg-boss's cron monitor does at 01:30: a job on the schedule's queue, taken by a worker.
      const [row] = await h.store.raw.query<{ s: string }>('SELECT current_schema() AS s');
      const tick = () =>
        h.store.raw.query(`INSERT INTO ${pgBossSchema(row?.s ?? 'public')}.job (name, data) VALUES ($1, '{}')`, [SCHEDULE_QUEUE]);
      // Poll by tries, not by the clock (a tick again now and then, should a stopping worker have taken one).
      for (let tries = 0; tries < 300 && (await queuedDates()).at(-1) !== '2026-12-05×1 by system'; tries++) {
        if (tries % 50 === 0) await tick();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await queuedDates()).slice(-2)).toEqual(['2026-12-04×1 by system', '2026-12-05×1 by system']);
      expect(ticking.next()?.toISOString()).toBe('2026-12-06T17:30:00.000Z');
    });

  it('the queued jobs run the dates: each ends with a succeeded run', async () => {
    // Poll by tries, not by the clock.
    for (let tries = 0; tries < 1200; tries++) {
      const [pending] = await h.store.raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE kind = 'monitoring-daily-run' AND status IN ('queued', 'running')`,
      );
      if (pending?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const runs = await h.store.raw.query<{ as_of: string; status: string; run_by: string }>(
      `SELECT as_of::text, status, run_by FROM monitoring_runs ORDER BY as_of`,
    );
    expect(runs.map((r) => `${r.as_of} ${r.status}`)).toEqual([
      '2026-11-27 succeeded',
      '2026-11-28 succeeded',
      '2026-11-29 succeeded',
      '2026-11-30 succeeded',
      '2026-12-01 succeeded',
      '2026-12-02 succeeded',
      '2026-12-03 succeeded',
      '2026-12-04 succeeded',
      '2026-12-05 succeeded',
    ]);
    expect(runs.slice(1).every((r) => r.run_by === 'system')).toBe(true);
  });

  if (backend.name === 'postgres')
    it('on PostgreSQL the schedule is pg-boss’s own row: the cron and the time zone', async () => {
      const [row] = await h.store.raw.query<{ s: string }>('SELECT current_schema() AS s');
      const rows = await h.store.raw.query<{ name: string; cron: string; timezone: string }>(
        `SELECT name, cron, timezone FROM ${pgBossSchema(row?.s ?? 'public')}.schedule`,
      );
      expect(rows).toEqual([{ name: SCHEDULE_QUEUE, cron: '30 1 * * *', timezone: SHANGHAI }]);
    });
});
