import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runStudy } from '@scf-risk/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ex = (p: string) => join(ROOT, 'examples/evaluation', p);

describe('`scf-risk evaluate` and the study runner share one evaluation', () => {
  it('give the same rows for the same hierarchy and alternatives, for every method', async () => {
    const [header, ...lines] = readFileSync(ex('smes.csv'), 'utf8').trim().split('\n');
    const codes = header.split(',').slice(1);
    const alternatives = lines.map((l) => {
      const [id, ...v] = l.split(',');
      return { id, values: Object.fromEntries(codes.map((c, j) => [c, Number(v[j])])) };
    });
    const hierarchy = parse(readFileSync(ex('smes.yaml'), 'utf8'));
    for (const method of ['fce', 'scorecard', 'topsis', 'gra'] as const) {
      const cli = await runCli([
        'evaluate',
        '--hierarchy',
        ex('smes.yaml'),
        '--data',
        ex('smes.csv'),
        '--method',
        method,
        '--format',
        'json',
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      const study = runStudy({ title: 'SMEs', hierarchy, alternatives, evaluation: [{ method }] });
      const pick = (r: { id: string; score: number; grade?: string; rank: number; b?: number[] }) => ({
        id: r.id,
        score: r.score,
        grade: r.grade,
        rank: r.rank,
        b: r.b,
      });
      expect(study.evaluations[0].rows?.map(pick), method).toEqual(cli.json().results.map(pick));
    }
  });
});
