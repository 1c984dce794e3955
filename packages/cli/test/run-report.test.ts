/**
 * `scf-risk run` on a terminal: the summary (ranking with grades, criteria weights, consistency,
 * checks) first and short; every table with --verbose; one script per language (zh Simplified,
 * zh-Hant Traditional) in the printed tables too.
 */
import { join, resolve } from 'node:path';
import { traditionalOnly } from '@scf-risk/report';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const study = (name: string) => join(resolve(import.meta.dirname, '../../..'), 'examples/studies', name);

describe('scf-risk run prints the summary; --verbose every table', () => {
  it('B2B: the ranking comes first, the summary is short, --verbose holds the details', async () => {
    const r = await runCli(['run', study('b2b-platforms.yaml'), '--format', 'table']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Ranking (fuzzy comprehensive evaluation)');
    expect(lines[3]).toMatch(/^1 +alibaba +Alibaba +8\.272 +slight risk/);
    expect(lines.length).toBeLessThan(60);
    expect(r.stdout).toContain('Criteria weights');
    expect(r.stdout).toMatch(/Consistency +all 21 intuitionistic fuzzy judgment matrices consistent/);
    expect(r.stdout).toMatch(/Checks +5\/5 printed numbers reproduced/);
    const v = await runCli(['run', study('b2b-platforms.yaml'), '--format', 'table', '--verbose']);
    expect(v.code).toBe(0);
    expect(v.stdout.split('\n').length).toBeGreaterThan(500);
    for (const t of ['Local and global weights of the indicators', 'Delphi screening — round 1', 'fuzzy evaluation by criterion'])
      expect(v.stdout).toContain(t);
  });

  it('--lang zh prints Simplified Chinese throughout; zh-Hant Traditional', async () => {
    const zh = await runCli(['run', study('b2b-platforms.yaml'), '--format', 'table', '--lang', 'zh', '--verbose']);
    expect(zh.code).toBe(0);
    const text = zh.stdout.split('\n').filter((l) => !l.startsWith('HTML') && !/printed numbers reproduced$/.test(l));
    expect(traditionalOnly(text.join('\n'))).toEqual([]);
    expect(zh.stdout).toContain('电商平台供应链融资风险评价指标体系');
    expect(zh.stdout).toContain('排名（模糊综合评价）');
    expect(zh.stdout).not.toMatch(/\b(yes|NO|keep|discuss|delete)\b/);
    const hant = await runCli(['run', study('b2b-platforms.yaml'), '--format', 'table', '--lang', 'zh-Hant']);
    expect(hant.code).toBe(0);
    expect(hant.stdout).toContain('排名（模糊綜合評價）');
    expect(hant.stdout).toContain('一級指標權重');
  });
});
