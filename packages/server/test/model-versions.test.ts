/**
 * Model versions check their content when stored, per kind, with the check the evaluation runs
 * when it uses them (services/model-content.ts), on every backend: a good content of each kind is
 * stored as sent (201); each error rule of each kind is a 422 problem+json naming the path inside
 * `content` (`content.thresholds.approve`), and nothing is written (model versions, audit log).
 */
import { readFileSync } from 'node:fs';
import { creditDatasetFromRows, trainTree, treeModelFile } from '@scf-risk/core';
import { parseInputText } from '@scf-risk/io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ModelKind } from '../src/db/schema.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness } from './harness.ts';

const root = new URL('../../../examples/', import.meta.url);
const example = (path: string) => parseInputText(readFileSync(new URL(path, root), 'utf8'), path).data as Record<string, unknown>;

/** A credit tree on indicator b: b ≤ 3 → bad, above → good (core's tree train output). */
function creditTree() {
  const rows = [1, 2, 3, 2.5, 5, 6, 7, 5.5].map((b) => [b, b <= 3 ? 'bad' : 'good']);
  const model = trainTree(creditDatasetFromRows(['b', 'class'], rows, { target: 'class' }), { algorithm: 'cart' });
  return JSON.parse(JSON.stringify(treeModelFile(model, { target: 'class', kind: 'class' }))) as Record<string, unknown>;
}

const SCORING = {
  method: 'scorecard',
  rules: {
    a: {
      type: 'ranges',
      ranges: [
        { from: null, to: 10, score: 2 },
        { from: 10, to: null, score: 6 },
      ],
    },
    b: {
      type: 'linear',
      points: [
        [0, 1],
        [1, 7],
      ],
    },
  },
  grades: [
    { name: 'A', min: 5 },
    { name: 'B', min: 0 },
  ],
  thresholds: { approve: 5, review: 4 },
  limit: { tiers: [{ minScore: 4, multiple: '0.2' }] },
  tree: { decline: ['bad'], review: [] },
};

/** `base` with `change` applied to a deep copy. */
function changed<T>(base: T, change: (copy: T) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const GOOD: Record<ModelKind, () => unknown> = {
  'scoring-rule': () => SCORING,
  weights: () => ({ a: 0.5, b: 0.3, c: 0.2 }),
  'credit-tree': creditTree,
  'indicator-system': () => example('hierarchy/two-level.yaml'),
  study: () => example('studies/credit-scorecard.yaml'),
};

type Tree = { [k: string]: unknown; children: Tree[] };

/** [kind, why, content, the path named]: every error rule of every kind. */
const BAD: [ModelKind, string, () => unknown, string][] = [
  ['scoring-rule', 'approve below review', () => ({ ...SCORING, thresholds: { approve: 3, review: 4 } }), 'content.thresholds.approve'],
  ['scoring-rule', 'another method', () => ({ ...SCORING, method: 'logit' }), 'content.method'],
  ['scoring-rule', 'no thresholds', () => changed(SCORING, (s: Partial<typeof SCORING>) => delete s.thresholds), 'content.thresholds'],
  [
    'scoring-rule',
    'a multiple not a decimal string',
    () => ({ ...SCORING, limit: { tiers: [{ minScore: 4, multiple: 0.2 }] } }),
    'content.limit.tiers[0].multiple',
  ],
  ['scoring-rule', 'no limit tier', () => ({ ...SCORING, limit: { tiers: [] } }), 'content.limit.tiers'],
  ['scoring-rule', 'an unknown rule type', () => ({ ...SCORING, rules: { a: { type: 'steps', steps: [] } } }), 'content.rules.a.type'],
  [
    'scoring-rule',
    'ranges with a gap (core: ranges meet)',
    () => ({
      ...SCORING,
      rules: {
        a: {
          type: 'ranges',
          ranges: [
            { from: null, to: 10, score: 2 },
            { from: 12, to: null, score: 6 },
          ],
        },
      },
    }),
    'content.rules.a.ranges[1].from',
  ],
  [
    'scoring-rule',
    'breakpoints not increasing (core)',
    () => ({
      ...SCORING,
      rules: {
        b: {
          type: 'linear',
          points: [
            [1, 1],
            [0, 7],
          ],
        },
      },
    }),
    'content.rules.b.points[1]',
  ],
  [
    'scoring-rule',
    'grades not descending (core)',
    () => ({
      ...SCORING,
      grades: [
        { name: 'A', min: 1 },
        { name: 'B', min: 5 },
      ],
    }),
    'content.grades[1].min',
  ],
  [
    'scoring-rule',
    'a threshold not a number',
    () => ({ ...SCORING, thresholds: { approve: 5, review: '-Infinity' } }),
    'content.thresholds.review',
  ],
  ['weights', 'weights summing to 0.9', () => ({ a: 0.5, b: 0.3, c: 0.1 }), 'content'],
  ['weights', 'no weight', () => ({}), 'content'],
  ['weights', 'a negative weight', () => ({ a: 1.5, b: -0.5 }), 'content.b'],
  ['weights', 'a weight above 1', () => ({ a: 2 }), 'content.a'],
  ['weights', 'a weight not a number', () => ({ a: 'half', b: 0.5 }), 'content.a'],
  ['weights', 'a list, not a map', () => [0.5, 0.5], 'content'],
  ['credit-tree', 'not a tree model file', () => ({ root: {} }), 'content.format'],
  ['credit-tree', 'no format version', () => changed(creditTree(), (t) => delete t.version), 'content.version'],
  ['credit-tree', 'an unknown format version', () => ({ ...creditTree(), version: 9 }), 'content.version'],
  [
    'credit-tree',
    'a child at the wrong depth',
    () =>
      changed(creditTree(), (t) => {
        ((t.root as { children: { node: { depth: number } }[] }).children[0] as { node: { depth: number } }).node.depth = 5;
      }),
    'content.root.children[0].node.depth',
  ],
  ['indicator-system', 'a node without name', () => ({ code: 'R', children: [{ code: 'a', name: 'A' }] }), 'content.name'],
  [
    'indicator-system',
    'sibling weights not summing to 1',
    () =>
      changed(example('hierarchy/two-level.yaml') as Tree, (t) => {
        (t.children[1]?.children[0] as Tree).weight = 0.7;
      }),
    'content.children[1].children',
  ],
  [
    'indicator-system',
    'a matrix of the wrong size',
    () => ({
      ...example('hierarchy/two-level.yaml'),
      matrix: [
        [1, 2, 3],
        ['1/2', 1, 1],
        ['1/3', 1, 1],
      ],
    }),
    'content.matrix',
  ],
  [
    'indicator-system',
    'a code used twice',
    () =>
      changed(example('hierarchy/two-level.yaml') as Tree, (t) => {
        (t.children[1]?.children[1] as Tree).code = 'C4';
      }),
    'content.children[1].children[1].code',
  ],
  [
    'indicator-system',
    'a matrix cell not a number',
    () => ({
      ...example('hierarchy/two-level.yaml'),
      matrix: [
        [1, 'x'],
        ['1/3', 1],
      ],
    }),
    'content.matrix[0][1]',
  ],
  ['study', 'no title', () => changed(example('studies/credit-scorecard.yaml'), (s) => delete s.title), 'content.title'],
  [
    'study',
    'a weighting for a node the tree does not have',
    () =>
      changed(example('studies/credit-scorecard.yaml'), (s) => {
        (s.weighting as Record<string, unknown>).X = { method: 'ahp', matrix: [[1]] };
      }),
    'content.weighting.X',
  ],
  [
    'study',
    'a judgment matrix of the wrong size',
    () =>
      changed(example('studies/credit-scorecard.yaml'), (s) => {
        (s.weighting as Record<string, unknown>).G = {
          method: 'ahp',
          matrix: [
            [1, 2, 3],
            ['1/2', 1, 1],
            ['1/3', 1, 1],
          ],
        };
      }),
    'content.weighting.G.matrix',
  ],
  [
    'study',
    'a template reference (a stored study is self-contained)',
    () => ({ title: 'T', hierarchy: { template: 'ztmg' } }),
    'content.hierarchy.code',
  ],
];

describeEachBackend('model versions check their content', (backend) => {
  let h: Harness;
  let product: string;

  const post = (payload: unknown) =>
    h.app.inject({ method: 'POST', url: '/model-versions', payload: payload as object, headers: { cookie: h.cookie['risk-officer'] } });
  const counts = async () => {
    const [r] = await h.store.raw.query<{ m: number; a: number }>(
      'SELECT (SELECT count(*)::int FROM model_versions) AS m, (SELECT count(*)::int FROM audit_log) AS a',
    );
    return r;
  };

  beforeAll(async () => {
    h = await openHarness(backend);
    const res = await h.app.inject({
      method: 'POST',
      url: '/products',
      payload: { code: 'recv', kind: 'receivables', name: 'Receivables', currency: 'CNY' },
      headers: { cookie: h.cookie.admin },
    });
    product = res.json().id;
  }, 120_000);
  afterAll(() => h?.close());

  for (const kind of Object.keys(GOOD) as ModelKind[]) {
    it(`stores a good ${kind} as sent`, async () => {
      const content = GOOD[kind]();
      const res = await post({ kind, productId: product, content });
      expect(res.statusCode, res.body.slice(0, 800)).toBe(201);
      expect(res.json()).toMatchObject({ kind, productId: product, active: false });
      expect(res.json().content).toEqual(content);
    });
  }

  for (const [kind, why, content, path] of BAD) {
    it(`${kind}: ${why} → 422 naming ${path}, nothing written`, async () => {
      const before = await counts();
      const res = await post({ kind, productId: product, content: content() });
      expect(res.statusCode, res.body.slice(0, 800)).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
      expect(paths, res.body.slice(0, 800)).toContain(path);
      expect(await counts()).toEqual(before);
    });
  }

  it('checks the content before the product: a bad content for an unknown product is the 422', async () => {
    const res = await post({ kind: 'weights', productId: '00000000-0000-4000-8000-000000000000', content: { a: 0.4 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'content', message: expect.stringContaining('sum to 0.4') })]);
  });
});
