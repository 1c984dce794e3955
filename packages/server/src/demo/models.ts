/**
 * The demo book's models as versioned data (SPEC §6.2, §5): per financing product an indicator
 * system (the jd-scf template, [003]), indicator weights and a credit tree, each active.
 *
 * - indicator-system v1: `template('jd-scf')` as it ships.
 * - weights v1 and v2: entropy weights (core's `entropyWeights`, min-max by the indicators'
 *   directions) of the product's approved applications — v1 from the first year's, v2 (active)
 *   from all of them: two versions, to show versioning.
 * - credit-tree v1: CART (depth ≤ 4, ≥ 20 rows a leaf) trained on core's seeded loan history of
 *   the 22 attributes of [002 §3] (`generateLoanHistory`, 3,000 rows), in the model-file form.
 *
 * Their author is the user `demo-book`, created inactive with no usable password (a version
 * needs an author; nobody can sign in as it).
 */
import {
  DEFAULT_DAYS_OVERDUE_CUTOFFS,
  type Direction,
  entropyWeights,
  generateLoanHistory,
  hierarchyLeaves,
  type IsoDate,
  template,
  trainTree,
  treeModelFile,
} from '@scf-risk/core';
import type { Row } from './chains.ts';
import type { ProductKind } from './loans.ts';
import type { DemoRandom } from './random.ts';

export const DEMO_AUTHOR = 'demo-book';
export const DEMO_TEMPLATE = 'jd-scf';

/** The jd-scf leaves an application carries: code and whether larger is worse. */
export function demoIndicators(): { code: string; cost: boolean }[] {
  return hierarchyLeaves(template(DEMO_TEMPLATE)).map((n) => ({ code: n.code, cost: n.direction === 'cost' }));
}

export interface ModelRows {
  users: Row[];
  modelVersions: Row[];
  activeModels: Row[];
}

export function generateModels(
  rand: DemoRandom,
  seed: number,
  asOf: IsoDate,
  products: Record<ProductKind, string>,
  applications: readonly Row[],
): ModelRows {
  const authorId = rand.uuid();
  const users: Row[] = [
    { id: authorId, username: DEMO_AUTHOR, displayName: 'Demo book generator', role: 'risk-officer', passwordHash: '!', active: false },
  ];
  const system = template(DEMO_TEMPLATE);
  const leaves = demoIndicators();
  const directions: Direction[] = leaves.map((l) => (l.cost ? 'cost' : 'benefit'));
  const history = generateLoanHistory({ rows: 3000, seed });
  const tree = treeModelFile(trainTree(history.dataset, { algorithm: 'cart', maxDepth: 4, minLeaf: 20 }), {
    target: 'days overdue',
    kind: 'days',
    cutoffs: DEFAULT_DAYS_OVERDUE_CUTOFFS,
  });
  const firstYearEnd = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`;
  const modelVersions: Row[] = [];
  const activeModels: Row[] = [];
  const add = (productId: string, kind: string, version: number, content: unknown, note: string, active: boolean) => {
    const id = rand.uuid();
    modelVersions.push({ id, kind, productId, version, content, note, createdBy: authorId });
    if (active) activeModels.push({ productId, kind, modelVersionId: id, activatedBy: authorId });
  };
  for (const [kind, productId] of Object.entries(products)) {
    add(productId, 'indicator-system', 1, system, `the ${DEMO_TEMPLATE} template [003]`, true);
    const approved = applications.filter((a) => a.productId === productId && a.status === 'approved');
    const weightsOf = (rows: readonly Row[]) => {
      const matrix = rows.map((a) => leaves.map((l) => (a.indicators as Record<string, number>)[l.code] ?? 0));
      const w = entropyWeights(matrix, { directions }).weights;
      return Object.fromEntries(leaves.map((l, k) => [l.code, w[k] as number]));
    };
    const early = approved.filter((a) => (a.submittedOn as string) <= firstYearEnd);
    add(
      productId,
      'weights',
      1,
      weightsOf(early.length >= 2 ? early : approved),
      `entropy weights of the first year's ${kind} applications`,
      false,
    );
    add(productId, 'weights', 2, weightsOf(approved), `entropy weights of all ${kind} applications`, true);
    add(productId, 'credit-tree', 1, tree, 'CART on the seeded loan history of the 22 attributes [002 §3]', true);
  }
  return { users, modelVersions, activeModels };
}
