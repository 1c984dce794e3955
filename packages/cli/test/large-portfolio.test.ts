/**
 * The pool of the large-portfolio path started before the program loads (the bin's
 * `prestartLargePortfolioPool`): only for arguments that write a CSV without --explain, taken once
 * by `startLargePortfolioPool`.
 */
import { describe, expect, it } from 'vitest';
import { prestartLargePortfolioPool, startLargePortfolioPool } from '../src/large-portfolio.ts';

describe('the large-portfolio pool started early', () => {
  it('starts for --out X.csv (either form) and is taken once', async () => {
    for (const args of [
      ['--hierarchy', 't.yaml', '--data', 'd.csv', '--out', 'o.csv'],
      ['--data', 'd.csv', '--out=o.csv', '--method', 'topsis'],
    ]) {
      const early = prestartLargePortfolioPool(args);
      expect(early, args.join(' ')).toBeDefined();
      expect(prestartLargePortfolioPool(args)).toBe(early); // not a second pool
      const taken = startLargePortfolioPool();
      expect(taken).toBe(early);
      const fresh = startLargePortfolioPool();
      expect(fresh).not.toBe(early);
      await Promise.all([taken.close(), fresh.close()]);
    }
  });

  it('does not start for other outputs or with --explain', () => {
    for (const args of [
      ['--data', 'd.csv'],
      ['--data', 'd.csv', '--out', 'o.json'],
      ['--data', 'd.csv', '--out'],
      ['--data', 'd.csv', '--out', 'o.csv', '--explain'],
    ])
      expect(prestartLargePortfolioPool(args), args.join(' ')).toBeUndefined();
  });
});
