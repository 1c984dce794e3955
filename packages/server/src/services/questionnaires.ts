/**
 * Remote, anonymous expert questionnaires (SPEC §3.1 group AHP, §3.8 Delphi; issue 16).
 *
 * An organiser (risk officer, admin) creates a questionnaire — pairwise comparisons over the
 * children of every node of an indicator tree (or over a criteria list), or a Delphi questionnaire
 * over indicators on a 1-3-5, 1-5 or 1-10 scale — and invites experts. Each invitation carries an
 * unguessable link token (32 random bytes, base64url) that is returned once and kept only as its
 * SHA-256, and optionally the id of a user of role expert, who then also finds it signed in.
 *
 * Experts answer per round; answers are never overwritten. A pairwise expert can check matrices
 * first: core's `ahp` gives CR and the judgments to revisit with the value that would bring CR
 * under 0.10. The organiser sees who answered (by invitation label), each expert's CR and the
 * group weights of core's `groupAhp` (AIJ or AIP) per node with the tree's global weights from
 * `synthesiseHierarchy`; for Delphi the screening of each round (`roundStatistics`: mean, CV,
 * full-score frequency, Kendall's W, keep / discuss / delete). The Delphi state is core's
 * `DelphiStudy` (delphi-study.ts) rebuilt from the rows: answering goes through `recordResponse`,
 * closing through `closeRound`, and experts see `roundFeedback` — anonymous statistics only.
 * No route shows one expert's answers to anyone but that expert.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  ahp,
  authorityCoefficient,
  CR_THRESHOLD,
  closeRound,
  type DelphiRoundResult,
  type DelphiStudy,
  type GroupAggregation,
  type GroupAhpResult,
  groupAhp,
  type HierarchyNode,
  type Issue,
  isLeaf,
  type Label,
  type PriorityMethod,
  type RiTableName,
  recordResponse,
  riTableSize,
  roundFeedback,
  roundStatistics,
  type SdKind,
  synthesiseHierarchy,
  ValidationError,
  validateHierarchy,
  walkHierarchy,
} from '@scf-risk/core';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  type QUESTIONNAIRE_SCALES,
  questionnaireAnswers,
  questionnaireInvitations,
  questionnaireRounds,
  questionnaires,
  users,
} from '../db/schema.ts';
import type { Store, Tx } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { type Actor, audit, recordCreated, type ServiceContext } from './context.ts';
import type { UserView } from './users.ts';

export type QuestionnaireScale = (typeof QUESTIONNAIRE_SCALES)[number];
type Row = typeof questionnaires.$inferSelect;
type InvitationRow = typeof questionnaireInvitations.$inferSelect;
type Matrix = (number | null)[][];

/** An element compared or scored: an indicator or criterion. */
export interface QuestionnaireItem {
  code: string;
  name: Label;
}

/** One pairwise comparison: the children of `node`, compared in this order. */
export interface Comparison {
  node: string;
  name: Label;
  elements: QuestionnaireItem[];
}

interface PairwiseContent {
  hierarchy: HierarchyNode;
  comparisons: Comparison[];
}
interface DelphiContent {
  indicators: QuestionnaireItem[];
}
interface PairwiseOptions {
  method: PriorityMethod;
  ri: RiTableName;
  aggregation: GroupAggregation;
}
interface DelphiOptions {
  sd: SdKind;
}

/** A new questionnaire: exactly one of `hierarchy` and `criteria` (pairwise) or `indicators` (Delphi). */
export type NewQuestionnaire =
  | ({
      kind: 'pairwise';
      title: string;
      description?: string | undefined;
      hierarchy?: unknown;
      criteria?: QuestionnaireItem[] | undefined;
    } & PairwiseOptions)
  | ({
      kind: 'delphi';
      title: string;
      description?: string | undefined;
      scale: QuestionnaireScale;
      hierarchy?: unknown;
      indicators?: QuestionnaireItem[] | undefined;
    } & DelphiOptions);

/** The code of the goal when a pairwise questionnaire is made from a criteria list. */
export const CRITERIA_GOAL = 'goal';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const conflict = (message: string, path: (string | number)[] = []) =>
  new HttpProblem(409, 'Conflict', message, path.length > 0 ? [{ path, message }] : []);
const badAnswers = (issues: Issue[]) =>
  new HttpProblem(400, 'Bad Request', `invalid answers: ${issues.length} problem${issues.length > 1 ? 's' : ''}`, issues);

// ---------------------------------------------------------------------------------------------
// Views

export const questionnaireView = (q: Row) => {
  const pairwise = q.kind === 'pairwise' ? (q.content as PairwiseContent) : undefined;
  return {
    id: q.id,
    kind: q.kind,
    title: q.title,
    description: q.description,
    status: q.status,
    round: q.currentRound,
    scale: q.scale,
    comparisons: pairwise?.comparisons ?? [],
    indicators: q.kind === 'delphi' ? (q.content as DelphiContent).indicators : [],
    hierarchy: pairwise?.hierarchy ?? null,
    options: q.options,
    createdBy: q.createdBy,
    createdAt: q.createdAt.toISOString(),
  };
};
export type QuestionnaireView = ReturnType<typeof questionnaireView>;

const invitationView = (i: InvitationRow) => ({ id: i.id, label: i.label, userId: i.userId, weight: i.weight });

type AnswerRow = typeof questionnaireAnswers.$inferSelect;
const answerView = (a: AnswerRow) => ({
  round: a.round,
  submittedAt: a.submittedAt.toISOString(),
  ...(a.content as AnswerInput),
});
export type AnswerView = ReturnType<typeof answerView>;

// ---------------------------------------------------------------------------------------------
// Creating

/** The tree as a questionnaire shows it: codes, names, structure and leaf fields; no weights or judgments. */
function bareTree(node: HierarchyNode): HierarchyNode {
  const { code, name, description, kind, direction, unit, scorer, children } = node;
  return {
    code,
    name,
    ...(description !== undefined ? { description } : {}),
    ...(children && children.length > 0
      ? { children: children.map(bareTree) }
      : {
          ...(kind !== undefined ? { kind } : {}),
          ...(direction !== undefined ? { direction } : {}),
          ...(unit !== undefined ? { unit } : {}),
          ...(scorer !== undefined ? { scorer } : {}),
        }),
  };
}

/** Validate a tree (core's rules) with paths under `hierarchy`; 400 naming the node. */
function checkedTree(tree: unknown): HierarchyNode {
  try {
    return validateHierarchy(bareTree(tree as HierarchyNode)).root;
  } catch (e) {
    if (e instanceof ValidationError) throw new HttpProblem(400, 'Bad Request', 'invalid hierarchy', e.at('hierarchy').issues);
    throw e;
  }
}

function comparisonsOf(root: HierarchyNode): Comparison[] {
  const out: Comparison[] = [];
  walkHierarchy(root, (n) => {
    if ((n.children?.length ?? 0) >= 2)
      out.push({ node: n.code, name: n.name, elements: (n.children ?? []).map((c) => ({ code: c.code, name: c.name })) });
  });
  return out;
}

function leavesOf(root: HierarchyNode): QuestionnaireItem[] {
  const out: QuestionnaireItem[] = [];
  walkHierarchy(root, (n) => {
    if (isLeaf(n)) out.push({ code: n.code, name: n.name });
  });
  return out;
}

function contentOf(input: NewQuestionnaire): { content: PairwiseContent | DelphiContent; options: Record<string, unknown> } {
  if (input.kind === 'pairwise') {
    const hierarchy = checkedTree(input.hierarchy ?? { code: CRITERIA_GOAL, name: input.title, children: input.criteria });
    const comparisons = comparisonsOf(hierarchy);
    if (comparisons.length === 0) {
      const path = input.hierarchy ? 'hierarchy' : 'criteria';
      throw new HttpProblem(400, 'Bad Request', 'nothing to compare', [
        { path: [path], message: 'no node has two or more children to compare', allowed: 'at least one node with 2 or more children' },
      ]);
    }
    const tooLarge = comparisons.find((c) => c.elements.length > riTableSize(input.ri));
    if (tooLarge)
      throw new HttpProblem(400, 'Bad Request', 'a comparison is too large for the RI table', [
        {
          path: ['ri'],
          message: `${tooLarge.node} compares ${tooLarge.elements.length} elements; the ${input.ri} RI table covers n ≤ ${riTableSize(input.ri)}`,
          allowed: 'alonso-lamata (any n), or fewer children per node',
        },
      ]);
    return { content: { hierarchy, comparisons }, options: { method: input.method, ri: input.ri, aggregation: input.aggregation } };
  }
  const indicators = input.indicators ?? leavesOf(checkedTree(input.hierarchy));
  if (indicators.length < 2)
    throw new HttpProblem(400, 'Bad Request', 'too few indicators', [
      { path: [input.indicators ? 'indicators' : 'hierarchy'], message: `${indicators.length} indicator(s)`, allowed: 'at least 2' },
    ]);
  return { content: { indicators }, options: { sd: input.sd } };
}

/** A new questionnaire with its round 1 open, and a 'create' audit entry. */
export async function createQuestionnaire(ctx: ServiceContext, input: NewQuestionnaire): Promise<QuestionnaireView> {
  const by = userIdOf(ctx.actor);
  const { content, options } = contentOf(input);
  return ctx.store.db.transaction(async (tx) => {
    const rows = await tx
      .insert(questionnaires)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        content,
        options,
        scale: input.kind === 'delphi' ? input.scale : null,
        createdBy: by,
      })
      .returning();
    const view = await recordCreated(tx, ctx, 'questionnaire', rows, questionnaireView);
    await tx.insert(questionnaireRounds).values({ questionnaireId: view.id, number: 1, openedBy: by });
    return view;
  });
}

function userIdOf(actor: Actor): string {
  if (!actor.id) throw new Error('an organiser action needs a signed-in user');
  return actor.id;
}

// ---------------------------------------------------------------------------------------------
// Reading (organiser)

export async function listQuestionnaires(store: Store, q: { limit: number; offset: number }): Promise<QuestionnaireView[]> {
  const rows = await store.db.select().from(questionnaires).orderBy(desc(questionnaires.createdAt)).limit(q.limit).offset(q.offset);
  return rows.map(questionnaireView);
}

async function loadQuestionnaire(db: Store['db'] | Tx, id: string, lock?: 'update' | 'share'): Promise<Row> {
  const query = db.select().from(questionnaires).where(eq(questionnaires.id, id));
  const [q] = lock ? await query.for(lock) : await query;
  if (!q) throw notFound('questionnaire', id);
  return q;
}

export async function getQuestionnaire(store: Store, id: string): Promise<QuestionnaireView> {
  return questionnaireView(await loadQuestionnaire(store.db, id));
}

/** Who answered which round, by invitation label (never the answers). */
export async function questionnaireProgress(store: Store, id: string) {
  const q = await loadQuestionnaire(store.db, id);
  const invitations = await store.db
    .select()
    .from(questionnaireInvitations)
    .where(eq(questionnaireInvitations.questionnaireId, id))
    .orderBy(asc(questionnaireInvitations.createdAt), asc(questionnaireInvitations.label));
  const answers = await store.db
    .select({ invitationId: questionnaireAnswers.invitationId, round: questionnaireAnswers.round, at: questionnaireAnswers.submittedAt })
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.questionnaireId, id));
  const rows = invitations.map((i) => {
    const mine = answers.filter((a) => a.invitationId === i.id);
    const current = mine.find((a) => a.round === q.currentRound);
    return {
      ...invitationView(i),
      answered: current !== undefined,
      answeredAt: current ? current.at.toISOString() : null,
      roundsAnswered: mine.map((a) => a.round).sort((a, b) => a - b),
    };
  });
  return {
    questionnaireId: q.id,
    round: q.currentRound,
    status: q.status,
    invited: rows.length,
    answered: rows.filter((r) => r.answered).length,
    invitations: rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Inviting

export interface NewInvitation {
  label: string;
  userId?: string | undefined;
  weight?: number | undefined;
}

/** Invitations with their link tokens — the only time a token is shown. */
export async function inviteExperts(ctx: ServiceContext, id: string, experts: NewInvitation[]) {
  const by = userIdOf(ctx.actor);
  const issues: Issue[] = [];
  experts.forEach((e, k) => {
    if (experts.findIndex((o) => o.label === e.label) !== k)
      issues.push({ path: ['experts', k, 'label'], message: `label "${e.label}" is used twice in this request` });
    if (e.userId !== undefined && experts.findIndex((o) => o.userId === e.userId) !== k)
      issues.push({ path: ['experts', k, 'userId'], message: 'this user is invited twice in this request' });
  });
  if (issues.length > 0) throw new HttpProblem(400, 'Bad Request', 'invalid invitations', issues);
  return ctx.store.db.transaction(async (tx) => {
    const q = await loadQuestionnaire(tx, id, 'update');
    if (q.kind === 'pairwise' && q.status === 'closed') throw conflict('the questionnaire is closed; nobody can answer it any more');
    const userIds = experts.flatMap((e) => (e.userId ? [e.userId] : []));
    const found = userIds.length > 0 ? await tx.select().from(users).where(inArray(users.id, userIds)) : [];
    const existing = await tx.select().from(questionnaireInvitations).where(eq(questionnaireInvitations.questionnaireId, id));
    experts.forEach((e, k) => {
      if (existing.some((x) => x.label === e.label))
        issues.push({ path: ['experts', k, 'label'], message: `an expert labelled "${e.label}" is already invited` });
      if (e.userId === undefined) return;
      const u = found.find((x) => x.id === e.userId);
      if (!u) issues.push({ path: ['experts', k, 'userId'], message: `no user with id ${e.userId}` });
      else if (u.role !== 'expert')
        issues.push({
          path: ['experts', k, 'userId'],
          message: `user ${u.username} has the role ${u.role}`,
          allowed: 'a user of role expert',
        });
      else if (existing.some((x) => x.userId === e.userId))
        issues.push({ path: ['experts', k, 'userId'], message: `user ${u.username} is already invited` });
    });
    if (issues.length > 0) throw new HttpProblem(409, 'Conflict', 'some experts cannot be invited', issues);
    const out = [];
    for (const e of experts) {
      const token = randomBytes(32).toString('base64url');
      const [row] = await tx
        .insert(questionnaireInvitations)
        .values({
          questionnaireId: id,
          label: e.label,
          userId: e.userId ?? null,
          weight: e.weight ?? 1,
          tokenHash: tokenHash(token),
          createdBy: by,
        })
        .returning();
      if (!row) throw new Error('the insert of an invitation returned no row');
      out.push({ ...invitationView(row), token, link: `/q/${token}` });
    }
    await audit(tx, ctx, {
      entity: 'questionnaire',
      entityId: id,
      action: 'invite',
      after: { invitations: out.map(({ token: _token, link: _link, ...rest }) => rest) },
    });
    return { questionnaireId: id, invitations: out };
  });
}

// ---------------------------------------------------------------------------------------------
// Results (organiser)

interface AnsweredExpert {
  invitation: InvitationRow;
  answer: AnswerRow;
}

async function answersOfRound(db: Store['db'] | Tx, q: Row, round: number): Promise<AnsweredExpert[]> {
  const rows = await db
    .select({ invitation: questionnaireInvitations, answer: questionnaireAnswers })
    .from(questionnaireAnswers)
    .innerJoin(questionnaireInvitations, eq(questionnaireInvitations.id, questionnaireAnswers.invitationId))
    .where(and(eq(questionnaireAnswers.questionnaireId, q.id), eq(questionnaireAnswers.round, round)))
    .orderBy(asc(questionnaireInvitations.createdAt), asc(questionnaireInvitations.label));
  return rows;
}

/** Group AHP per node (experts by invitation label) and the tree's global weights. */
function pairwiseResults(q: Row, answered: AnsweredExpert[], aggregation: GroupAggregation) {
  const { hierarchy, comparisons } = q.content as PairwiseContent;
  const opts = q.options as unknown as PairwiseOptions;
  const matricesOf = (a: AnsweredExpert) => (a.answer.content as { matrices: Record<string, Matrix> }).matrices;
  const base = { kind: 'pairwise' as const, round: 1, answered: answered.length, aggregation, method: opts.method, riTable: opts.ri };
  if (answered.length === 0) return { ...base, consistent: false, nodes: [], leaves: [], levels: [] };
  try {
    const groups = new Map<string, GroupAhpResult>();
    const nodes = comparisons.map((c) => {
      const r = groupAhp(
        answered.map((a) => ({ id: a.invitation.label, weight: a.invitation.weight, matrix: matricesOf(a)[c.node] as Matrix })),
        { method: opts.method, ri: opts.ri, aggregation, labels: c.elements.map((e) => e.code) },
      );
      groups.set(c.node, r);
      return {
        node: c.node,
        elements: c.elements.map((e) => e.code),
        weights: r.weights,
        cr: r.cr,
        consistent: r.consistent,
        aggregatedMatrix: r.aggregatedMatrix ?? null,
        inconsistentExperts: r.inconsistentExperts,
        experts: r.experts.map((e, k) => ({
          invitationId: answered[k]?.invitation.id ?? '',
          label: e.id,
          weight: e.weight,
          weights: e.weights,
          cr: e.cr,
          consistent: e.consistent,
        })),
      };
    });
    // The tree with each node's panel: core's synthesis gives global weights and level CRs.
    const withExperts = (n: HierarchyNode): HierarchyNode => {
      const kids = n.children ?? [];
      const panel = groups.has(n.code)
        ? {
            experts: answered.map((a) => ({
              id: a.invitation.label,
              weight: a.invitation.weight,
              matrix: matricesOf(a)[n.code] as Matrix,
            })),
          }
        : {};
      return {
        ...n,
        ...(kids.length > 0 ? { children: kids.map((c) => ({ ...withExperts(c), ...(kids.length === 1 ? { weight: 1 } : {}) })) } : {}),
        ...panel,
      };
    };
    const synthesis = synthesiseHierarchy(withExperts(hierarchy), { method: opts.method, ri: opts.ri, aggregation });
    return {
      ...base,
      consistent: synthesis.consistent,
      nodes,
      leaves: synthesis.leaves,
      levels: synthesis.levels,
    };
  } catch (e) {
    if (e instanceof ValidationError) throw new HttpProblem(422, 'Unprocessable Content', 'the answers cannot be aggregated', e.issues);
    throw e;
  }
}
export type PairwiseResults = ReturnType<typeof pairwiseResults>;

/** The Delphi study of core (delphi-study.ts) as the rows hold it: panel = invitations, responses by invitation id. */
async function delphiStudy(db: Store['db'] | Tx, q: Row): Promise<DelphiStudy> {
  const invitations = await db.select().from(questionnaireInvitations).where(eq(questionnaireInvitations.questionnaireId, q.id));
  const rounds = await db
    .select()
    .from(questionnaireRounds)
    .where(eq(questionnaireRounds.questionnaireId, q.id))
    .orderBy(asc(questionnaireRounds.number));
  const answers = await db.select().from(questionnaireAnswers).where(eq(questionnaireAnswers.questionnaireId, q.id));
  return {
    panel: invitations.map((i) => ({ id: i.id, name: i.label })),
    questionnaire: (q.content as DelphiContent).indicators,
    scale: q.scale as QuestionnaireScale,
    rounds: rounds.map((r) => ({
      number: r.number,
      closed: r.closedAt !== null,
      responses: Object.fromEntries(
        answers.filter((a) => a.round === r.number).map((a) => [a.invitationId, (a.content as { scores: Record<string, number> }).scores]),
      ),
    })),
  };
}

/** Screening of one Delphi round (core's `roundStatistics`), without the per-rater rank details. */
function delphiStatistics(study: DelphiStudy, round: number, sd: SdKind) {
  const { kendall: _kendall, ...stats } = roundStatistics(study, round, { sd });
  return stats;
}
export type DelphiStatistics = Omit<DelphiRoundResult, 'kendall'>;

async function delphiResults(db: Store['db'] | Tx, q: Row) {
  const study = await delphiStudy(db, q);
  const stored = await db.select().from(questionnaireRounds).where(eq(questionnaireRounds.questionnaireId, q.id));
  const sd = (q.options as unknown as DelphiOptions).sd;
  const rounds = [];
  for (const r of study.rounds) {
    const answered = Object.keys(r.responses).length;
    const row = stored.find((s) => s.number === r.number);
    const statistics = r.closed ? (row?.statistics as DelphiStatistics) : answered >= 2 ? delphiStatistics(study, r.number, sd) : null;
    rounds.push({ round: r.number, closed: r.closed, answered, statistics, authority: authorityOf(await answersOfRound(db, q, r.number)) });
  }
  return { kind: 'delphi' as const, round: q.currentRound, scale: q.scale as QuestionnaireScale, rounds };
}

/** The authority coefficients Cr = (Ca + Cs)/2 of the experts who gave Ca and Cs with their answers (core's `authorityCoefficient`). */
function authorityOf(answered: AnsweredExpert[]) {
  const given = answered.flatMap((a) => {
    const au = (a.answer.content as AnswerInput).authority;
    return au ? [{ id: a.invitation.label, ca: au.ca, cs: au.cs }] : [];
  });
  if (given.length === 0) return null;
  const r = authorityCoefficient(given);
  return { experts: r.experts.map(({ id, ...rest }) => ({ label: id, ...rest })), mean: r.mean };
}
export type DelphiResults = Awaited<ReturnType<typeof delphiResults>>;

/** Pairwise: group AHP per node and global weights; Delphi: every round's screening. */
export async function questionnaireResults(store: Store, id: string, aggregation?: GroupAggregation) {
  const q = await loadQuestionnaire(store.db, id);
  if (q.kind === 'delphi') return delphiResults(store.db, q);
  const opts = q.options as unknown as PairwiseOptions;
  return pairwiseResults(q, await answersOfRound(store.db, q, 1), aggregation ?? opts.aggregation);
}

// ---------------------------------------------------------------------------------------------
// Rounds (organiser)

/** Close the open round with its statistics; a pairwise questionnaire is then closed for good. */
export async function closeQuestionnaireRound(ctx: ServiceContext, id: string): Promise<QuestionnaireView> {
  const by = userIdOf(ctx.actor);
  return ctx.store.db.transaction(async (tx) => {
    const q = await loadQuestionnaire(tx, id, 'update');
    if (q.status !== 'open') throw conflict(`round ${q.currentRound} is already closed`);
    let statistics: unknown;
    if (q.kind === 'pairwise') {
      const answered = await answersOfRound(tx, q, 1);
      if (answered.length === 0) throw conflict('nobody has answered yet; a round closes with at least one answer');
      statistics = pairwiseResults(q, answered, (q.options as unknown as PairwiseOptions).aggregation);
    } else {
      let closed: DelphiStudy;
      try {
        closed = closeRound(await delphiStudy(tx, q));
      } catch (e) {
        if (e instanceof ValidationError) throw conflict(e.issues.map((i) => i.message).join('; '));
        throw e;
      }
      statistics = delphiStatistics(closed, q.currentRound, (q.options as unknown as DelphiOptions).sd);
    }
    await tx
      .update(questionnaireRounds)
      .set({ closedAt: sql`now()`, closedBy: by, statistics })
      .where(and(eq(questionnaireRounds.questionnaireId, id), eq(questionnaireRounds.number, q.currentRound)));
    const [after] = await tx.update(questionnaires).set({ status: 'closed' }).where(eq(questionnaires.id, id)).returning();
    await audit(tx, ctx, { entity: 'questionnaire', entityId: id, action: 'close-round', after: { round: q.currentRound, statistics } });
    return questionnaireView(after as Row);
  });
}

/** Open the next Delphi round (the current one must be closed). */
export async function openNextRound(ctx: ServiceContext, id: string): Promise<QuestionnaireView> {
  const by = userIdOf(ctx.actor);
  return ctx.store.db.transaction(async (tx) => {
    const q = await loadQuestionnaire(tx, id, 'update');
    if (q.kind !== 'delphi') throw conflict('a pairwise questionnaire has a single round');
    if (q.status === 'open') throw conflict(`round ${q.currentRound} is still open; close it first`);
    const number = q.currentRound + 1;
    await tx.insert(questionnaireRounds).values({ questionnaireId: id, number, openedBy: by });
    const [after] = await tx
      .update(questionnaires)
      .set({ status: 'open', currentRound: number })
      .where(eq(questionnaires.id, id))
      .returning();
    await audit(tx, ctx, { entity: 'questionnaire', entityId: id, action: 'open-round', after: { round: number } });
    return questionnaireView(after as Row);
  });
}

// ---------------------------------------------------------------------------------------------
// The expert's side: by link token, or signed in as the invited expert

/** How an expert reaches an invitation: the link's token, or the invitation id and the signed-in user. */
export type ExpertAccess = { token: string } | { invitationId: string; user: UserView };

const NO_LINK = 'no questionnaire at this link';

/** The invitation and the actor for the audit log; every failure is the same 404. */
async function resolveInvitation(db: Store['db'] | Tx, access: ExpertAccess): Promise<{ invitation: InvitationRow; actor: Actor }> {
  if ('token' in access) {
    const [invitation] = await db
      .select()
      .from(questionnaireInvitations)
      .where(eq(questionnaireInvitations.tokenHash, tokenHash(access.token)));
    if (!invitation) throw new HttpProblem(404, 'Not Found', NO_LINK);
    return { invitation, actor: { id: null, username: `expert-link:${invitation.label}`, role: 'expert' } };
  }
  const [invitation] = await db
    .select()
    .from(questionnaireInvitations)
    .where(and(eq(questionnaireInvitations.id, access.invitationId), eq(questionnaireInvitations.userId, access.user.id)));
  if (!invitation) throw notFound('invitation', access.invitationId);
  return { invitation, actor: { id: access.user.id, username: access.user.username, role: access.user.role } };
}

/** What the expert sees: the questionnaire, their own answers, and (Delphi) the last closed round's anonymous statistics. */
export async function expertQuestionnaire(store: Store, access: ExpertAccess) {
  const { invitation } = await resolveInvitation(store.db, access);
  const q = await loadQuestionnaire(store.db, invitation.questionnaireId);
  const own = await store.db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.invitationId, invitation.id))
    .orderBy(asc(questionnaireAnswers.round));
  let feedback: ReturnType<typeof roundFeedback> | null = null;
  if (q.kind === 'delphi') {
    const study = await delphiStudy(store.db, q);
    if (study.rounds.some((r) => r.closed)) feedback = roundFeedback(study);
  }
  const current = own.find((a) => a.round === q.currentRound);
  return {
    invitation: { id: invitation.id, label: invitation.label },
    questionnaire: questionnaireView(q),
    answered: current !== undefined,
    answer: current ? answerView(current) : null,
    previousAnswers: own.filter((a) => a.round < q.currentRound).map(answerView),
    feedback,
  };
}

export interface AnswerInput {
  matrices?: Record<string, Matrix> | undefined;
  scores?: Record<string, number> | undefined;
  /** Delphi: the expert's judgment basis Ca and familiarity Cs, each in [0, 1]. */
  authority?: { ca: number; cs: number } | undefined;
}

/** One node's matrix checked by core's `ahp` (sizes, reciprocity, Saaty's scale); issues under `matrices.<node>`. */
function checkMatrix(c: Comparison, matrix: Matrix, opts: PairwiseOptions, issues: Issue[]) {
  const at = ['matrices', c.node];
  const k = c.elements.length;
  if (matrix.length !== k) {
    issues.push({
      path: at,
      message: `${matrix.length} rows for ${k} elements (${c.elements.map((e) => e.code).join(', ')})`,
      allowed: `a ${k}×${k} matrix`,
    });
    return undefined;
  }
  try {
    return ahp(matrix, { method: opts.method, ri: opts.ri, labels: c.elements.map((e) => e.code) });
  } catch (e) {
    if (e instanceof ValidationError) {
      issues.push(...e.at(...at).issues);
      return undefined;
    }
    throw e;
  }
}

function comparisonOf(content: PairwiseContent, node: string): Comparison | undefined {
  return content.comparisons.find((c) => c.node === node);
}

function unknownNodes(content: PairwiseContent, matrices: Record<string, Matrix>, issues: Issue[]) {
  for (const node of Object.keys(matrices))
    if (!comparisonOf(content, node))
      issues.push({
        path: ['matrices', node],
        message: `${node} is not a node of this questionnaire`,
        allowed: content.comparisons.map((c) => c.node).join(', '),
      });
}

/** Live consistency of some matrices, with the judgments to revisit; nothing is saved. */
export async function checkAnswers(store: Store, access: ExpertAccess, input: AnswerInput) {
  const { invitation } = await resolveInvitation(store.db, access);
  const q = await loadQuestionnaire(store.db, invitation.questionnaireId);
  if (q.kind !== 'pairwise') throw badAnswers([{ path: [], message: 'only pairwise questionnaires have a consistency check' }]);
  if (!input.matrices) throw badAnswers([{ path: ['matrices'], message: 'is required', allowed: '{node: matrix}' }]);
  const content = q.content as PairwiseContent;
  const opts = q.options as unknown as PairwiseOptions;
  const issues: Issue[] = [];
  unknownNodes(content, input.matrices, issues);
  const results = Object.entries(input.matrices).flatMap(([node, matrix]) => {
    const c = comparisonOf(content, node);
    const r = c ? checkMatrix(c, matrix, opts, issues) : undefined;
    if (!c || !r) return [];
    const code = (i: number) => c.elements[i]?.code ?? String(i);
    return [
      {
        node,
        elements: c.elements.map((e) => e.code),
        weights: r.weights,
        lambdaMax: r.lambdaMax,
        cr: r.cr,
        consistent: r.consistent,
        threshold: CR_THRESHOLD,
        riTable: r.riTable,
        hints: r.inconsistentPairs.map((p) => ({ ...p, row: code(p.i), column: code(p.j) })),
        repairedMatrix: r.repairedMatrix ?? null,
        repairedCr: r.repairedCr ?? null,
        warnings: r.warnings,
      },
    ];
  });
  if (issues.length > 0) throw badAnswers(issues);
  return { nodes: results };
}

/** Store the expert's answers for the open round; validated, never overwritten. */
export async function submitAnswers(ctx: Omit<ServiceContext, 'actor'>, access: ExpertAccess, input: AnswerInput) {
  return ctx.store.db.transaction(async (tx) => {
    const { invitation, actor } = await resolveInvitation(tx, access);
    // One answer at a time per invitation: a concurrent second answer waits here, then finds the first.
    await tx
      .select({ id: questionnaireInvitations.id })
      .from(questionnaireInvitations)
      .where(eq(questionnaireInvitations.id, invitation.id))
      .for('update');
    const q = await loadQuestionnaire(tx, invitation.questionnaireId, 'share');
    if (q.status !== 'open') throw conflict(`round ${q.currentRound} is closed; answers are no longer accepted`);
    const [already] = await tx
      .select({ id: questionnaireAnswers.id })
      .from(questionnaireAnswers)
      .where(and(eq(questionnaireAnswers.invitationId, invitation.id), eq(questionnaireAnswers.round, q.currentRound)));
    if (already) throw conflict(`you already answered round ${q.currentRound}; answers are never overwritten`);
    const issues: Issue[] = [];
    let content: AnswerInput;
    let consistency: { node: string; cr: number; consistent: boolean }[] | undefined;
    if (q.kind === 'pairwise') {
      if (input.scores !== undefined) issues.push({ path: ['scores'], message: 'a pairwise questionnaire takes matrices, not scores' });
      if (input.authority !== undefined)
        issues.push({ path: ['authority'], message: 'the authority coefficient belongs to Delphi questionnaires' });
      const matrices = input.matrices ?? {};
      if (input.matrices === undefined) issues.push({ path: ['matrices'], message: 'is required', allowed: '{node: matrix}' });
      const pc = q.content as PairwiseContent;
      const opts = q.options as unknown as PairwiseOptions;
      unknownNodes(pc, matrices, issues);
      consistency = [];
      for (const c of pc.comparisons) {
        const m = matrices[c.node];
        if (m === undefined) {
          if (input.matrices !== undefined)
            issues.push({ path: ['matrices', c.node], message: `the comparison of ${c.node}'s elements is missing` });
          continue;
        }
        const r = checkMatrix(c, m, opts, issues);
        if (r) consistency.push({ node: c.node, cr: r.cr, consistent: r.consistent });
      }
      if (issues.length > 0) throw badAnswers(issues);
      content = { matrices };
    } else {
      if (input.matrices !== undefined) issues.push({ path: ['matrices'], message: 'a Delphi questionnaire takes scores, not matrices' });
      if (input.scores === undefined) issues.push({ path: ['scores'], message: 'is required', allowed: '{indicator: score}' });
      if (issues.length > 0) throw badAnswers(issues);
      const scores = input.scores as Record<string, number>;
      try {
        recordResponse(await delphiStudy(tx, q), invitation.id, scores);
      } catch (e) {
        if (e instanceof ValidationError) throw badAnswers(e.issues);
        throw e;
      }
      content = { scores, ...(input.authority ? { authority: input.authority } : {}) };
    }
    const [row] = await tx
      .insert(questionnaireAnswers)
      .values({ invitationId: invitation.id, questionnaireId: q.id, round: q.currentRound, content, submittedBy: actor.id })
      .returning();
    if (!row) throw new Error('the insert of an answer returned no row');
    const actx: ServiceContext = { ...ctx, actor };
    await audit(tx, actx, {
      entity: 'questionnaire',
      entityId: q.id,
      action: 'answer',
      after: { invitationId: invitation.id, label: invitation.label, round: q.currentRound, ...content },
    });
    return { ...answerView(row), ...(consistency ? { consistency } : {}) };
  });
}

/** The signed-in expert's own invitations. */
export async function myQuestionnaires(store: Store, user: UserView) {
  const rows = await store.db
    .select({ invitation: questionnaireInvitations, q: questionnaires })
    .from(questionnaireInvitations)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireInvitations.questionnaireId))
    .where(eq(questionnaireInvitations.userId, user.id))
    .orderBy(desc(questionnaires.createdAt));
  const ids = rows.map((r) => r.invitation.id);
  const answers =
    ids.length > 0
      ? await store.db
          .select({ invitationId: questionnaireAnswers.invitationId, round: questionnaireAnswers.round })
          .from(questionnaireAnswers)
          .where(inArray(questionnaireAnswers.invitationId, ids))
      : [];
  return rows.map((r) => ({
    invitationId: r.invitation.id,
    label: r.invitation.label,
    answered: answers.some((a) => a.invitationId === r.invitation.id && a.round === r.q.currentRound),
    questionnaire: questionnaireView(r.q),
  }));
}
