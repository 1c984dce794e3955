import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ex = (p: string) => join(ROOT, 'examples', p);

describe('scf-risk ahp', () => {
  it('prints the SPEC §10 fields as JSON with full precision', async () => {
    const r = await runCli(['ahp', ex('ahp/drinks.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    for (const f of ['weights', 'lambdaMax', 'ci', 'ri', 'cr', 'consistent', 'method', 'riTable', 'inconsistentPairs', 'labels'])
      expect(out).toHaveProperty(f);
    expect(out.weights.map((w: number) => Number(w.toFixed(3)))).toEqual([0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327]);
    expect(out.method).toBe('eigenvector');
    expect(out.riTable).toBe('saaty');
  });

  it('reads JSON from standard input and honours --method, --ri and --lambda', async () => {
    const r = await runCli(
      ['ahp', '-', '--method', 'column-mean', '--ri', 'donegan-dodd', '--lambda', 'exact', '--format', 'json'],
      '{"matrix": [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]]}',
    );
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ method: 'column-mean', riTable: 'donegan-dodd', ri: 0.4914, lambdaMethod: 'exact' });
  });

  it('shows a yaahp-like table with the judgments to revisit and exits 1 under --strict', async () => {
    const input =
      'labels: [a, b, c, d]\nmatrix:\n  - [1, 2, 4, "1/8"]\n  - ["1/2", 1, 2, 4]\n  - ["1/4", "1/2", 1, 2]\n  - [8, "1/4", "1/2", 1]\n';
    const r = await runCli(['ahp', '-', '--format', 'table'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Judgments to revisit/);
    expect(r.stdout).toMatch(/a\s+d\s+1\/8/);
    expect(r.stdout).toMatch(/Repaired matrix \(a proposal, CR = 0\.0\d+; your matrix is unchanged\)/);
    const strict = await runCli(['ahp', '-', '--strict', '--format', 'json'], input);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/check failed: CR = \d\.\d{4} is not below 0\.1/);
    expect(strict.json().consistent).toBe(false);
  });

  it('names file, line and cell of a non-reciprocal judgment (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-ahp-'));
    const file = join(dir, 'bad.yaml');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'matrix:\n  - [1, 3]\n  - [3, 1]\n'));
    const r = await runCli(['ahp', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: matrix\\[1\\]\\[0\\]: 3 is not the reciprocal of \\[0\\]\\[1\\] = 3`,
      ),
    );
  });

  it('rejects a fraction that is not a number and an unknown method (exit 2)', async () => {
    const r = await runCli(['ahp', '-'], '{"matrix": [[1, "x/3"], [3, 1]]}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matrix\[0\]\[1\]: "x\/3" is not a number/);
    const u = await runCli(['ahp', '-', '--method', 'power'], '{"matrix": [[1]]}');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/argument 'power' is invalid/);
  });

  it('has --help with a runnable example', async () => {
    const r = await runCli(['ahp', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}scf-risk ahp examples\/ahp\/drinks\.yaml/);
    const run = await runCli(['ahp', 'examples/ahp/drinks.yaml', '--format', 'json'], undefined, ROOT);
    expect(run.code).toBe(0);
    const csv = await runCli(['ahp', 'examples/ahp/drinks.yaml', '--format', 'csv'], undefined, ROOT);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['element,weight,rank', 'Coffee,0.1775,3']);
  });
});

describe('scf-risk ahp-group', () => {
  it('aggregates by AIJ and reports every expert', async () => {
    const r = await runCli(['ahp-group', ex('ahp/panel.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.aggregation).toBe('aij');
    expect(out.experts.map((e: { id: string }) => e.id)).toEqual(['E1', 'E2', 'E3']);
    expect(out.experts[0].weight).toBe(0.5);
    expect(out.weights.reduce((s: number, w: number) => s + w, 0)).toBeCloseTo(1, 12);
    expect(out.aggregatedMatrix[0][1]).toBeCloseTo((1 / 3) ** 0.5 * (1 / 4) ** 0.25 * (1 / 2) ** 0.25, 12);
  });

  it('aggregates by AIP on request', async () => {
    const r = await runCli(['ahp-group', ex('ahp/panel.yaml'), '--aggregation', 'aip', '--format', 'json']);
    const out = r.json();
    const mean = out.experts.reduce((s: number, e: { weight: number; weights: number[] }) => s + e.weight * e.weights[1], 0);
    expect(out.weights[1]).toBeCloseTo(mean, 14);
  });

  it('names the expert and the cell of a bad judgment', async () => {
    const r = await runCli(['ahp-group', '-'], '{"experts": [{"matrix": [[1, 2], [0.5, 1]]}, {"matrix": [[1, 2], [-2, 1]]}]}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/experts\[1\]\.matrix\[1\]\[0\]: -2 is not positive/);
  });
});

describe('scf-risk hierarchy, templates and demo', () => {
  it('computes local and global weights with the level CRs', async () => {
    const r = await runCli(['hierarchy', ex('hierarchy/two-level.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    const c5 = out.nodes.find((n: { code: string }) => n.code === 'C5');
    expect(c5).toMatchObject({ localWeight: 0.4, depth: 2 });
    expect(c5.globalWeight).toBeCloseTo(0.1, 15);
    expect(out.levels.map((l: { depth: number }) => l.depth)).toEqual([1, 2]);
  });

  it('computes a shipped template and reproduces [003] table 10', async () => {
    const r = await runCli(['hierarchy', '--template', 'jd-scf', '--format', 'json']);
    expect(r.code).toBe(0);
    const a511 = r.json().nodes.find((n: { code: string }) => n.code === 'A511');
    expect(Number(a511.globalWeight.toFixed(3))).toBe(0.026);
  });

  it('names the node and the file line of an invalid tree', async () => {
    const tree = 'code: A\nname: a\nchildren:\n  - code: A1\n    name: x\n    weight: 0.7\n  - code: A2\n    name: y\n    weight: 0.7\n';
    const r = await runCli(['hierarchy', '-'], tree);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:4: children: A: the children's weights sum to 1.4, not 1/);
    const ok = await runCli(['hierarchy', '-', '--normalise', '--format', 'json'], tree);
    expect(ok.code).toBe(0);
    expect(ok.json().warnings[0]).toMatch(/normalised/);
  });

  it('lists the templates and refuses an unknown one', async () => {
    const r = await runCli(['templates', '--format', 'json']);
    expect(r.json().templates.map((t: { name: string }) => t.name)).toEqual([
      'b2b-platform',
      'credit-evaluation',
      'credit-tree-attributes',
      'jd-scf',
      'ztmg',
    ]);
    const u = await runCli(['hierarchy', '--template', 'nope']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/there is no template "nope".*Allowed: b2b-platform, credit-evaluation/);
  });

  it('demo prints the table-10 check and writes a self-contained HTML report', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'scf-demo-')), 'demo.html');
    const r = await runCli(['demo', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/15\/15 indicators match table 10 to the printed 3 decimals/);
    expect(r.stdout).toMatch(/Experts’ consistency/);
    expect(r.stdout).toContain(`HTML report written to ${out}`);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/<caption><span class="no">Table \d+\.<\/span>Operational-risk branch against \[003\] table 10/);
    expect(html).not.toMatch(/<script/);
    const zh = await runCli(['demo', '--lang', 'zh', '--out', out]);
    expect(zh.stdout).toMatch(/流程设计成熟程度|流程設計成熟程度/);
  });
});

describe('scf-risk ahp: more of the contract', () => {
  // Saaty (1990) EJOR 48, table 2: the house criteria, CR = 0.169 as printed.
  const house = JSON.stringify({
    labels: ['size', 'transport', 'neighbourhood', 'age', 'yard', 'facilities', 'condition', 'financing'],
    matrix: [
      [1, 5, 3, 7, 6, 6, '1/3', '1/4'],
      ['1/5', 1, '1/3', 5, 3, 3, '1/5', '1/7'],
      ['1/3', 3, 1, 6, 3, 4, 6, '1/5'],
      ['1/7', '1/5', '1/6', 1, '1/3', '1/4', '1/7', '1/8'],
      ['1/6', '1/3', '1/3', 3, 1, '1/2', '1/5', '1/6'],
      ['1/6', '1/3', '1/4', 4, 2, 1, '1/5', '1/6'],
      [3, 5, '1/6', 7, 5, 5, 1, '1/2'],
      [4, 7, 5, 8, 6, 6, 2, 1],
    ],
  });

  it("reproduces Saaty's house example and points at the judgment to revisit", async () => {
    const r = await runCli(['ahp', '-', '--format', 'json'], house);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Number(out.lambdaMax.toFixed(3))).toBe(9.669);
    expect(Number(out.cr.toFixed(3))).toBe(0.169);
    expect(out.consistent).toBe(false);
    expect(out.inconsistentPairs[0]).toMatchObject({ i: 2, j: 6, value: 6 });
    expect(out.inconsistentPairs[0].crAfter).toBeLessThan(0.1);
    expect(out.repairedMatrix[2][6]).not.toBe(6);
    const table = await runCli(['ahp', '-', '--format', 'table'], house);
    expect(table.stdout).toMatch(/neighbourhood\s+condition\s+6\s+5\.321/);
    expect(table.stdout).toMatch(/9\.6689 \(exact\)\s+0\.2384\s+1\.41 \(saaty\)\s+0\.1691\s+NO/);
  });

  it('--lambda mean and --ri chinese are reflected in the result', async () => {
    const r = await runCli(['ahp', '-', '--method', 'geometric-mean', '--lambda', 'mean', '--ri', 'chinese', '--format', 'json'], house);
    expect(r.json()).toMatchObject({ method: 'geometric-mean', lambdaMethod: 'mean', riTable: 'chinese', ri: 1.41 });
  });

  it('fills missing judgments (null) and shows the completed matrix', async () => {
    const input = '{"labels": ["a", "b", "c"], "matrix": [[1, 2, null], ["1/2", 1, 3], [null, "1/3", 1]]}';
    const json = (await runCli(['ahp', '-', '--format', 'json'], input)).json();
    expect(json.incompleteMethod).toBe('harker');
    expect(json.filledMatrix[0][2]).toBeCloseTo(6, 10);
    const table = await runCli(['ahp', '-', '--format', 'table'], input);
    expect(table.stdout).toMatch(/Completed matrix \(missing judgments estimated by harker\)/);
    expect(table.stdout).toMatch(/Judgment matrix \(as used\)[\s\S]*a\s+1\s+2\s+—\s+0\.6/);
  });

  it('names the elements a disconnected comparison graph cuts off (exit 2)', async () => {
    const r = await runCli(
      ['ahp', '-'],
      '{"labels": ["a", "b", "c", "d"], "matrix": [[1, 2, null, null], ["1/2", 1, null, null], [null, null, 1, 3], [null, null, "1/3", 1]]}',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matrix: the given judgments do not connect 2 \(c\), 3 \(d\) with 0 \(a\)/);
  });

  it('names the option when the RI table does not cover n (exit 2)', async () => {
    const n = 16;
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    const r = await runCli(['ahp', '-', '--ri', 'saaty'], JSON.stringify({ matrix: m }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ri: the saaty RI table covers n ≤ 15, the matrix is 16×16/);
    const ok = await runCli(['ahp', '-', '--ri', 'alonso-lamata', '--format', 'json'], JSON.stringify({ matrix: m }));
    expect(ok.code).toBe(0);
    expect(ok.json().ri).toBeCloseTo((1.7699 * 16 - 4.3513) / 15, 14);
  });
});

describe('scf-risk ahp-group: more of the contract', () => {
  const panel = (extra: string) =>
    `{"experts": [{"id": "ok", "matrix": [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]]}, {"id": "cyclic", "matrix": [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]]}]${extra}}`;

  it('flags the inconsistent expert and exits 1 under --strict', async () => {
    const r = await runCli(['ahp-group', '-', '--format', 'json'], panel(''));
    expect(r.code).toBe(0);
    expect(r.json().inconsistentExperts).toEqual(['cyclic']);
    const strict = await runCli(['ahp-group', '-', '--strict', '--format', 'json'], panel(''));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/inconsistent experts: cyclic/);
  });

  it('shows every expert in the table view', async () => {
    const r = await runCli(['ahp-group', '-', '--format', 'table'], panel(', "labels": ["x", "y", "z"]'));
    expect(r.stdout).toMatch(/Group weights \(AIJ\)/);
    expect(r.stdout).toMatch(/cyclic\s+0\.5\s+[\d.]+\s+NO/);
    expect(r.stdout).toMatch(/Expert cyclic: judgments to revisit \(CR = [\d.]+\)/);
    expect(r.stdout).toMatch(/Aggregated judgments \(weighted geometric mean\)\n\s+x\s+y\s+z\s+weight/);
  });

  it('rejects a non-positive expert weight naming the expert (exit 2)', async () => {
    const r = await runCli(['ahp-group', '-'], '{"experts": [{"weight": 0, "matrix": [[1, 2], ["1/2", 1]]}]}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/experts\[0\]\.weight: expert weight 0 must be a positive number/);
  });

  it('has --help with a runnable example', async () => {
    const r = await runCli(['ahp-group', '--help']);
    expect(r.stdout).toMatch(/Examples:\n {2}scf-risk ahp-group examples\/ahp\/panel\.yaml/);
    expect(r.stdout).toMatch(/--aggregation <rule>/);
    const run = await runCli(['ahp-group', 'examples/ahp/panel.yaml', '--aggregation', 'aip', '--format', 'json'], undefined, ROOT);
    expect(run.code).toBe(0);
    expect(run.json().aggregation).toBe('aip');
  });
});
