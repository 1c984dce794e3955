/** Early-warning alerts, their rules (as data) and webhook subscriptions (SPEC §6.7). */
import { COMPARISONS, SEVERITIES, WARNING_STAGES, type WarningRule } from '@scf-risk/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import { acknowledge, listAlerts, listRules, resolve, saveRule } from '../services/monitoring/alerts.ts';
import { createWebhook } from '../services/monitoring/webhooks.ts';
import { messageTextSchema } from '../services/texts.ts';

const alertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  subjectId: z.string(),
  severity: z.enum(SEVERITIES),
  date: z.string(),
  message: z.string().describe('in English'),
  text: messageTextSchema.optional().describe('the message as a catalogue code with parameters (absent on alerts stored without one)'),
  inputs: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  owner: z.string().nullable(),
  history: z.array(z.looseObject({ date: z.string(), action: z.string(), by: z.string() })),
  updatedAt: z.string(),
});

const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" and "-"'),
  severity: z.enum(SEVERITIES),
  stage: z.enum(WARNING_STAGES).optional(),
  description: z.string().max(500).optional(),
};
const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('threshold'), indicator: z.string().min(1), op: z.enum(COMPARISONS), value: z.number() }),
  z.strictObject({
    ...base,
    kind: z.literal('drop'),
    indicator: z.string().min(1),
    by: z.number().min(0),
    relative: z.boolean().optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('event'), eventType: z.string().min(1), withinDays: z.number().int().min(1).optional() }),
  z.strictObject({ ...base, kind: z.literal('missing'), indicator: z.string().min(1), maxAgeDays: z.number().min(0) }),
  z.strictObject({ ...base, kind: z.literal('mismatch'), indicator: z.string().min(1), tolerance: z.number().min(0) }),
]);
const ruleView = z.object({ id: z.string(), rule: z.unknown().describe('the rule document'), active: z.boolean(), updatedAt: z.string() });
const alertIdParams = z.strictObject({ id: z.string().min(1).max(300).describe('alert id (rule/subject/date)') });

const plugin: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/alerts',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Early-warning alerts, newest first (paged; by status, severity, subject, owner)',
        querystring: z.strictObject({
          status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
          severity: z.enum(SEVERITIES).optional(),
          subjectId: z.string().optional(),
          owner: z.string().min(1).max(200).optional().describe('the username owning the alert'),
          ...pageQuery,
        }),
        response: { 200: z.array(alertSchema), ...problems },
      },
    },
    (request) => listAlerts(app, request.query),
  );
  app.post(
    '/alerts/:id/acknowledge',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'open → acknowledged (you own it unless it has an owner)',
        params: alertIdParams,
        response: { 200: alertSchema, ...problems },
      },
    },
    (request) => acknowledge(actorOf(app, request), request.params.id),
  );
  app.post(
    '/alerts/:id/resolve',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'acknowledged → resolved, saying what was done',
        params: alertIdParams,
        body: z.strictObject({ note: z.string().trim().min(1).max(2000) }),
        response: { 200: alertSchema, ...problems },
      },
    },
    (request) => resolve(actorOf(app, request), request.params.id, request.body.note),
  );
  app.get(
    '/alert-rules',
    { schema: { tags: ['monitoring'], summary: 'The early-warning rules (data)', response: { 200: z.array(ruleView), ...problems } } },
    () => listRules(app),
  );
  app.post(
    '/alert-rules',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Add or replace a rule by id (threshold, drop, event, missing, mismatch), with a severity',
        body: z.strictObject({ rule: ruleSchema, active: z.boolean().default(true) }),
        response: { 200: ruleView, 201: ruleView, ...problems },
      },
    },
    async (request, reply) => {
      const r = await saveRule(actorOf(app, request), request.body.rule as WarningRule, request.body.active);
      return reply.code(r.created ? 201 : 200).send(r.rule);
    },
  );
  app.post(
    '/webhooks',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Push new alerts to a URL (JSON, X-SCF-Signature: sha256=HMAC of the body under the secret; retried with backoff)',
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/ }),
          secret: z.string().min(16).max(200),
          minSeverity: z.enum(SEVERITIES).optional(),
        }),
        response: {
          201: z.object({ id: z.string(), url: z.string(), minSeverity: z.string(), active: z.boolean(), createdAt: z.string() }),
          ...problems,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(actorOf(app, request), request.body)),
  );
};
export default plugin;
