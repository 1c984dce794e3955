import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const STUDY = `title: Panel study
hierarchy:
  code: G
  name: Goal
  children:
    - code: F
      name: Finance
      children: [{code: F1, name: Margin}, {code: F2, name: Leverage}, {code: F3, name: Liquidity}]
    - code: T
      name: Trade
      children: [{code: T1, name: Years}, {code: T2, name: Overdue}]
weighting:
  G: {method: ahp, matrix: [[1, 2], [1/2, 1]]}
  F:
    method: group-ahp
    experts:
      - {id: E1, matrix: [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]]}
      - {id: E2, matrix: [[1, 2, 4], [1/2, 1, 3], [1/4, 1/3, 1]]}
      - {id: E3, matrix: [[1, 1/9, 1/7], [9, 1, 3], [7, 1/3, 1]]}
  T: {method: ahp, matrix: [[1, 4], [1/4, 1]]}
consensus: true
scales: all
uncertainty: {draws: 200, seed: 5, perturbation: step, step: 1}
`;

async function write(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scf-analysis-'));
  const file = join(dir, 'study.yaml');
  await writeFile(file, text);
  return file;
}

describe('scf-risk run: study sections consensus, scales, uncertainty', () => {
  it('computes the three sections (JSON fields, exit 0) and names the low consensus among the warnings', async () => {
    const r = await runCli(['run', await write(STUDY), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.consensus.nodes.map((n: any) => n.code)).toEqual(['F']);
    expect(out.consensus.nodes[0].dissenters).toEqual(['E3']);
    expect(out.scales.scales).toHaveLength(7);
    expect(out.scales.codes).toEqual(['F1', 'F2', 'F3', 'T1', 'T2']);
    expect(out.uncertainty).toMatchObject({ draws: 200, seed: 5, rule: 'step', step: 1 });
    expect(out.warnings.some((w: string) => w.startsWith('consensus: F: S* ='))).toBe(true);
  });

  it('run --verbose prints their tables', async () => {
    const r = await runCli(['run', await write(STUDY), '--verbose', '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Group consensus per node (Goepel's S*)");
    expect(r.stdout).toContain("Indicators' global weights per judgment scale");
    expect(r.stdout).toContain("Spread of the indicators' global weights under perturbed judgments");
  });

  it('a bad section exits 2 naming its path', async () => {
    const file = await write(STUDY.replace('scales: all', 'scales: [standard, cubic]'));
    const r = await runCli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scales/);
    expect(r.stderr).toContain('cubic');
    const bad = await write(STUDY.replace('draws: 200', 'draws: 0'));
    const u = await runCli(['run', bad]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('uncertainty.draws');
  });
});
