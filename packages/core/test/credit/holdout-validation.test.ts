/**
 * validateTreeOn: a credit tree's figures on loans it may not have seen — checked on Mitchell's
 * PlayTennis ID3 tree (consistent with its training data: every figure perfect) and on a hold-out
 * worked by hand (classes in the tree's order, a class only the data has appended).
 */
import { describe, expect, it } from 'vitest';
import { creditDatasetFromRows } from '../../src/credit/dataset.ts';
import { validateTreeOn } from '../../src/credit/holdout-validation.ts';
import { trainTree } from '../../src/credit/tree.ts';
import { PLAY_TENNIS_HEADER, tennis } from './textbook.ts';

describe('validateTreeOn', () => {
  const tree = trainTree(tennis(), { algorithm: 'id3' });

  it('is perfect on the training data of a consistent tree', () => {
    const v = validateTreeOn(tree, tennis());
    expect(v.classes).toEqual(['No', 'Yes']);
    expect(v.positiveClass).toBe('No');
    expect(v.report.confusion).toEqual([
      [5, 0],
      [0, 9],
    ]);
    expect(v).toMatchObject({ rows: 14, auc: 1, ks: 1, gini: 1 });
    expect(v.report.accuracy).toBe(1);
  });

  it('gives the hand-worked figures of a hold-out, classes in the tree’s order', () => {
    // Predictions of Mitchell's tree: No (sunny, high), Yes (overcast), Yes (rain, weak), No (rain, strong), Yes (overcast).
    const rows = [
      ['Sunny', 'Hot', 'High', 'Weak', 'Yes'],
      ['Overcast', 'Cool', 'High', 'Weak', 'No'],
      ['Rain', 'Mild', 'Normal', 'Weak', 'Yes'],
      ['Rain', 'Cool', 'Normal', 'Strong', 'No'],
      ['Overcast', 'Hot', 'Normal', 'Weak', 'Maybe'],
    ];
    const v = validateTreeOn(tree, creditDatasetFromRows(PLAY_TENNIS_HEADER, rows, { target: 'PlayTennis' }));
    expect(v.classes).toEqual(['No', 'Yes', 'Maybe']);
    expect(v.report.confusion).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(v.report.accuracy).toBe(2 / 5);
    // P(No) = 1, 0, 0, 1, 0; positives (actual No) rows 2 and 4: of the 6 positive–negative pairs,
    // (0 vs 1) 0, (0 vs 0) ½ ×2, (1 vs 1) ½, (1 vs 0) 1 ×2 → 3.5/6.
    expect(v.auc).toBeCloseTo(7 / 12, 12);
    expect(v.gini).toBeCloseTo(1 / 6, 12);
    // Threshold at P(No) = 1: ½ of the positives and ⅓ of the negatives above it.
    expect(v.ks).toBeCloseTo(1 / 6, 12);
  });
});
