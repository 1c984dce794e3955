/**
 * The demo book's models as versioned data and its evaluated applications (SPEC §6.2, §5): per
 * financing product an active indicator system, scoring rule, weights and credit tree — what the
 * pre-loan service (services/preloan.ts) needs to evaluate an application.
 *
 * - indicator-system v1: `template('jd-scf')` ([003]) as it ships; applications carry its 49 leaves
 *   on a 0–100 scale.
 * - scoring-rule v1: a scorecard scoring each leaf linearly onto the 7-level scale (0 → 1, 100 → 7
 *   for a benefit indicator, reversed for a cost one); approve at ≥ 4.6, review at ≥ 4.0; limit
 *   0.30 / 0.20 / 0.10 × the annual volume with the core from scores 5.2 / 4.6 / 4.0; tree class
 *   "high risk" declines, "medium risk" needs a review.
 * - weights v1 and v2: entropy weights (core's `entropyWeights`, min-max by the indicators'
 *   directions) of the product's approved applications — v1 from the first year's, v2 (active)
 *   from all of them: two versions, to show versioning.
 * - credit-tree v1: CART (depth ≤ 4, ≥ 25 rows a leaf) trained on the book's own seasoned loans —
 *   the application's indicators against the worst days late, classed by core's days-overdue
 *   cut-offs (90 / 60 / 30) — in the model-file form of `scf-risk tree train`.
 * Applications with status `evaluated` get the evaluation the pre-loan service would compute
 * (`computeEvaluation`, with the active versions), by the system.
 *
 * The versions' author is the user `demo-book`, created inactive with no usable password (a
 * version needs an author; nobody can sign in as it).
 */
import {
  creditDatasetFromRows,
  DAYS_OVERDUE_CLASSES,
  DEFAULT_DAYS_OVERDUE_CUTOFFS,
  type Direction,
  daysOverdueLabeller,
  entropyWeights,
  hierarchyLeaves,
  type IsoDate,
  template,
  trainTree,
  treeModelFile,
} from '@scf-risk/core';
import type { ModelView } from '../services/models.ts';
import { computeEvaluation, type ScoringModel } from '../services/preloan.ts';
import type { Row } from './chains.ts';
import type { LoanOutcome, ProductKind } from './loans.ts';
import type { DemoRandom } from './random.ts';

export const DEMO_AUTHOR = 'demo-book';
export const DEMO_TEMPLATE = 'jd-scf';

/** The jd-scf leaves an application carries: code and whether larger is worse. */
export function demoIndicators(): { code: string; cost: boolean }[] {
  return hierarchyLeaves(template(DEMO_TEMPLATE)).map((n) => ({ code: n.code, cost: n.direction === 'cost' }));
}

export interface ModelInputs {
  asOf: IsoDate;
  products: Record<ProductKind, string>;
  applications: readonly Row[];
  history: readonly LoanOutcome[];
  links: readonly Row[];
}

export interface ModelRows {
  users: Row[];
  modelVersions: Row[];
  activeModels: Row[];
  evaluations: Row[];
}

export function generateModels(rand: DemoRandom, input: ModelInputs): ModelRows {
  const authorId = rand.uuid();
  const users: Row[] = [
    { id: authorId, username: DEMO_AUTHOR, displayName: '演示数据生成器', role: 'risk-officer', passwordHash: '!', active: false },
  ];
  const leaves = demoIndicators();
  const directions: Direction[] = leaves.map((l) => (l.cost ? 'cost' : 'benefit'));
  const scoring: ScoringModel = {
    method: 'scorecard',
    rules: Object.fromEntries(
      leaves.map((l) => [
        l.code,
        {
          type: 'linear' as const,
          points: l.cost
            ? ([
                [0, 7],
                [100, 1],
              ] as [number, number][])
            : ([
                [0, 1],
                [100, 7],
              ] as [number, number][]),
        },
      ]),
    ),
    thresholds: { approve: 4.6, review: 4.0 },
    limit: {
      tiers: [
        { minScore: 5.2, multiple: '0.30' },
        { minScore: 4.6, multiple: '0.20' },
        { minScore: 4.0, multiple: '0.10' },
      ],
    },
    tree: { decline: ['high risk'], review: ['medium risk'] },
  };
  const header = [...leaves.map((l) => l.code), 'days overdue'];
  const dataset = creditDatasetFromRows(
    header,
    input.history.map((h) => [...leaves.map((l) => h.indicators[l.code] ?? null), h.daysLate]),
    { target: 'days overdue', labelOf: daysOverdueLabeller(), classes: [...DAYS_OVERDUE_CLASSES] },
  );
  const tree = treeModelFile(trainTree(dataset, { algorithm: 'cart', maxDepth: 4, minLeaf: 25 }), {
    target: 'days overdue',
    kind: 'days',
    cutoffs: DEFAULT_DAYS_OVERDUE_CUTOFFS,
  });
  const firstYearEnd = `${Number(input.asOf.slice(0, 4)) - 1}${input.asOf.slice(4)}`;
  const modelVersions: Row[] = [];
  const activeModels: Row[] = [];
  const active = new Map<string, ModelView>();
  const add = (productId: string, kind: ModelView['kind'], version: number, content: unknown, note: string, activate: boolean) => {
    const id = rand.uuid();
    modelVersions.push({ id, kind, productId, version, content, note, createdBy: authorId });
    if (!activate) return;
    activeModels.push({ productId, kind, modelVersionId: id, activatedBy: authorId });
    active.set(`${productId}/${kind}`, {
      id,
      kind,
      productId,
      version,
      content,
      note,
      createdBy: authorId,
      createdAt: input.asOf,
      active: true,
    });
  };
  const weightsOf = (rows: readonly Row[]) => {
    const matrix = rows.map((a) => leaves.map((l) => (a.indicators as Record<string, number>)[l.code] ?? 0));
    const w = entropyWeights(matrix, { directions }).weights;
    return Object.fromEntries(leaves.map((l, k) => [l.code, w[k] as number]));
  };
  for (const [kind, productId] of Object.entries(input.products)) {
    add(productId, 'indicator-system', 1, template(DEMO_TEMPLATE), `the ${DEMO_TEMPLATE} template [003]`, true);
    add(productId, 'scoring-rule', 1, scoring, 'scorecard over the jd-scf leaves on the 7-level scale', true);
    const approved = input.applications.filter((a) => a.productId === productId && a.status === 'approved');
    const early = approved.filter((a) => (a.submittedOn as string) <= firstYearEnd);
    if (early.length >= 2)
      add(productId, 'weights', 1, weightsOf(early), `entropy weights of the first year's ${kind} applications`, false);
    add(productId, 'weights', early.length >= 2 ? 2 : 1, weightsOf(approved), `entropy weights of all ${kind} applications`, true);
    add(productId, 'credit-tree', 1, tree, 'CART on the book’s seasoned loans: indicators → worst days late', true);
  }

  const volumes = new Map<string, number>();
  for (const l of input.links) {
    for (const [a, b] of [
      [l.buyerId, l.sellerId],
      [l.sellerId, l.buyerId],
    ])
      volumes.set(`${a}/${b}`, (volumes.get(`${a}/${b}`) ?? 0) + (l.annualVolumeMinor as number));
  }
  const evaluations: Row[] = [];
  for (const a of input.applications) {
    if (a.status !== 'evaluated') continue;
    const model = (kind: string) => active.get(`${a.productId}/${kind}`);
    const outcome = computeEvaluation({
      models: { scoringRule: model('scoring-rule') as ModelView, weights: model('weights') as ModelView, creditTree: model('credit-tree') },
      requestedMinor: BigInt(a.amountMinor as number),
      indicators: a.indicators as Record<string, number>,
      annualVolumeMinor: BigInt(volumes.get(`${a.enterpriseId}/${a.coreEnterpriseId}`) ?? 0),
    });
    evaluations.push({
      id: rand.uuid(),
      applicationId: a.id,
      modelVersionId: outcome.explanation.models.scoringRule,
      weightsVersionId: outcome.explanation.models.weights,
      treeVersionId: outcome.explanation.models.creditTree,
      score: outcome.score,
      recommendation: outcome.recommendation,
      creditLimitMinor: Number(outcome.creditLimitMinor),
      currency: 'CNY',
      explanation: outcome.explanation,
      createdBy: null,
    });
  }
  return { users, modelVersions, activeModels, evaluations };
}
