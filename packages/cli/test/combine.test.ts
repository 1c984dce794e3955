import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const input = { subjective: [0.5, 0.3, 0.2], objective: [0.2, 0.2, 0.6], labels: ['a', 'b', 'c'] };

describe('scf-risk combine (SPEC §10)', () => {
  it('linear by default (α = β = 0.5, [003]) with every input beside the combined vector', async () => {
    const r = await runCli(['combine', '-', '--format', 'json'], JSON.stringify(input));
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      rule: 'linear',
      alpha: 0.5,
      beta: 0.5,
      weights: [0.35, 0.25, 0.4],
      inputs: { subjective: input.subjective, objective: input.objective },
      labels: ['a', 'b', 'c'],
    });
    const a = await runCli(['combine', '-', '--alpha', '0.7', '--format', 'json'], JSON.stringify(input));
    expect(a.json().weights[0]).toBeCloseTo(0.41, 15);
  });

  it('multiplicative, min-discrimination and game rules; table output', async () => {
    for (const rule of ['multiplicative', 'min-discrimination', 'game']) {
      const r = await runCli(['combine', '-', '--rule', rule, '--format', 'json'], JSON.stringify(input));
      expect(r.code, rule).toBe(0);
      expect(r.json().rule).toBe(rule);
      expect(r.json().weights.reduce((x: number, y: number) => x + y, 0)).toBeCloseTo(1, 14);
    }
    const t = await runCli(['combine', '-', '--format', 'table'], JSON.stringify(input));
    expect(t.stdout).toMatch(/subjective/);
    expect(t.stdout).toMatch(/objective/);
  });

  it('--normalise rescales inputs; exit 2 names the vector and index', async () => {
    const n = await runCli(['combine', '-', '--normalise', '--format', 'json'], JSON.stringify({ subjective: [3, 1], objective: [1, 1] }));
    expect(n.json().inputs).toEqual({ subjective: [0.75, 0.25], objective: [0.5, 0.5] });
    const cases: [unknown, string[], RegExp][] = [
      [{ subjective: [0.5, 0.5], objective: [0.7, 0.7] }, [], /objective: the weights sum to 1.4, not 1/],
      [{ subjective: [0.5, 0.5], objective: [1.5, -0.5] }, [], /objective\[1\]: -0.5 is negative/],
      [{ subjective: [0.5, 0.5], objective: [1] }, [], /objective: 1 weights but subjective has 2/],
      [input, ['--alpha', '1.5'], /^error: --alpha: "1\.5" is not a number in \[0, 1\]$/m],
    ];
    for (const [data, opts, message] of cases) {
      const r = await runCli(['combine', '-', ...opts], JSON.stringify(data));
      expect(r.code, JSON.stringify(data)).toBe(2);
      expect(r.stderr, JSON.stringify(data)).toMatch(message);
    }
  });
});
