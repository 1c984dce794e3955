/**
 * The monitoring settings (SPEC §6.3–§6.4): GET the document in force (defaults filled in, with the
 * server's daily-run schedule and its next time, read-only); PUT replaces it — day bands checked by
 * core for gaps and overlaps, LTV levels increasing (422 naming the path), audited with before and
 * after. Applies to the runs from then on.
 */
import { LOAN_CATEGORIES } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { loadSettings, type MonitoringSettings, updateSettings } from '../services/monitoring/settings.ts';

const category = z.enum(LOAN_CATEGORIES);
const days = z.number().int().min(0).max(100_000);
const level = z.number().gt(0).max(10).describe('loan-to-value, e.g. 0.8');

const settingsIn = z.strictObject({
  bands: z
    .array(z.strictObject({ category, minDays: days, maxDays: days.nullable().describe('null: open-ended (the last band)') }))
    .min(1)
    .max(20)
    .optional()
    .describe('days past due → category floor, from 0 without gaps or overlaps (default: the 2023 Chinese floors)'),
  graceDays: z.number().int().min(0).max(3650).optional().describe('days past due before a loan counts as delinquent (default 0)'),
  borrowerDowngrade: z
    .strictObject({ thresholdShare: z.number().min(0).max(1).optional(), pullTo: category.optional() })
    .nullable()
    .optional()
    .describe('one NPL loan pulls the borrower’s others (null: off, the default)'),
  collateral: z
    .strictObject({
      levels: z.strictObject({ warning: level, marginCall: level, liquidation: level }).optional(),
      cureDays: z.number().int().min(0).max(365).optional(),
      ltvLimit: z.number().gt(0).max(1).optional(),
    })
    .optional(),
});

const settingsOut = z.object({
  bands: z.array(z.object({ category, minDays: z.number(), maxDays: z.number().nullable() })),
  graceDays: z.number(),
  borrowerDowngrade: z.object({ thresholdShare: z.number().optional(), pullTo: category.optional() }).nullable(),
  collateral: z.object({
    levels: z.object({ warning: z.number(), marginCall: z.number(), liquidation: z.number() }),
    cureDays: z.number(),
    ltvLimit: z.number(),
  }),
});

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/monitoring/settings',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The monitoring settings in force, and the daily run’s schedule',
        response: {
          200: settingsOut.extend({
            schedule: z
              .object({ cron: z.string(), timeZone: z.string(), next: z.string().describe('the next scheduled run (ISO instant)') })
              .nullable()
              .describe('the server’s daily monitoring schedule (null: off)'),
          }),
          ...problems,
        },
      },
    },
    async () => {
      const settings: MonitoringSettings = await app.store.db.transaction((tx) => loadSettings(tx));
      const s = app.monitoringScheduler.schedule;
      return {
        ...settings,
        schedule: s === 'off' ? null : { ...s, next: app.monitoringScheduler.next()?.toISOString() ?? '' },
      };
    },
  );
  app.put(
    '/monitoring/settings',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Replace the monitoring settings (absent fields take their defaults); audited',
        body: settingsIn,
        response: { 200: settingsOut, ...problems },
      },
    },
    (request) => updateSettings(actorOf(app, request), request.body),
  );
};
export default plugin;
