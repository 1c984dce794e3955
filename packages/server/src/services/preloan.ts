/**
 * Pre-loan (SPEC §6.2): applications, their evaluation with the product's active models, and the
 * decision a person takes on them.
 *
 * An evaluation uses three versions of the product's models (services/models.ts), all recorded:
 * - `scoring-rule` (required): the evaluation model, data the analyst edits (`scoringModelSchema`
 *   of model-content.ts, checked when stored and again here when used): the method (`scorecard`,
 *   SPEC §4.1), a scoring rule per quantitative indicator (indicators without one are already
 *   scores on the 1–7 scale), optional grade cut-offs, the recommendation thresholds and the
 *   credit-limit tiers, and which credit-tree classes force a decline or a review;
 * - `weights` (required): the global weight of every indicator ({code: weight}, summing to 1);
 * - `credit-tree` (optional): a tree model file of `scf-risk tree train` (core's parseTreeModel).
 *
 *   score          = Σ_l w_l · s_l (core `scorecard`; contributions w_l · s_l per indicator)
 *   recommendation = approve if score ≥ thresholds.approve, review if ≥ thresholds.review, else decline;
 *                    then the tree: a class in tree.decline → decline, in tree.review → at most review;
 *                    an approval with a zero limit → review
 *   credit limit   = min(requested, ⌊multiple(score) × annual volume⌋), 0 when declined, where
 *                    multiple(score) is the first tier (by minScore, highest first) with score ≥ minScore
 *                    (no tier → 0) and the annual volume is the sum of the applicant's supply-chain links
 *                    in the application's currency (only those with its core enterprise when it names one)
 *
 * Each reason is a catalogue text (code and parameters, @scf-risk/report messages.ts) kept in
 * `explanation.texts`, with its English wording in `explanation.reasons`.
 *
 * The pipeline is small exported steps (load inputs → compute → persist) so a later step — a
 * stop-loss pool gate on decisions, say — slots in between; `computeEvaluation` is pure, and
 * `reproduceEvaluation` re-runs it from the recorded versions and inputs.
 */
import {
  type DecisionTree,
  parseTreeModel,
  predictTree,
  type ScorecardIndicator,
  type ScorecardResult,
  type ScoringRule,
  scorecard,
  type TreePrediction,
  ValidationError,
} from '@scf-risk/core';
import { type MessageText, messageText } from '@scf-risk/report';
import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { applications, decisions, enterprises, evaluations, financingProducts, type ModelKind, supplyChainLinks } from '../db/schema.ts';
import type { Store, Tx } from '../db/store.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { money } from '../schemas.ts';
import { audit, recordCreated, type ServiceContext } from './context.ts';
import { parseScoringModel, parseWeights, type ScoringModel } from './model-content.ts';
import { activeModel, getModel, type ModelView } from './models.ts';
import { type PoolGate, poolGate } from './monitoring/pools.ts';
import { englishOf } from './texts.ts';

export type { ScoringModel } from './model-content.ts';

/** How an evaluation names the versions it uses (explanation.models, problem paths). */
const MODEL_KEYS: Partial<Record<ModelKind, string>> = { 'scoring-rule': 'scoringRule', weights: 'weights', 'credit-tree': 'creditTree' };

/** A stored model content checked again when used (a 422 naming `scoringRule.content.<path>` etc.). */
function contentOf<T>(m: ModelView, parse: (c: unknown) => T): T {
  try {
    return parse(m.content);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        `the active ${m.kind} (version ${m.version}, ${m.id}) cannot be used`,
        e.at(MODEL_KEYS[m.kind] ?? m.kind, 'content').issues,
      );
    throw e;
  }
}

/** A 409 whose detail is a catalogue text (its English as the detail). */
function conflict(text: MessageText): never {
  throw new HttpProblem(409, 'Conflict', englishOf(text), [], text);
}

// Views -----------------------------------------------------------------------------------------------

type ApplicationRow = typeof applications.$inferSelect;
export const applicationView = (a: ApplicationRow) => ({
  id: a.id,
  enterpriseId: a.enterpriseId,
  productId: a.productId,
  coreEnterpriseId: a.coreEnterpriseId,
  amount: money(a.amountMinor, a.currency),
  termMonths: a.termMonths,
  indicators: a.indicators,
  status: a.status,
  submittedOn: a.submittedOn,
  createdBy: a.createdBy,
  createdAt: a.createdAt.toISOString(),
});
export type ApplicationView = ReturnType<typeof applicationView>;

type EvaluationRow = typeof evaluations.$inferSelect;
export const evaluationView = (e: EvaluationRow) => ({
  id: e.id,
  applicationId: e.applicationId,
  models: { scoringRule: e.modelVersionId, weights: e.weightsVersionId, creditTree: e.treeVersionId },
  score: e.score,
  recommendation: e.recommendation,
  creditLimit: money(e.creditLimitMinor, e.currency),
  explanation: e.explanation as Explanation,
  createdBy: e.createdBy,
  createdAt: e.createdAt.toISOString(),
});
export type EvaluationView = ReturnType<typeof evaluationView>;

type DecisionRow = typeof decisions.$inferSelect;
export const decisionView = (d: DecisionRow) => ({
  id: d.id,
  applicationId: d.applicationId,
  evaluationId: d.evaluationId,
  decision: d.decision,
  creditLimit: money(d.creditLimitMinor, d.currency),
  reason: d.reason,
  decidedBy: d.decidedBy,
  decidedAt: d.decidedAt.toISOString(),
});
export type DecisionView = ReturnType<typeof decisionView>;

// Applications ----------------------------------------------------------------------------------------

export interface NewApplication {
  enterpriseId: string;
  productId: string;
  coreEnterpriseId?: string | undefined;
  amountMinor: bigint;
  currency: string;
  termMonths: number;
  indicators: Record<string, number>;
  submittedOn?: string | undefined;
}

/** Record an application: the enterprise, product and core enterprise must exist; the currency is the product's. */
export async function createApplication(ctx: ServiceContext, input: NewApplication): Promise<ApplicationView> {
  return ctx.store.db.transaction(async (tx) => {
    const [e] = await tx.select({ kind: enterprises.kind }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
    if (!e) throw notFound('enterprise', input.enterpriseId, ['enterpriseId']);
    const [p] = await tx.select().from(financingProducts).where(eq(financingProducts.id, input.productId));
    if (!p) throw notFound('financing product', input.productId, ['productId']);
    if (p.currency !== input.currency)
      throw new HttpProblem(422, 'Unprocessable Content', `product ${p.code} lends in ${p.currency}`, [
        { path: ['amount', 'currency'], message: `${input.currency} is not the product's currency`, allowed: p.currency },
      ]);
    if (input.coreEnterpriseId !== undefined) {
      const [c] = await tx.select({ kind: enterprises.kind }).from(enterprises).where(eq(enterprises.id, input.coreEnterpriseId));
      if (!c) throw notFound('enterprise', input.coreEnterpriseId, ['coreEnterpriseId']);
      if (c.kind !== 'core')
        throw new HttpProblem(422, 'Unprocessable Content', 'the core enterprise must be of kind core', [
          { path: ['coreEnterpriseId'], message: `is a ${c.kind} enterprise`, allowed: 'an enterprise of kind core' },
        ]);
    }
    return recordCreated(
      tx,
      ctx,
      'application',
      await tx
        .insert(applications)
        .values({
          enterpriseId: input.enterpriseId,
          productId: input.productId,
          coreEnterpriseId: input.coreEnterpriseId ?? null,
          amountMinor: input.amountMinor,
          currency: input.currency,
          termMonths: input.termMonths,
          indicators: input.indicators,
          submittedOn: input.submittedOn ?? new Date().toISOString().slice(0, 10),
          createdBy: ctx.actor.id,
        })
        .returning(),
      applicationView,
    );
  });
}

export async function listApplications(
  store: Store,
  q: {
    enterpriseId?: string | undefined;
    productId?: string | undefined;
    status?: ApplicationRow['status'] | undefined;
    limit: number;
    offset: number;
  },
): Promise<ApplicationView[]> {
  const where: SQL[] = [];
  if (q.enterpriseId) where.push(eq(applications.enterpriseId, q.enterpriseId));
  if (q.productId) where.push(eq(applications.productId, q.productId));
  if (q.status) where.push(eq(applications.status, q.status));
  const rows = await store.db
    .select()
    .from(applications)
    .where(and(...where))
    .orderBy(desc(applications.createdAt), asc(applications.id))
    .limit(q.limit)
    .offset(q.offset);
  return rows.map(applicationView);
}

/** One application with its evaluations (newest first) and its decision, if taken. */
export async function getApplication(store: Store, id: string) {
  const [a] = await store.db.select().from(applications).where(eq(applications.id, id));
  if (!a) throw notFound('application', id);
  const evs = await store.db.select().from(evaluations).where(eq(evaluations.applicationId, id)).orderBy(desc(evaluations.createdAt));
  const [d] = await store.db.select().from(decisions).where(eq(decisions.applicationId, id));
  return { ...applicationView(a), evaluations: evs.map(evaluationView), decision: d ? decisionView(d) : null };
}

// Evaluation: inputs → pure computation → persistence ----------------------------------------------

/** The versions an evaluation uses. */
export interface EvaluationModels {
  scoringRule: ModelView;
  weights: ModelView;
  creditTree: ModelView | undefined;
}

/** Everything `computeEvaluation` needs: recorded with the evaluation, so it can be re-run. */
export interface EvaluationInputs {
  models: EvaluationModels;
  requestedMinor: bigint;
  indicators: Record<string, number>;
  /** Annual supply-chain volume the limit is a multiple of (minor units, the application's currency). */
  annualVolumeMinor: bigint;
  /** The applicant's pool gate (poolGate): when set, the recommendation is a decline naming the pool. */
  pool?: PoolGate | null | undefined;
}

export interface Explanation {
  method: 'scorecard';
  grade: string;
  contributions: ScorecardResult['indicators'];
  thresholds: ScoringModel['thresholds'];
  tree: { class: string; probabilities: Record<string, number>; path: TreePrediction['path'] } | null;
  /** The reasons in English (as always); `texts` are the same reasons as catalogue codes with their parameters. */
  reasons: string[];
  /** Absent in evaluations stored before the catalogue. */
  texts?: MessageText[];
  limit: { requested: string; annualVolume: string; tier: number | null; multiple: string | null };
  models: { scoringRule: string; weights: string; creditTree: string | null };
  /** The applicant's stop-loss pool when it was stopped or recovering (SPEC §6.6); absent otherwise. */
  pool?: PoolGate;
}

export interface EvaluationOutcome {
  score: number;
  recommendation: 'approve' | 'review' | 'decline';
  creditLimitMinor: bigint;
  explanation: Explanation;
}

/** The product's active scoring rule and weights (409 when one is missing) and credit tree (optional). */
export async function activeEvaluationModels(store: Store, productId: string): Promise<EvaluationModels> {
  const get = (kind: ModelKind) => activeModel(store, productId, kind);
  const [scoringRule, weights, creditTree] = await Promise.all([get('scoring-rule'), get('weights'), get('credit-tree')]);
  for (const [kind, m] of [
    ['scoring-rule', scoringRule],
    ['weights', weights],
  ] as const)
    if (!m) conflict(messageText('preloan.no-active-model', { kind: messageText(`model-kind.${kind}`) }));
  return { scoringRule: scoringRule as ModelView, weights: weights as ModelView, creditTree };
}

/** Σ annual volume of the applicant's links in `currency` (with `coreId` only, when given). */
export async function annualVolume(tx: Store['db'] | Tx, enterpriseId: string, currency: string, coreId: string | null): Promise<bigint> {
  const mine = or(eq(supplyChainLinks.buyerId, enterpriseId), eq(supplyChainLinks.sellerId, enterpriseId));
  const withCore = coreId
    ? or(
        and(eq(supplyChainLinks.buyerId, enterpriseId), eq(supplyChainLinks.sellerId, coreId)),
        and(eq(supplyChainLinks.sellerId, enterpriseId), eq(supplyChainLinks.buyerId, coreId)),
      )
    : mine;
  const [r] = await tx
    .select({ total: sql<string>`coalesce(sum(${supplyChainLinks.annualVolumeMinor}), 0)::text` })
    .from(supplyChainLinks)
    .where(and(withCore, eq(supplyChainLinks.currency, currency)));
  return BigInt(r?.total ?? '0');
}

/** Core's scorecard over the weights and rules; a value the model cannot score is a 422 naming `indicators.<code>`. */
export function scoreApplication(model: ScoringModel, weights: Record<string, number>, indicators: Record<string, number>) {
  const list: ScorecardIndicator[] = Object.entries(weights).map(([code, weight]) => {
    const rule = model.rules && Object.hasOwn(model.rules, code) ? (model.rules[code] as ScoringRule) : undefined;
    return rule ? { code, weight, rule } : { code, weight };
  });
  try {
    return scorecard(list, indicators, model.grades);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    // Issues about the indicator values name the application's field; those about the model, the model.
    const issues = e.issues.map((i) =>
      typeof i.path[0] === 'string' && i.path[0] in weights
        ? { ...i, path: ['indicators', ...i.path] }
        : { ...i, path: ['model', ...i.path] },
    );
    throw new HttpProblem(422, 'Unprocessable Content', 'the application cannot be scored with the active model', issues);
  }
}

/** The credit tree's class and path for the application's indicators (422 naming `indicators.<attribute>`). */
export function classifyWithTree(tree: DecisionTree, indicators: Record<string, number>): TreePrediction {
  try {
    return predictTree(tree, indicators);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new HttpProblem(422, 'Unprocessable Content', 'the credit tree cannot classify the application', e.at('indicators').issues);
    throw e;
  }
}

/** approve / review / decline from the score, then the tree (see the module comment). */
export function recommend(
  model: ScoringModel,
  score: number,
  treeClass: string | undefined,
): { recommendation: EvaluationOutcome['recommendation']; texts: MessageText[] } {
  const t = model.thresholds;
  const shown = Number(score.toPrecision(10));
  let recommendation: EvaluationOutcome['recommendation'] = score >= t.approve ? 'approve' : score >= t.review ? 'review' : 'decline';
  const texts = [messageText(`preloan.score.${recommendation}`, { score: shown, approve: t.approve, review: t.review })];
  if (treeClass !== undefined && model.tree) {
    if (model.tree.decline.includes(treeClass) && recommendation !== 'decline') {
      recommendation = 'decline';
      texts.push(messageText('preloan.tree.decline', { class: treeClass }));
    } else if (model.tree.review.includes(treeClass) && recommendation === 'approve') {
      recommendation = 'review';
      texts.push(messageText('preloan.tree.review', { class: treeClass }));
    }
  }
  return { recommendation, texts };
}

/** ⌊volume × multiple⌋ for a decimal-string multiple, exactly. */
function times(volume: bigint, multiple: string): bigint {
  const [int, frac = ''] = multiple.split('.');
  return (volume * BigInt(`${int}${frac}`)) / 10n ** BigInt(frac.length);
}

/** The credit limit (see the module comment) and the tier used. */
export function creditLimit(
  model: ScoringModel,
  score: number,
  recommendation: EvaluationOutcome['recommendation'],
  requestedMinor: bigint,
  annualVolumeMinor: bigint,
): { limitMinor: bigint; tier: number | null; multiple: string | null } {
  const tiers = model.limit.tiers.map((t, k) => ({ ...t, k })).sort((a, b) => b.minScore - a.minScore);
  const tier = tiers.find((t) => score >= t.minScore);
  if (recommendation === 'decline' || !tier) return { limitMinor: 0n, tier: tier?.k ?? null, multiple: tier?.multiple ?? null };
  const byVolume = times(annualVolumeMinor, tier.multiple);
  return { limitMinor: byVolume < requestedMinor ? byVolume : requestedMinor, tier: tier.k, multiple: tier.multiple };
}

/** The evaluation as a pure function of its inputs (what is stored, and what reproduce re-runs). */
export function computeEvaluation(inputs: EvaluationInputs): EvaluationOutcome {
  const { models } = inputs;
  const model = contentOf(models.scoringRule, parseScoringModel);
  const weights = contentOf(models.weights, parseWeights);
  const tree = models.creditTree ? contentOf(models.creditTree, parseTreeModel) : undefined;
  const scored = scoreApplication(model, weights, inputs.indicators);
  const predicted = tree ? classifyWithTree(tree, inputs.indicators) : undefined;
  const recommended = recommend(model, scored.score, predicted?.class);
  const { texts } = recommended;
  const pool = inputs.pool ?? undefined;
  if (pool) texts.push(poolReason(pool));
  const first = pool ? 'decline' : recommended.recommendation;
  const limit = creditLimit(model, scored.score, first, inputs.requestedMinor, inputs.annualVolumeMinor);
  let recommendation = first;
  if (recommendation === 'approve' && limit.limitMinor === 0n) {
    recommendation = 'review';
    texts.push(messageText('preloan.limit.zero'));
  }
  return {
    score: scored.score,
    recommendation,
    creditLimitMinor: limit.limitMinor,
    explanation: {
      method: model.method,
      grade: scored.grade,
      contributions: scored.indicators,
      thresholds: model.thresholds,
      tree: predicted ? { class: predicted.class, probabilities: predicted.probabilities, path: predicted.path } : null,
      reasons: texts.map(englishOf),
      texts,
      limit: {
        requested: inputs.requestedMinor.toString(),
        annualVolume: inputs.annualVolumeMinor.toString(),
        tier: limit.tier,
        multiple: limit.multiple,
      },
      models: { scoringRule: models.scoringRule.id, weights: models.weights.id, creditTree: models.creditTree?.id ?? null },
      ...(pool ? { pool } : {}),
    },
  };
}

/** The pool's decision ("declined: pool stopped" / "declined: pool recovering") as a text. */
const poolDecision = (gate: PoolGate) =>
  messageText(gate.decision.decision === 'declined: pool stopped' ? 'pool.decision.stopped' : 'pool.decision.recovering');

/** "declined: pool stopped (pool NAME as of D: NPL ratio r against the limit m, …)" — the pool's decision with its figures. */
function poolReason(gate: PoolGate): MessageText {
  const f = gate.decision.figures;
  return messageText('preloan.pool', {
    decision: poolDecision(gate),
    pool: gate.poolName,
    asOf: gate.asOf ? messageText('preloan.pool.asOf', { date: gate.asOf }) : '',
    figures: f
      ? messageText('preloan.pool.figures', { ratio: f.ratio, maxNplRatio: f.maxNplRatio, nplBalance: f.nplBalance, balance: f.balance })
      : '',
  });
}

/** Store an evaluation (and the application's status `evaluated`) with its audit entry, in `tx`. */
export async function persistEvaluation(
  tx: Tx,
  ctx: ServiceContext,
  application: ApplicationRow,
  outcome: EvaluationOutcome,
): Promise<EvaluationView> {
  const m = outcome.explanation.models;
  const view = await recordCreated(
    tx,
    ctx,
    'evaluation',
    await tx
      .insert(evaluations)
      .values({
        applicationId: application.id,
        modelVersionId: m.scoringRule,
        weightsVersionId: m.weights,
        treeVersionId: m.creditTree,
        score: outcome.score,
        recommendation: outcome.recommendation,
        creditLimitMinor: outcome.creditLimitMinor,
        currency: application.currency,
        explanation: outcome.explanation,
        createdBy: ctx.actor.id,
      })
      .returning(),
    evaluationView,
  );
  if (application.status === 'submitted')
    await tx.update(applications).set({ status: 'evaluated' }).where(eq(applications.id, application.id));
  return view;
}

/** Evaluate an application with its product's active models (409 once it is decided). */
export async function evaluateApplication(ctx: ServiceContext, id: string): Promise<EvaluationView> {
  const [a] = await ctx.store.db.select().from(applications).where(eq(applications.id, id));
  if (!a) throw notFound('application', id);
  const models = await activeEvaluationModels(ctx.store, a.productId);
  return ctx.store.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!locked) throw notFound('application', id);
    if (locked.status !== 'submitted' && locked.status !== 'evaluated')
      conflict(messageText('preloan.not-evaluable', { id, status: messageText(`application-status.${locked.status}`) }));
    const outcome = computeEvaluation({
      models,
      requestedMinor: locked.amountMinor,
      indicators: locked.indicators,
      annualVolumeMinor: await annualVolume(tx, locked.enterpriseId, locked.currency, locked.coreEnterpriseId),
      pool: await poolGate(tx, locked.enterpriseId),
    });
    return persistEvaluation(tx, ctx, locked, outcome);
  });
}

export async function getEvaluation(store: Store, id: string): Promise<EvaluationView> {
  const [e] = await store.db.select().from(evaluations).where(eq(evaluations.id, id));
  if (!e) throw notFound('evaluation', id);
  return evaluationView(e);
}

/**
 * Re-run a stored evaluation from the versions it recorded, the application's indicators and the
 * recorded annual volume; nothing is written. `identical` is true when score, recommendation,
 * limit and explanation all equal the stored ones.
 */
export async function reproduceEvaluation(store: Store, id: string) {
  const [e] = await store.db.select().from(evaluations).where(eq(evaluations.id, id));
  if (!e) throw notFound('evaluation', id);
  const [a] = await store.db.select().from(applications).where(eq(applications.id, e.applicationId));
  if (!a) throw notFound('application', e.applicationId, ['applicationId']);
  if (!e.weightsVersionId) throw new HttpProblem(409, 'Conflict', `evaluation ${id} recorded no weights version: it cannot be re-run`);
  const stored = evaluationView(e);
  const outcome = computeEvaluation({
    models: {
      scoringRule: await getModel(store, e.modelVersionId),
      weights: await getModel(store, e.weightsVersionId),
      creditTree: e.treeVersionId ? await getModel(store, e.treeVersionId) : undefined,
    },
    requestedMinor: a.amountMinor,
    indicators: a.indicators,
    annualVolumeMinor: BigInt(stored.explanation.limit.annualVolume),
    pool: stored.explanation.pool,
  });
  const reproduced = {
    score: outcome.score,
    recommendation: outcome.recommendation,
    creditLimit: money(outcome.creditLimitMinor, e.currency),
    explanation: JSON.parse(JSON.stringify(outcome.explanation)) as Explanation,
  };
  // An evaluation stored before reasons had codes (no explanation.texts) compares on its English reasons.
  const comparable = (x: Explanation) => canonical(stored.explanation.texts ? x : { ...x, texts: undefined });
  const identical =
    JSON.stringify([stored.score, stored.recommendation, stored.creditLimit, comparable(stored.explanation)]) ===
    JSON.stringify([reproduced.score, reproduced.recommendation, reproduced.creditLimit, comparable(reproduced.explanation)]);
  return { evaluation: stored, reproduced, identical };
}

/** JSON with object keys sorted (jsonb does not keep key order). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

// Decisions -------------------------------------------------------------------------------------------

export interface DecisionInput {
  decision: 'approve' | 'decline';
  reason: string;
  /** The approved limit (default: the latest evaluation's); must be absent or 0 for a decline. */
  limit?: { minor: bigint; currency: string } | undefined;
}

/** What a decision is taken on: the application (locked for the transaction) and its latest evaluation. */
export interface DecisionState {
  application: ApplicationRow;
  evaluation: EvaluationRow;
}

/** Lock the application and load its latest evaluation: 404 unknown, 409 decided already or never evaluated. */
export async function loadDecisionState(tx: Tx, id: string): Promise<DecisionState> {
  const [application] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  if (!application) throw notFound('application', id);
  if (application.status === 'approved' || application.status === 'declined' || application.status === 'withdrawn')
    conflict(messageText('preloan.decided-already', { id, status: messageText(`application-status.${application.status}`) }));
  const [evaluation] = await tx
    .select()
    .from(evaluations)
    .where(eq(evaluations.applicationId, id))
    .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
    .limit(1);
  if (!evaluation) conflict(messageText('preloan.not-evaluated', { id }));
  return { application, evaluation };
}

/** The limit a decision records (422 naming `limit.minor` / `limit.currency` when it cannot be). */
export function decisionLimit(state: DecisionState, input: DecisionInput): bigint {
  const a = state.application;
  if (input.limit && input.limit.currency !== a.currency)
    throw new HttpProblem(422, 'Unprocessable Content', `the application is in ${a.currency}`, [
      { path: ['limit', 'currency'], message: `${input.limit.currency} is not the application's currency`, allowed: a.currency },
    ]);
  if (input.decision === 'decline') {
    if (input.limit && input.limit.minor !== 0n)
      throw new HttpProblem(422, 'Unprocessable Content', 'a decline grants no limit', [
        { path: ['limit', 'minor'], message: 'must be 0 (or absent) for a decline', allowed: '0' },
      ]);
    return 0n;
  }
  const limit = input.limit?.minor ?? state.evaluation.creditLimitMinor;
  if (limit <= 0n || limit > a.amountMinor)
    throw new HttpProblem(422, 'Unprocessable Content', 'an approval needs a limit above 0 and not above the amount applied for', [
      {
        path: input.limit ? ['limit', 'minor'] : ['limit'],
        message: input.limit ? `${limit} is not a limit for this application` : 'the evaluation recommends a limit of 0: give one',
        allowed: `1 to ${a.amountMinor} minor units`,
      },
    ]);
  return limit;
}

/** Insert the decision, set the application's status, write the audit entry (before/after), in `tx`. */
export async function recordDecision(
  tx: Tx,
  ctx: ServiceContext,
  state: DecisionState,
  input: DecisionInput,
  limitMinor: bigint,
): Promise<DecisionView> {
  if (!ctx.actor.id) throw new Error('a decision needs a user');
  const [row] = await tx
    .insert(decisions)
    .values({
      applicationId: state.application.id,
      evaluationId: state.evaluation.id,
      decision: input.decision,
      creditLimitMinor: limitMinor,
      currency: state.application.currency,
      reason: input.reason,
      decidedBy: ctx.actor.id,
    })
    .returning();
  if (!row) throw new Error('the insert of a decision returned no row');
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  await tx.update(applications).set({ status }).where(eq(applications.id, state.application.id));
  const view = decisionView(row);
  await audit(tx, ctx, {
    entity: 'application',
    entityId: state.application.id,
    action: 'decide',
    before: { status: state.application.status, decision: null },
    after: { status, decision: view },
  });
  return view;
}

/** 409 naming the pool when an approval is asked for an SME whose stop-loss pool is stopped or recovering. */
export async function refuseApprovalInStoppedPool(tx: Tx, state: DecisionState, input: DecisionInput): Promise<void> {
  if (input.decision !== 'approve') return;
  const gate = await poolGate(tx, state.application.enterpriseId);
  if (gate) {
    const text = messageText('preloan.approval-refused', { reason: poolReason(gate) });
    const closed = messageText('preloan.pool-closed', { decision: poolDecision(gate), pool: gate.poolName, id: gate.poolId });
    throw new HttpProblem(
      409,
      'Conflict',
      englishOf(text),
      [
        {
          path: ['decision'],
          message: englishOf(closed),
          allowed: 'decline',
          text: closed,
        },
      ],
      text,
    );
  }
}

/** Decide an application: load (locked) → stop-loss gate → limit → record, in one transaction. */
export async function decideApplication(ctx: ServiceContext, id: string, input: DecisionInput): Promise<DecisionView> {
  return ctx.store.db.transaction(async (tx) => {
    const state = await loadDecisionState(tx, id);
    await refuseApprovalInStoppedPool(tx, state, input);
    return recordDecision(tx, ctx, state, input, decisionLimit(state, input));
  });
}
