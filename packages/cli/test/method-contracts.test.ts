/**
 * Issue 13 items 9–10 and issue 17 items 6–7: contradictions refused (exit 2, the path, what is
 * allowed), the command-line contract of `fce` trees and `delphi` scales, CRITIC's constant
 * columns in words, GRA on identical rows.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('labels', () => {
  it('an empty object as a label is refused with its path', async () => {
    const r = await runCli(
      ['ahp', '-'],
      JSON.stringify({
        matrix: [
          [1, 2],
          ['1/2', 1],
        ],
        labels: ['a', {}],
      }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/labels\[1\]/);
    expect(r.stderr).toMatch(/neither filled in/);
    expect(r.stderr).toMatch(/Allowed: .*zh or en not empty/);
  });
  it('a label {zh} or {en} alone is fine', async () => {
    const r = await runCli(
      ['ahp', '-', '--format', 'json'],
      JSON.stringify({
        matrix: [
          [1, 2],
          ['1/2', 1],
        ],
        labels: [{ zh: '甲' }, { en: 'b' }],
      }),
    );
    expect(r.code).toBe(0);
  });
});
