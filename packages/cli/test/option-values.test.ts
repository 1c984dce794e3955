/**
 * Issue 17 item 4: options are checked like fields. A bad value of a numeric option is reported as
 * that option with the value typed and what is allowed, exit 2 — not as a line of the input file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ex = (p: string) => join(ROOT, 'examples', p);
const LOANS = ex('loan-history-small.csv');

/** [command and arguments before the option, option, value typed, the message after `error: `]. */
const CASES: [string[], string, string, string][] = [
  [['combine', ex('weighting/combine.yaml')], '--alpha', 'abc', '--alpha: "abc" is not a number in [0, 1]'],
  [['combine', ex('weighting/combine.yaml')], '--alpha', '1.5', '--alpha: "1.5" is not a number in [0, 1]'],
  [['ifahp', ex('weighting/ifahp.yaml')], '--tau', 'abc', '--tau: "abc" is not a number > 0'],
  [['ifahp', ex('weighting/ifahp.yaml')], '--sigma', '0', '--sigma: "0" is not a number in (0, 1]'],
  [['gra', ex('evaluation/ztmg-factors.yaml')], '--rho', 'x', '--rho: "x" is not a number in (0, 1]'],
  [['entropy', ex('weighting/suppliers.yaml')], '--shift', '-1', '--shift: "-1" is not a number ≥ 0'],
  [['ahp', ex('ahp/drinks.yaml')], '--uncertainty', 'many', '--uncertainty: "many" is not a whole number in [0, 1000000]'],
  [['ahp', ex('ahp/drinks.yaml'), '--uncertainty', '10'], '--seed', '1.5', '--seed: "1.5" is not a whole number'],
  [['ahp', ex('ahp/drinks.yaml'), '--uncertainty', '10'], '--step', '9', '--step: "9" is not a number in [0, 8]'],
  [['ahp', ex('ahp/drinks.yaml'), '--uncertainty', '10'], '--factor', '', '--factor: "" is not a number in [1, 9]'],
  [['tree', 'validate', '--data', LOANS, '--target', 'days overdue'], '--folds', 'abc', '--folds: "abc" is not a whole number ≥ 2'],
  [['tree', 'validate', '--data', LOANS, '--target', 'days overdue'], '--folds', '1', '--folds: "1" is not a whole number ≥ 2'],
  [['tree', 'validate', '--data', LOANS, '--target', 'days overdue'], '--max-depth', '-1', '--max-depth: "-1" is not a whole number ≥ 0'],
  [['tree', 'validate', '--data', LOANS, '--target', 'days overdue'], '--min-leaf', '0', '--min-leaf: "0" is not a whole number ≥ 1'],
  [
    ['tree', 'weights', '--data', LOANS, '--target', 'days overdue'],
    '--npl-ratios',
    '0.01,abc,0.2',
    '--npl-ratios: "0.01,abc,0.2" is not a comma-separated list of numbers: "abc" is not a number in [0, 1]',
  ],
  [['tree', 'train', '--data', LOANS, '--target', 'days overdue'], '--min-gain', 'lots', '--min-gain: "lots" is not a number ≥ 0'],
  [['tree', 'train', '--data', LOANS, '--target', 'days overdue'], '--ccp-alpha', '-0.1', '--ccp-alpha: "-0.1" is not a number ≥ 0'],
  [['tree', 'generate'], '--rows', '1e999', '--rows: "1e999" is not a whole number ≥ 1'],
];

describe('a bad option value names the option and the value typed', () => {
  for (const [before, option, value, message] of CASES)
    it(`${before[0]} ${option} ${JSON.stringify(value)}`, async () => {
      const r = await runCli([...before, option, value, '--format', 'json']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim()).toBe(`error: ${message}`);
      expect(r.stdout).toBe('');
    });

  it('a good value still works', async () => {
    const r = await runCli(['combine', ex('weighting/combine.yaml'), '--alpha', '0.3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().alpha).toBe(0.3);
  });
});
