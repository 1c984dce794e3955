/** Textbook data sets for the credit-tree tests. */
import { type CreditDatasetOptions, creditDatasetFromRows } from '../../src/credit/dataset.ts';

/** Mitchell (1997), Machine Learning, Table 3.2: PlayTennis, D1–D14 (after Quinlan 1986). */
export const PLAY_TENNIS: string[][] = [
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
export const PLAY_TENNIS_HEADER = ['Outlook', 'Temperature', 'Humidity', 'Wind', 'PlayTennis'];

/** Quinlan (1993), C4.5: Programs for Machine Learning, Figure 2-1: the golf data (temperature °F, humidity %). */
export const GOLF: (string | number)[][] = [
  ['sunny', 75, 70, 'true', 'Play'],
  ['sunny', 80, 90, 'true', "Don't Play"],
  ['sunny', 85, 85, 'false', "Don't Play"],
  ['sunny', 72, 95, 'false', "Don't Play"],
  ['sunny', 69, 70, 'false', 'Play'],
  ['overcast', 72, 90, 'true', 'Play'],
  ['overcast', 83, 78, 'false', 'Play'],
  ['overcast', 64, 65, 'true', 'Play'],
  ['overcast', 81, 75, 'false', 'Play'],
  ['rain', 71, 80, 'true', "Don't Play"],
  ['rain', 65, 70, 'true', "Don't Play"],
  ['rain', 75, 80, 'false', 'Play'],
  ['rain', 68, 80, 'false', 'Play'],
  ['rain', 70, 96, 'false', 'Play'],
];
export const GOLF_HEADER = ['outlook', 'temperature', 'humidity', 'windy', 'class'];

export function tennis(extra: Partial<CreditDatasetOptions> = {}) {
  return creditDatasetFromRows(PLAY_TENNIS_HEADER, PLAY_TENNIS, { target: 'PlayTennis', ...extra });
}
export function golf(rows: (string | number | null)[][] = GOLF, extra: Partial<CreditDatasetOptions> = {}) {
  return creditDatasetFromRows(GOLF_HEADER, rows, { target: 'class', classes: ['Play', "Don't Play"], ...extra });
}
