import { describe, expect, it } from 'vitest';
import { creditDatasetFromRows } from '../../src/credit/dataset.ts';
import { predictTree } from '../../src/credit/predict.ts';
import { trainTree } from '../../src/credit/tree.ts';
import { parseTreeModel, parseTreeModelJson, serialiseTreeModel, type TreeLabelling } from '../../src/credit/tree-model-file.ts';
import { issues } from '../support/issues.ts';

const TENNIS = [
  ['Sunny', 'Hot', 'High', 'Weak', 'No'],
  ['Sunny', 'Hot', 'High', 'Strong', 'No'],
  ['Overcast', 'Hot', 'High', 'Weak', 'Yes'],
  ['Rain', 'Mild', 'High', 'Weak', 'Yes'],
  ['Rain', 'Cool', 'Normal', 'Weak', 'Yes'],
  ['Rain', 'Cool', 'Normal', 'Strong', 'No'],
  ['Overcast', 'Cool', 'Normal', 'Strong', 'Yes'],
  ['Sunny', 'Mild', 'High', 'Weak', 'No'],
  ['Sunny', 'Cool', 'Normal', 'Weak', 'Yes'],
  ['Rain', 'Mild', 'Normal', 'Weak', 'Yes'],
  ['Sunny', 'Mild', 'Normal', 'Strong', 'Yes'],
  ['Overcast', 'Mild', 'High', 'Strong', 'Yes'],
  ['Overcast', 'Hot', 'Normal', 'Weak', 'Yes'],
  ['Rain', 'Mild', 'High', 'Strong', 'No'],
];
const header = ['Outlook', 'Temperature', 'Humidity', 'Wind', 'Play'];
const ds = creditDatasetFromRows(header, TENNIS, { target: 'Play' });
const labelling: TreeLabelling = { target: 'Play', kind: 'class' };
const id3 = trainTree(ds, { algorithm: 'id3' });
/** A CART tree on a numeric attribute (threshold splits, whole counts). */
const cart = trainTree(
  creditDatasetFromRows(
    ['x', 'y'],
    [1, 2, 3, 4, 5, 6, 7, 8].map((x) => [x, x > 4 ? 'b' : 'a']),
    { target: 'y' },
  ),
  { algorithm: 'cart' },
);
/** A fresh, valid model file as data, for each test to break. */
const file = (model = id3): any => JSON.parse(serialiseTreeModel(model, labelling));
const pathOf = (data: unknown) => issues(() => parseTreeModel(data)).map((i) => i.path.join('.'));

describe('the tree-model file', () => {
  it('round-trips: what is written parses back to the same model, which predicts the same', () => {
    for (const model of [id3, cart]) {
      const text = serialiseTreeModel(model, labelling);
      expect(JSON.parse(text)).toMatchObject({ format: 'scf-risk-tree', version: 1, labelling });
      const back = parseTreeModelJson(text);
      expect(back).toEqual(JSON.parse(text));
    }
    const row = { Outlook: 'Sunny', Temperature: 'Hot', Humidity: 'Normal', Wind: 'Weak' };
    expect(predictTree(parseTreeModelJson(serialiseTreeModel(id3, labelling)), row)).toEqual(predictTree(id3, row));
  });

  it('refuses what is not a model, files without a version, and other versions', () => {
    expect(pathOf({ hello: 1 })).toEqual(['format']);
    expect(pathOf([1])).toEqual(['format']);
    const old = file();
    delete old.version;
    expect(issues(() => parseTreeModel(old))[0]).toMatchObject({ path: ['version'], message: expect.stringMatching(/no format version/) });
    expect(issues(() => parseTreeModel({ ...file(), version: 2 }))[0].message).toMatch(/version 2 is not one this scf-risk reads/);
    expect(issues(() => parseTreeModelJson('{"format": "scf-risk-tree",'))[0].message).toMatch(/not valid JSON/);
  });

  it('names the path of every malformed field', () => {
    const cases: [string, (m: any) => void, string][] = [
      ['an empty root', (m) => (m.root = {}), 'root.id'],
      ['no classes', (m) => (m.classes = []), 'classes'],
      ['a class listed twice', (m) => (m.classes = ['No', 'No']), 'classes.1'],
      ['a count that is not a number (NaN is written as null)', (m) => (m.root.counts[0] = null), 'root.counts.0'],
      ['a negative count', (m) => (m.root.children[0].node.counts[1] = -1), 'root.children.0.node.counts.1'],
      ['a count per class missing', (m) => m.root.counts.pop(), 'root.counts'],
      ['n that is not the sum of the counts', (m) => (m.root.n = 99), 'root.n'],
      ['probabilities that do not sum to 1', (m) => (m.root.probabilities = [0.5, 0.6]), 'root.probabilities'],
      ['a probability above 1', (m) => (m.root.probabilities[0] = 2), 'root.probabilities.0'],
      ['an unknown class at a node', (m) => (m.root.class = 'Maybe'), 'root.class'],
      ['children without an attribute', (m) => delete m.root.attribute, 'root.attribute'],
      ['an attribute without children', (m) => (m.root.children[1].node.attribute = 'Wind'), 'root.children.1.node.children'],
      ['an unknown attribute', (m) => (m.root.attribute = 'Colour'), 'root.attribute'],
      [
        'a numeric test on a categorical attribute',
        (m) => (m.root.children[0].condition = { op: '<=', threshold: 1 }),
        'root.children.0.condition.op',
      ],
      ['an unknown category', (m) => (m.root.children[0].condition.value = 'Snow'), 'root.children.0.condition.value'],
      ['an unknown condition', (m) => (m.root.children[0].condition = { op: '~', value: 'x' }), 'root.children.0.condition.op'],
      ['empty children', (m) => (m.root.children = []), 'root.children'],
      ['a child at the wrong depth', (m) => (m.root.children[0].node.depth = 5), 'root.children.0.node.depth'],
      ['a node id used twice', (m) => (m.root.children[1].node.id = m.root.id), 'root.children.1.node.id'],
      ['an unknown algorithm', (m) => (m.algorithm = 'svm'), 'algorithm'],
      ['an attribute of unknown kind', (m) => (m.attributes[0].kind = 'text'), 'attributes.0.kind'],
      ['labelling without a target', (m) => delete m.labelling.target, 'labelling.target'],
    ];
    for (const [name, edit, path] of cases) {
      const m = file();
      edit(m);
      expect(pathOf(m), name).toContain(path);
    }
  });

  it('numeric splits: two children at the node’s threshold; CART counts whole rows', () => {
    const cases: [string, (m: any) => void, string][] = [
      [
        'a categorical test on a numeric attribute',
        (m) => (m.root.children[0].condition = { op: '=', value: 'a' }),
        'root.children.0.condition.op',
      ],
      ['a condition at another threshold', (m) => (m.root.children[1].condition.threshold += 1), 'root.children.1.condition.threshold'],
      ['a third child', (m) => m.root.children.push(structuredClone(m.root.children[1])), 'root.children'],
      ['a fractional CART count', (m) => (m.root.counts = [3.5, 4.5]), 'root.counts.0'],
      ['an infinite threshold (1e999 in JSON)', (m) => (m.root.threshold = Number.POSITIVE_INFINITY), 'root.threshold'],
    ];
    for (const [name, edit, path] of cases) {
      const m = file(cart);
      edit(m);
      expect(pathOf(m), name).toContain(path);
    }
  });
});
