/**
 * Issue 17 item 5 and issue 13 item 10: every message shows the value typed and what is allowed
 * (none prints `undefined`), and malformed documents — YAML alias bombs, an alias inside its own
 * anchor, nesting past the depth limit — are exit 2 with a clear message, never exit 3.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scf-bad-input-'));
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const JUDGMENT = 'Allowed: a positive number or a fraction such as "1/3", or null for a missing judgment.';
const NUMBER = 'Allowed: a number such as 3 or 0.25, or a fraction such as "1/3".';

describe('the value is shown', () => {
  const judgments: [string, string][] = [
    ['true', 'true'],
    ['{a: 1}', 'the object {"a":1}'],
    ['[1, 2]', 'the list [1,2]'],
    ['1e999', 'an infinite number (1e999 or beyond)'],
    ['.nan', 'NaN (not a number)'],
  ];
  for (const [typed, shown] of judgments)
    it(`a judgment ${typed}`, async () => {
      const f = await file('ahp.yaml', `matrix:\n  - [1, ${typed}]\n  - [1, 1]\n`);
      const r = await runCli(['ahp', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${f}:2: matrix[0][1]: ${shown} is not a judgment. ${JUDGMENT}`);
      expect(r.stderr).not.toContain('undefined');
    });

  for (const [typed, shown] of [...judgments, ['null', 'null']])
    it(`a data cell ${typed}`, async () => {
      const f = await file('topsis.yaml', `matrix: [[1, ${typed}], [2, 3]]\nweights: [0.5, 0.5]\n`);
      const r = await runCli(['topsis', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`matrix[0][1]: ${shown} is not a number. ${NUMBER}`);
    });

  it('a decimal string too large to be a number', async () => {
    const f = await file('big.yaml', 'matrix: [[1, "1e999"], [2, 3]]\nweights: [0.5, 0.5]\n');
    const r = await runCli(['topsis', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`matrix[0][1]: "1e999" is too large to be a number. ${NUMBER}`);
  });

  it('a direction that is not one of the choices', async () => {
    const f = await file('dir.yaml', 'matrix: [[1, 2], [2, 3]]\nweights: [0.5, 0.5]\ndirections: [more, benefit]\n');
    const r = await runCli(['topsis', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:3: directions[0]: "more" is not allowed. Allowed: benefit, cost.`);
  });

  it('a language that is not one of the choices', async () => {
    const f = await file('lang.yaml', 'title: x\nlang: fr\nhierarchy: { template: ztmg }\n');
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:2: lang: "fr" is not allowed. Allowed: en, zh.`);
  });

  it('a field of the wrong type, and a number out of range', async () => {
    const f = await file('type.yaml', 'matrix: [[1, 2], [2, 3]]\nweights: "x"\n');
    expect((await runCli(['topsis', f])).stderr).toContain('weights: "x" is not a list');
    const g = await file('draws.yaml', 'title: x\nhierarchy: { template: ztmg }\nmonteCarlo: { draws: -3 }\n');
    expect((await runCli(['validate', g])).stderr).toContain(`${g}:3: monteCarlo.draws: -3 is too small: it must be > 0`);
  });
});

describe('malformed documents are exit 2 with a clear message', () => {
  const bomb = () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 10; k++) {
      const prev = String.fromCharCode(96 + k);
      lines.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    lines.push('matrix: [*j]');
    return `${lines.join('\n')}\n`;
  };
  const ALIAS = 'its YAML aliases (*name) expand to too many values';
  for (const args of [['ahp'], ['run'], ['validate'], ['evaluate', '--data', 'x.csv', '--hierarchy']])
    it(`a YAML alias bomb (${args[0]})`, async () => {
      const f = await file('bomb.yaml', bomb());
      const r = await runCli([...args, f]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(ALIAS);
      expect(r.stderr).toContain('at most 100 alias expansions');
    });

  it('an alias to no anchor is named, not taken for an alias bomb', async () => {
    const f = await file('unresolved.yaml', 'a: &a [1]\nmatrix: *b\n');
    const r = await runCli(['ahp', f]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('the alias *b refers to no anchor &b set before it');
    expect(r.stderr).not.toContain(ALIAS);
  });

  it('a YAML file that refers to itself (hierarchy)', async () => {
    const f = await file('self.yaml', 'root: &r\n  code: A\n  name: A\n  children: [*r]\n');
    const r = await runCli(['hierarchy', f]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('the alias *r (line 4) refers to a value that contains it');
  });

  it('JSON nested past the depth limit, inside and beyond the parser’s own limit', async () => {
    for (const depth of [300, 20000]) {
      const f = await file('deep.json', `{"matrix": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
      const r = await runCli(['ahp', f]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('nests lists or objects more than 200 levels deep');
      expect(r.stderr).not.toContain('call stack');
    }
  });
});

describe('where a message points', () => {
  it('a problem in evaluate’s data file names the data file, not the hierarchy, and no "(root)"', async () => {
    const data = await file('miss.csv', 'id,S11,S12,S13,S21\nA,5,6,7,8\n');
    const hierarchy = new URL('../../../examples/evaluation/smes.yaml', import.meta.url).pathname;
    const r = await runCli(['evaluate', '--hierarchy', hierarchy, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: \S*miss\.csv: no column "S22" \(leaf Overdue rate\)\. Allowed: a header with S11, S12, S13, S21, S22\.$/m,
    );
    expect(r.stderr).not.toContain('smes.yaml');
    expect(r.stderr).not.toContain('(root)');
  });
});
