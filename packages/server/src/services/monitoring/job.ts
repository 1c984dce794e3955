/**
 * The `monitoring-daily-run` job kind: the daily run of a date through the job queue (pg-boss on
 * PostgreSQL, so any node may take it). By default a date that already has a succeeded run is not
 * run again (`force: true` reruns it): several nodes asked for the same date do it once — the
 * run waits on the date's lock, then finds it done.
 */
import { messageText } from '@scf-risk/report';
import { z } from 'zod';
import { registerJobKind } from '../../jobs/registry.ts';
import { dateSchema } from '../../schemas.ts';
import { runDailyMonitoring } from './daily-run.ts';

const input = z.strictObject({
  asOf: dateSchema,
  force: z.boolean().default(false).describe('run even when the date has a succeeded run'),
  full: z.boolean().default(false).describe('recompute every loan, not only those that may have moved since the previous run'),
});

registerJobKind('monitoring-daily-run', {
  summary: 'the daily post-loan monitoring run of a date (classification, NPL, collateral, margin, pools, alerts)',
  input,
  async run(o: z.output<typeof input>, ctx) {
    await ctx.progress(0.05, messageText('job.monitoring.running', { date: o.asOf }));
    await ctx.checkpoint();
    const r = await runDailyMonitoring(ctx, o.asOf, { force: o.force, full: o.full });
    await ctx.progress(1, messageText(r.ran ? 'job.done' : 'job.monitoring.ran-already'));
    return { ran: r.ran, run: r.run, problems: r.problems.slice(0, 100) };
  },
});
