/**
 * Expert questionnaires, remote and anonymous (SPEC §3.1 group AHP, §3.8 Delphi; issue 16).
 *
 * Organiser (admin, risk officer; an auditor reads): /questionnaires — create, invite (each
 * expert's link token is returned once), progress by invitation label, results (pairwise: group
 * AHP per node with every expert's CR and the global weights; Delphi: each round's screening with
 * Kendall's W and keep / discuss / delete), close the round, open the next Delphi round.
 * Expert by link, without an account: /q/:token (the token is the credential; any unknown token is
 * the same 404). Expert signed in: /my/questionnaires and /my/invitations/:id — only their own.
 */
import { enumOf, hierarchyNodeSchema, labelSchema, PRIORITY_METHODS, pairwiseMatrixSchema, RI_TABLE_NAMES } from '@scf-risk/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUESTIONNAIRE_KINDS, QUESTIONNAIRE_SCALES, QUESTIONNAIRE_STATUSES } from '../db/schema.ts';
import { idParams, idSchema, pageQuery, problemSchema, problems } from '../schemas.ts';
import { actorOf } from '../services/actor.ts';
import {
  checkAnswers,
  closeQuestionnaireRound,
  createQuestionnaire,
  type ExpertAccess,
  expertQuestionnaire,
  getQuestionnaire,
  inviteExperts,
  listQuestionnaires,
  myQuestionnaires,
  openNextRound,
  questionnaireProgress,
  questionnaireResults,
  submitAnswers,
} from '../services/questionnaires.ts';
import type { UserView } from '../services/users.ts';

// --- Shapes -----------------------------------------------------------------------------------

const codeSchema = z.string().min(1).max(100).describe('a stable code, e.g. A41');
const itemSchema = z.strictObject({ code: codeSchema, name: labelSchema });
const itemsSchema = (what: string) =>
  z
    .array(itemSchema)
    .min(2, `at least 2 ${what}`)
    .max(200)
    .superRefine((items, ctx) => {
      items.forEach((it, k) => {
        if (items.findIndex((o) => o.code === it.code) !== k)
          ctx.addIssue({ code: 'custom', path: [k, 'code'], message: `code ${it.code} is used twice`, input: it.code });
      });
    });
const titleSchema = z.string().trim().min(1).max(200).describe('what the experts see as the title');
const descriptionSchema = z.string().max(4000).optional().describe('instructions for the experts');
const aggregationSchema = z.enum(['aij', 'aip']);

const newPairwise = z
  .strictObject({
    kind: z.literal('pairwise'),
    title: titleSchema,
    description: descriptionSchema,
    hierarchy: hierarchyNodeSchema
      .optional()
      .describe(
        'an indicator tree (the tree format); every node with 2+ children becomes one comparison (weights and matrices are ignored)',
      ),
    criteria: itemsSchema('criteria').optional().describe('instead of a tree: one comparison over these criteria'),
    method: enumOf(PRIORITY_METHODS).default('eigenvector').describe('priority method for every matrix'),
    ri: enumOf(RI_TABLE_NAMES).default('saaty').describe('random index table for CR'),
    aggregation: aggregationSchema.default('aij').describe('group rule: aij (geometric mean of judgments) or aip (mean of priorities)'),
  })
  .superRefine((d, ctx) => {
    if ((d.hierarchy === undefined) === (d.criteria === undefined))
      ctx.addIssue({ code: 'custom', path: ['hierarchy'], message: 'give either hierarchy or criteria (exactly one)', input: undefined });
  });

const newDelphi = z
  .strictObject({
    kind: z.literal('delphi'),
    title: titleSchema,
    description: descriptionSchema,
    hierarchy: hierarchyNodeSchema.optional().describe('an indicator tree: its indicators (leaves) are the questionnaire'),
    indicators: itemsSchema('indicators').optional().describe('instead of a tree: the indicators to score'),
    scale: z.enum(QUESTIONNAIRE_SCALES).default('1-3-5').describe('importance scale: 1-3-5 ([004]), 1-5 or 1-10'),
    sd: z.enum(['sample', 'population']).default('sample').describe('standard deviation used by the screening'),
  })
  .superRefine((d, ctx) => {
    if ((d.hierarchy === undefined) === (d.indicators === undefined))
      ctx.addIssue({ code: 'custom', path: ['hierarchy'], message: 'give either hierarchy or indicators (exactly one)', input: undefined });
  });

const newQuestionnaire = z.discriminatedUnion('kind', [newPairwise, newDelphi]);

const questionnaireSchema = z.object({
  id: z.string(),
  kind: z.enum(QUESTIONNAIRE_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(QUESTIONNAIRE_STATUSES).describe('open: answers accepted in the current round; closed: the round is closed'),
  round: z.number().int().describe('the current round (pairwise: always 1)'),
  scale: z.enum(QUESTIONNAIRE_SCALES).nullable().describe('Delphi: the importance scale'),
  comparisons: z
    .array(z.object({ node: z.string(), name: labelSchema, elements: z.array(itemSchema) }))
    .describe('pairwise: one matrix per node over its elements, in this order'),
  indicators: z.array(itemSchema).describe('Delphi: the indicators to score'),
  hierarchy: z.unknown().describe('pairwise: the tree (codes and names only), else null'),
  options: z.record(z.string(), z.unknown()).describe('pairwise: method, ri, aggregation; Delphi: sd'),
  createdBy: z.string(),
  createdAt: z.string(),
});

const invitationSchema = z.object({ id: z.string(), label: z.string(), userId: z.string().nullable(), weight: z.number() });

const newInvitations = z.strictObject({
  experts: z
    .array(
      z.strictObject({
        label: z.string().trim().min(1).max(100).describe('how the organiser knows this expert (e.g. "E1"); no other expert ever sees it'),
        userId: idSchema.optional().describe('a user of role expert, who then also finds the questionnaire signed in'),
        weight: z.number().positive().max(1_000_000).optional().describe('the expert’s weight in group AHP (default 1)'),
      }),
    )
    .min(1)
    .max(100),
});

const matrixSchema = pairwiseMatrixSchema;
const authoritySchema = z.strictObject({
  ca: z.number().min(0).max(1).describe('judgment basis Ca, 0 to 1'),
  cs: z.number().min(0).max(1).describe('familiarity Cs, 0 to 1'),
});
const answerBody = z.strictObject({
  matrices: z.record(z.string(), matrixSchema).optional().describe('pairwise: {node: matrix} for every comparison (check: any of them)'),
  scores: z.record(z.string(), z.number()).optional().describe('Delphi: {indicator: score} for every indicator, on the scale'),
  authority: authoritySchema.optional().describe('Delphi, optional: the expert’s judgment basis Ca and familiarity Cs'),
});

const answerSchema = z.object({
  round: z.number().int(),
  submittedAt: z.string(),
  matrices: z.record(z.string(), z.array(z.array(z.number().nullable()))).optional(),
  scores: z.record(z.string(), z.number()).optional(),
  authority: authoritySchema.optional(),
});

const feedbackSchema = z
  .object({
    round: z.number().int(),
    indicators: z.array(z.object({ indicator: z.string(), mean: z.number(), sd: z.number(), fullScoreFrequency: z.number() })),
  })
  .nullable()
  .describe('Delphi: the last closed round’s anonymous statistics (no expert’s answer)');

const expertViewSchema = z.object({
  invitation: z.object({ id: z.string(), label: z.string() }),
  questionnaire: questionnaireSchema,
  answered: z.boolean().describe('whether this expert answered the current round'),
  answer: answerSchema.nullable().describe('this expert’s own answer of the current round'),
  previousAnswers: z.array(answerSchema).describe('this expert’s own answers of earlier rounds'),
  feedback: feedbackSchema,
});

const hintSchema = z.object({
  i: z.number().int(),
  j: z.number().int(),
  row: z.string().describe('the element of row i'),
  column: z.string().describe('the element of column j'),
  value: z.number().describe('the current judgment a_ij'),
  epsilon: z.number().describe('ε_ij = a_ij·w_j/w_i (1 when consistent)'),
  suggested: z.number().describe('revisit a_ij to this scale value'),
  crAfter: z.number().describe('CR with only this change'),
});

const checkSchema = z.object({
  nodes: z.array(
    z.object({
      node: z.string(),
      elements: z.array(z.string()),
      weights: z.array(z.number()),
      lambdaMax: z.number(),
      cr: z.number(),
      consistent: z.boolean(),
      threshold: z.number(),
      riTable: z.string(),
      hints: z.array(hintSchema).describe('when CR ≥ 0.10: the judgments to revisit, worst first, with the value to revisit them to'),
      repairedMatrix: z.array(z.array(z.number())).nullable().describe('a proposal only; the expert’s matrix is never changed'),
      repairedCr: z.number().nullable(),
      warnings: z.array(z.string()),
    }),
  ),
});

const submittedSchema = answerSchema.extend({
  consistency: z.array(z.object({ node: z.string(), cr: z.number(), consistent: z.boolean() })).optional(),
});

const progressSchema = z.object({
  questionnaireId: z.string(),
  round: z.number().int(),
  status: z.enum(QUESTIONNAIRE_STATUSES),
  invited: z.number().int(),
  answered: z.number().int(),
  invitations: z.array(
    invitationSchema.extend({ answered: z.boolean(), answeredAt: z.string().nullable(), roundsAnswered: z.array(z.number().int()) }),
  ),
});

const delphiIndicatorSchema = z.object({
  indicator: z.string(),
  label: labelSchema.optional(),
  mean: z.number(),
  fullScoreFrequency: z.number(),
  sd: z.number(),
  cv: z.number(),
  passes: z.object({ mean: z.boolean(), fullScoreFrequency: z.boolean(), cv: z.boolean() }),
  failed: z.number().int(),
  decision: z.enum(['keep', 'discuss', 'delete']),
});
const delphiStatisticsSchema = z.object({
  indicators: z.array(delphiIndicatorSchema),
  thresholds: z.object({ mean: z.number(), fullScoreFrequency: z.number(), cv: z.number() }),
  counts: z.object({ keep: z.number().int(), discuss: z.number().int(), delete: z.number().int() }),
  kendallW: z.number(),
  chiSquare: z.number(),
  df: z.number(),
  p: z.number(),
  scale: z.string(),
  fullScore: z.number(),
  sdKind: z.string(),
  experts: z.number().int(),
  warnings: z.array(z.string()),
});

const resultsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pairwise'),
    round: z.number().int(),
    answered: z.number().int(),
    aggregation: aggregationSchema,
    method: z.string(),
    riTable: z.string(),
    consistent: z.boolean().describe('every node and every level has CR < 0.10'),
    nodes: z.array(
      z.object({
        node: z.string(),
        elements: z.array(z.string()),
        weights: z.array(z.number()).describe('the group’s local weights'),
        cr: z.number().describe('AIJ: CR of the aggregated matrix; AIP: Σ λ_k CR_k'),
        consistent: z.boolean(),
        aggregatedMatrix: z.array(z.array(z.number().nullable())).nullable(),
        inconsistentExperts: z.array(z.string()).describe('labels of experts with CR ≥ 0.10'),
        experts: z.array(
          z.object({
            invitationId: z.string(),
            label: z.string(),
            weight: z.number(),
            weights: z.array(z.number()),
            cr: z.number(),
            consistent: z.boolean(),
          }),
        ),
      }),
    ),
    leaves: z.array(z.object({ code: z.string(), name: labelSchema, globalWeight: z.number().nullable() })),
    levels: z.array(z.object({ depth: z.number().int(), cr: z.number(), consistent: z.boolean(), judgments: z.number().int() })),
  }),
  z.object({
    kind: z.literal('delphi'),
    round: z.number().int(),
    scale: z.enum(QUESTIONNAIRE_SCALES),
    rounds: z.array(
      z.object({
        round: z.number().int(),
        closed: z.boolean(),
        answered: z.number().int(),
        statistics: delphiStatisticsSchema.nullable().describe('null while fewer than 2 experts answered an open round'),
        authority: z
          .object({
            experts: z.array(z.object({ label: z.string(), ca: z.number(), cs: z.number(), cr: z.number() })),
            mean: z.number(),
          })
          .nullable()
          .describe('Cr = (Ca + Cs)/2 of the experts who gave Ca and Cs; null when none did'),
      }),
    ),
  }),
]);

const tokenParams = z.strictObject({ token: z.string().describe('the token of the expert’s link') });
const writeProblems = { ...problems, 409: problemSchema };

// --- Routes -----------------------------------------------------------------------------------

const plugin: FastifyPluginAsyncZod = async (app) => {
  const TAGS = ['questionnaires'];
  const EXPERT = ['questionnaires (expert)'];

  app.get(
    '/questionnaires',
    {
      schema: {
        tags: TAGS,
        summary: 'Questionnaires, newest first',
        querystring: z.strictObject(pageQuery),
        response: { 200: z.array(questionnaireSchema), ...problems },
      },
    },
    (request) => listQuestionnaires(app.store, request.query),
  );
  app.post(
    '/questionnaires',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a pairwise (tree or criteria) or Delphi (indicators, scale) questionnaire; round 1 opens',
        body: newQuestionnaire,
        response: { 201: questionnaireSchema, ...writeProblems },
      },
    },
    async (request, reply) => reply.code(201).send(await createQuestionnaire(actorOf(app, request), request.body)),
  );
  app.get(
    '/questionnaires/:id',
    { schema: { tags: TAGS, summary: 'One questionnaire', params: idParams, response: { 200: questionnaireSchema, ...problems } } },
    (request) => getQuestionnaire(app.store, request.params.id),
  );
  app.post(
    '/questionnaires/:id/invitations',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite experts: each gets a link token, shown only in this answer',
        params: idParams,
        body: newInvitations,
        response: {
          201: z.object({
            questionnaireId: z.string(),
            invitations: z.array(
              invitationSchema.extend({ token: z.string(), link: z.string().describe('the path of the expert’s page') }),
            ),
          }),
          ...writeProblems,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await inviteExperts(actorOf(app, request), request.params.id, request.body.experts)),
  );
  app.get(
    '/questionnaires/:id/progress',
    {
      schema: {
        tags: TAGS,
        summary: 'Who answered (by invitation label, never the answers)',
        params: idParams,
        response: { 200: progressSchema, ...problems },
      },
    },
    (request) => questionnaireProgress(app.store, request.params.id),
  );
  app.get(
    '/questionnaires/:id/results',
    {
      schema: {
        tags: TAGS,
        summary: 'Pairwise: group AHP per node, every expert’s CR, global weights. Delphi: each round’s screening and Kendall’s W',
        params: idParams,
        querystring: z.strictObject({ aggregation: aggregationSchema.optional().describe('pairwise: override the questionnaire’s rule') }),
        response: { 200: resultsSchema, ...problems },
      },
    },
    (request) => questionnaireResults(app.store, request.params.id, request.query.aggregation),
  );
  app.post(
    '/questionnaires/:id/close-round',
    {
      schema: {
        tags: TAGS,
        summary: 'Close the current round and keep its statistics (Delphi: at least 2 answers)',
        params: idParams,
        response: { 200: questionnaireSchema, ...writeProblems },
      },
    },
    (request) => closeQuestionnaireRound(actorOf(app, request), request.params.id),
  );
  app.post(
    '/questionnaires/:id/rounds',
    {
      schema: {
        tags: TAGS,
        summary: 'Delphi: open the next round (the current one must be closed)',
        params: idParams,
        response: { 201: questionnaireSchema, ...writeProblems },
      },
    },
    async (request, reply) => reply.code(201).send(await openNextRound(actorOf(app, request), request.params.id)),
  );

  // The expert's side, by link or signed in: the same three routes under each prefix.
  const expertRoutes = (
    prefix: string,
    params: typeof tokenParams | typeof idParams,
    access: (params: Record<string, string>, user: UserView | undefined) => ExpertAccess,
  ) => {
    const security = prefix.startsWith('/q/') ? { security: [] } : {};
    const accessOf = (request: FastifyRequest) => access(request.params as Record<string, string>, request.user);
    app.get(
      prefix,
      {
        schema: {
          tags: EXPERT,
          summary: 'The questionnaire as this expert sees it: own answers and (Delphi) the previous round’s anonymous statistics',
          params,
          ...security,
          response: { 200: expertViewSchema, ...problems },
        },
      },
      (request) => expertQuestionnaire(app.store, accessOf(request)),
    );
    app.post(
      `${prefix}/answers`,
      {
        schema: {
          tags: EXPERT,
          summary: 'Submit this round’s answers (once per round; never overwritten)',
          params,
          ...security,
          body: answerBody,
          response: { 201: submittedSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await submitAnswers({ store: app.store, requestId: String(request.id) }, accessOf(request), request.body)),
    );
    app.post(
      `${prefix}/check`,
      {
        schema: {
          tags: EXPERT,
          summary: 'Pairwise: live CR and the judgments to revisit for some matrices; nothing is saved',
          params,
          ...security,
          body: answerBody,
          response: { 200: checkSchema, ...problems },
        },
      },
      (request) => checkAnswers(app.store, accessOf(request), request.body),
    );
  };
  expertRoutes('/q/:token', tokenParams, (p) => ({ token: p.token as string }));
  expertRoutes('/my/invitations/:id', idParams, (p, user) => {
    if (!user) throw new Error('no signed-in user on a route that needs one (check the permission matrix)');
    return { invitationId: p.id as string, user };
  });

  app.get(
    '/my/questionnaires',
    {
      schema: {
        tags: EXPERT,
        summary: 'The signed-in expert’s own invitations',
        response: {
          200: z.array(
            z.object({ invitationId: z.string(), label: z.string(), answered: z.boolean(), questionnaire: questionnaireSchema }),
          ),
          ...problems,
        },
      },
    },
    (request) => myQuestionnaires(app.store, request.user as NonNullable<typeof request.user>),
  );
};
export default plugin;
