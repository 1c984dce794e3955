import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TABLE_10 } from '../src/commands/demo.ts';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const STUDIES = join(ROOT, 'examples/studies');
const study = (name: string) => join(STUDIES, name);

describe('scf-risk run: the example studies reproduce their sources', () => {
  it('JD [003]: AHP + entropy of the judgments + linear combination give table 10', async () => {
    const r = await runCli(['run', study('jd-scf.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    const global = Object.fromEntries(out.hierarchy.nodes.map((n: any) => [n.code, n.globalWeight]));
    for (const [code, printed] of Object.entries(TABLE_10)) expect(Number(global[code].toFixed(3))).toBe(printed);
    const a5 = out.weighting.A5;
    expect(a5.method).toBe('combine');
    expect(a5.objective.details.normalisation).toBe('ahp-matrix');
    // consistent judgments: every column has the same entropy, so the entropy weights are equal
    for (const w of a5.objective.weights) expect(w).toBeCloseTo(0.25, 12);
    expect(a5.subjective.details.cr).toBeLessThan(1e-12);
    expect(out.checks).toHaveLength(34);
    expect(out.reproduced).toBe(true);
    expect(r.stderr).toContain('34/34 printed numbers reproduced');
  });

  it('ZTMG [000]: grey relational degrees group the factors into the printed four levels', async () => {
    const r = await runCli(['run', study('ztmg-gra.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const f = r.json().evaluations[0].factors;
    const levels = Object.fromEntries(f.factors.map((x: any) => [x.name, x.level]));
    expect(levels).toEqual({ Z21: 1, Z22: 1, Z23: 1, Z31: 2, Z41: 2, Z32: 2, Z42: 2, Z12: 3, Z11: 4, Z24: 4, Z43: 4 });
    expect(f.grouping).toBe('natural-breaks');
    for (const x of f.factors) expect(x.degree).toBeGreaterThan(0);
  });

  it('[002 §1] scorecard: totals are the weighted averages of the 7-level scores', async () => {
    const r = await runCli(['run', study('credit-scorecard.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    const w = Object.fromEntries(out.hierarchy.leaves.map((l: any) => [l.code, l.globalWeight]));
    // by hand: G = (3/4, 1/4); N = (2, 1, 2)/5; N1 = (2/3, 1/3); N2 = (1/2, 1/2); N3 = (3/4, 1/4)
    expect(w.N11).toBeCloseTo(0.75 * 0.4 * (2 / 3), 12);
    expect(w.N31).toBeCloseTo(0.75 * 0.4 * 0.75, 12);
    // APP-1: LTV 55 % → 6, debt ratio 45 % → 5.5 (between 30→7 and 50→5)
    const scores = { N11: 6, N12: 5, N21: 6, N22: 5.5, N31: 6, N32: 5, S1: 6, S2: 4, S3: 5 };
    const total = Object.entries(scores).reduce((s, [c, v]) => s + w[c] * v, 0);
    const app1 = out.evaluations[0].rows.find((x: any) => x.id === 'APP-1');
    expect(app1.score).toBeCloseTo(total, 12);
    expect(app1.grade).toBe('B');
    expect(out.evaluations[0].rows.map((x: any) => x.rank)).toEqual([1, 3, 2]);
    expect(out.sensitivity).toHaveLength(9);
    expect(out.monteCarlo.probabilities[1][2]).toBe(1);
  });

  it('B2B [004]: Delphi prunes the named candidates, IFAHP weights, four-level FCE ranks as the paper', async () => {
    const r = await runCli(['run', study('b2b-platforms.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.delphi.rounds).toHaveLength(2);
    expect(out.delphi.pruned).toEqual(['B211', 'B222', 'B312', 'B447', 'B336', 'B446']);
    expect(out.hierarchy.leaves).toHaveLength(65);
    expect(out.weighting.B.method).toBe('ifahp');
    const e = out.evaluations[0];
    const byRank = [...e.rows].sort((a: any, b: any) => a.rank - b.rank).map((x: any) => x.id);
    expect(byRank).toEqual(['alibaba', 'zhaogang', 'tianwu', 'molbase', 'china-supplier']);
    for (const row of e.rows) {
      expect(row.b.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(1, 12);
      expect(row.score).toBeCloseTo(
        row.b.reduce((s: number, x: number, k: number) => s + x * [10, 8, 6, 4, 2][k], 0),
        12,
      );
    }
    // B at every node: the root, the five criteria, the sixteen sub-criteria
    const root = e.fuzzy[0].result.root;
    expect(root.children).toHaveLength(5);
    expect(out.reproduced).toBe(true);
  });

  it('exit 1 when a printed number is not reproduced, with what differs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-study-'));
    const text = (await readFile(study('ztmg-gra.yaml'), 'utf8')).replace('Z21: 1,', 'Z21: 2,');
    await writeFile(join(dir, 'ztmg.yaml'), text);
    const r = await runCli(['run', join(dir, 'ztmg.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('check failed: not reproduced: level Z21: printed 2, computed 1');
    expect(r.json().reproduced).toBe(false);
  });
});

describe('scf-risk validate and new', () => {
  it('validate reports a valid study', async () => {
    const r = await runCli(['validate', study('b2b-platforms.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ valid: true, indicators: 71, delphiRounds: 2, alternatives: 5, evaluations: ['fce'] });
  });

  it('schema errors name the file, the line and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-study-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      [
        'title: Bad',
        'hierarchy: { template: ztmg }',
        'weighting:',
        '  Z1:',
        '    method: ahp',
        '    matrix: [[1, x], [1, 1]]',
        '  Z9: { method: fixed, weights: [1] }',
        'evaluation:',
        '  - { method: vikor }',
      ].join('\n'),
    );
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6: weighting.Z1.matrix[0][1]: "x" is not a number`);
    expect(r.stderr).toContain(
      `${file}:9: evaluation[0].method: "vikor" is not allowed. Allowed: fce, scorecard, topsis, gra, gra-factors.`,
    );
  });

  it('unknown codes after the schema, and an unknown template', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-study-'));
    await writeFile(
      join(dir, 'codes.yaml'),
      'title: T\nhierarchy: { template: ztmg }\nweighting:\n  Z9: { method: fixed, weights: [1] }\n',
    );
    const r = await runCli(['validate', join(dir, 'codes.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('codes.yaml:4: weighting.Z9: Z9 is not a node of the hierarchy');
    await writeFile(join(dir, 'tpl.yaml'), 'title: T\nhierarchy: { template: nope }\n');
    const t = await runCli(['validate', join(dir, 'tpl.yaml')]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('hierarchy.template: there is no template "nope"');
    expect(t.stderr).toContain('b2b-platform, credit-evaluation, credit-tree-attributes, jd-scf, ztmg');
  });

  it('new --template writes a study that validates and runs, for every template', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-new-'));
    for (const name of ['jd-scf', 'b2b-platform', 'credit-tree-attributes', 'credit-evaluation', 'ztmg']) {
      const file = join(dir, `${name}.yaml`);
      const n = await runCli(['new', '--template', name, '--out', file]);
      expect(n.code).toBe(0);
      expect(n.stdout).toContain(`study written to ${file}`);
      const v = await runCli(['run', file, '--format', 'json']);
      expect(v.code).toBe(0);
      const root = v.json().hierarchy.nodes[0].code;
      expect(v.json().weighting[root].method).toBe('ahp');
    }
    const again = await runCli(['new', '--template', 'ztmg', '--out', join(dir, 'ztmg.yaml')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; not overwritten');
  });

  it('alternatives from a CSV file next to the study, errors naming the cell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-study-'));
    const text = [
      'title: T',
      'hierarchy:',
      '  code: G',
      '  name: G',
      '  children:',
      '    - { code: X, name: X, direction: benefit }',
      '    - { code: Y, name: Y, direction: cost }',
      'weighting:',
      '  G: { method: fixed, weights: [0.6, 0.4] }',
      'alternatives: { file: data.csv }',
      'evaluation: [ { method: topsis } ]',
    ].join('\n');
    await writeFile(join(dir, 's.yaml'), text);
    await writeFile(join(dir, 'data.csv'), 'id,X,Y\na,1,5\nb,3,2\n');
    const r = await runCli(['run', join(dir, 's.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().evaluations[0].rows.map((x: any) => x.id)).toEqual(['a', 'b']);
    expect(r.json().evaluations[0].rows[1].rank).toBe(1);
    await writeFile(join(dir, 'data.csv'), 'id,X,Y\na,1,5\nb,three,2\n');
    const bad = await runCli(['run', join(dir, 's.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('data.csv, row 3, column "X": "three" is not a number');
  });
});

describe('run --strict and --format csv', () => {
  it('exit 1 on an inconsistent judgment under --strict; csv of the weights at full precision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-strict-'));
    const text = [
      'title: T',
      'hierarchy: { code: G, name: G, children: [ { code: X, name: X }, { code: Y, name: Y }, { code: Z, name: Z } ] }',
      'weighting:',
      '  G: { method: ahp, matrix: [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]] }',
    ].join('\n');
    await writeFile(join(dir, 's.yaml'), text);
    const plain = await runCli(['run', join(dir, 's.yaml'), '--format', 'csv']);
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,parent,depth,name,localWeight,globalWeight,cr');
    expect(lines[1]).toMatch(/^G,,0,G,1,1,\d+\.\d{6,}/);
    const strict = await runCli(['run', join(dir, 's.yaml'), '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('check failed: a judgment or a level has CR ≥ 0.10 (--strict)');
    expect(strict.json().hierarchy.nodes[0].cr).toBeGreaterThan(0.1);
  });
});

describe('studies that import expert matrices and Delphi answers', () => {
  it('a panel workbook (a sheet per expert) and a long answers CSV, errors naming sheet and cell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-import-'));
    const wb = new ExcelJS.Workbook();
    const panels: [string, (number | string)[][]][] = [
      [
        'e1',
        [
          [1, 3, 5],
          ['1/3', 1, 2],
          ['1/5', '1/2', 1],
        ],
      ],
      [
        'e2',
        [
          [1, 2, 4],
          ['1/2', 1, 3],
          ['1/4', '1/3', 1],
        ],
      ],
    ];
    for (const [id, m] of panels) {
      const ws = wb.addWorksheet(id);
      ws.addRow(['', 'X', 'Y', 'Z']);
      m.forEach((row, i) => ws.addRow([['X', 'Y', 'Z'][i], ...row]));
    }
    await wb.xlsx.writeFile(join(dir, 'panel.xlsx'));
    const answers = ['expert,indicator,score,round'];
    for (const [e, sc] of [
      ['a', [5, 3, 1]],
      ['b', [5, 5, 1]],
      ['c', [3, 5, 1]],
    ] as const)
      ['X', 'Y', 'Z'].forEach((c, k) => answers.push(`${e},${c},${sc[k]},1`));
    await writeFile(join(dir, 'answers.csv'), `${answers.join('\n')}\n`);
    const text = [
      'title: T',
      'hierarchy: { code: G, name: G, children: [ { code: X, name: X }, { code: Y, name: Y }, { code: Z, name: Z } ] }',
      'delphi: { rounds: [ { file: answers.csv } ] }',
      'weighting:',
      '  G: { method: group-ahp, aggregation: aij, file: panel.xlsx }',
    ].join('\n');
    await writeFile(join(dir, 's.yaml'), text);
    const r = await runCli(['run', join(dir, 's.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.weighting.G.details.experts.map((e: any) => e.id)).toEqual(['e1', 'e2']);
    expect(out.delphi.rounds[0].experts).toBe(3);
    expect(out.delphi.rounds[0].indicators.map((i: any) => i.mean)).toEqual([13 / 3, 13 / 3, 1]);
    const ws = wb.getWorksheet('e2') as ExcelJS.Worksheet;
    ws.getCell('C3').value = 'lots';
    await wb.xlsx.writeFile(join(dir, 'panel.xlsx'));
    const bad = await runCli(['run', join(dir, 's.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/s\.yaml:5: weighting\.G\.file: .*panel\.xlsx, sheet e2, cell C3/);
  });
});

describe('study workbook (XLSX) round trip', () => {
  it('exported and imported back, the study gives the same results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-xlsx-'));
    for (const name of ['jd-scf', 'credit-scorecard', 'b2b-platforms']) {
      const xlsx = join(dir, `${name}.xlsx`);
      const a = await runCli(['run', study(`${name}.yaml`), '--format', 'json', '--export-study', xlsx]);
      expect(a.code).toBe(0);
      const b = await runCli(['run', xlsx, '--format', 'json']);
      expect(b.code).toBe(0);
      const [ra, rb] = [a.json(), b.json()];
      expect(rb.hierarchy).toEqual(ra.hierarchy);
      expect(rb.weighting).toEqual(ra.weighting);
      expect(rb.evaluations).toEqual(ra.evaluations);
      expect(rb.checks).toEqual(ra.checks);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'jd-scf.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['hierarchy', 'weighting', 'judgments', 'alternatives', 'votes', 'study']);
    const j = wb.getWorksheet('judgments');
    expect(j?.getRow(1).values).toEqual([undefined, 'node', 'part', 'expert', 'expertWeight', 'row', 'column', 'value']);
    expect(typeof j?.getCell('F2').value).toBe('number');
  });

  it('import errors name the sheet and the cell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-xlsx-'));
    const xlsx = join(dir, 's.xlsx');
    await runCli(['run', study('credit-scorecard.yaml'), '--format', 'json', '--export-study', xlsx]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    (wb.getWorksheet('hierarchy') as ExcelJS.Worksheet).getCell('B4').value = 'NOPE';
    (wb.getWorksheet('alternatives') as ExcelJS.Worksheet).getCell('C3').value = 'lots';
    await wb.xlsx.writeFile(xlsx);
    const r = await runCli(['run', xlsx]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${xlsx}, sheet hierarchy, cell B4: parent "NOPE" is not listed above this row`);
    (wb.getWorksheet('hierarchy') as ExcelJS.Worksheet).getCell('B4').value = 'N';
    await wb.xlsx.writeFile(xlsx);
    const s = await runCli(['run', xlsx]);
    expect(s.stderr).toContain(`${xlsx}, sheet alternatives, cell C3: "lots" is not a number`);
  });
});

describe('run writes its report and tables', () => {
  it('--out HTML and --xlsx result tables (numbers as numbers); no progress bar when piped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-out-'));
    const r = await runCli([
      'run',
      study('credit-scorecard.yaml'),
      '--out',
      join(dir, 'r.html'),
      '--xlsx',
      join(dir, 'r.xlsx'),
      '--lang',
      'zh',
      '--format',
      'table',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`HTML report written to ${join(dir, 'r.html')}`);
    expect(r.stderr).toBe('');
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('非系统性风险');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'r.xlsx'));
    const sheet = wb.worksheets.find((w) => w.name.startsWith('综合评价'));
    expect(sheet?.getCell('C2').value).toBeTypeOf('number');
  });
});

describe('progress bars', () => {
  const bin = join(ROOT, 'packages/cli/bin/scf-risk.js');
  it('a bar on a terminal (a pseudo-terminal from `script`), none when piped', async () => {
    const cmd = `node ${bin} tree validate --data ${join(ROOT, 'examples/loan-history-small.csv')} --target 'days overdue' --max-depth 3 --format json > /dev/null`;
    const tty = execFileSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8' });
    expect(tty).toContain('cross-validation [');
    const piped = await runCli([
      'tree',
      'validate',
      '--data',
      join(ROOT, 'examples/loan-history-small.csv'),
      '--target',
      'days overdue',
      '--max-depth',
      '3',
    ]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    const study = execFileSync(
      'script',
      ['-qec', `node ${bin} run ${join(STUDIES, 'credit-scorecard.yaml')} --format json > /dev/null`, '/dev/null'],
      {
        encoding: 'utf8',
      },
    );
    expect(study).toContain('study [');
  });
});
