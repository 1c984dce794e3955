/**
 * Issue 13 item 6: no silent placeholders. `new` marks what it could not know (`placeholder:
 * true`) and lists it; `run` warns naming each; `run --strict` exits 1.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './run-cli.ts';

describe('placeholders written by new', () => {
  it('are marked in the file, listed by new, warned about by run, an error with run --strict', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-placeholder-'));
    const file = join(dir, 'ztmg.yaml');
    const n = await runCli(['new', '--template', 'ztmg', '--out', file]);
    expect(n.code).toBe(0);
    const text = await readFile(file, 'utf8');
    const doc = parse(text);
    const [root] = Object.keys(doc.weighting);
    expect(doc.weighting[root]).toMatchObject({ method: 'ahp', placeholder: true });
    expect(n.stdout).toMatch(/next: fill in the placeholder/);
    expect(n.stdout).toContain(`weighting.${root}: the`);
    expect(n.stdout).toMatch(/AHP matrix over .*now all 1/);

    const run = await runCli(['run', file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.json().warnings[0]).toMatch(new RegExp(`^weighting\\.${root}: a placeholder .*delete "placeholder: true"`));
    expect(run.stderr).toContain(`warning: weighting.${root}: a placeholder`);
    const table = await runCli(['run', file, '--format', 'table']);
    expect(table.stdout + table.stderr).toContain(`weighting.${root}: a placeholder`);

    const strict = await runCli(['run', file, '--strict', '--format', 'json']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(new RegExp(`1 placeholder \\(--strict\\): weighting\\.${root}`));

    // filled in (here: the judgments really are "all equal") and the marker deleted: no warning, --strict passes
    await writeFile(file, text.replace(/\n\s*placeholder: true\n/, '\n'));
    const filled = await runCli(['run', file, '--strict', '--format', 'json']);
    expect(filled.code).toBe(0);
    expect(filled.json().warnings.join('\n')).not.toMatch(/placeholder/);
  });

  it('new to standard output: the YAML on stdout, the list of placeholders on stderr', async () => {
    const n = await runCli(['new', '--template', 'jd-scf']);
    expect(n.code).toBe(0);
    expect(parse(n.stdout).weighting.A.placeholder).toBe(true);
    expect(n.stderr).toMatch(/weighting\.A: the 5×5 AHP matrix over A1, A2, A3, A4, A5/);
  });

  it('a placeholder inside combine is named by its part', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-placeholder-'));
    const file = join(dir, 's.yaml');
    await writeFile(
      file,
      [
        'title: T',
        'hierarchy:',
        '  code: G',
        '  name: G',
        '  children:',
        '    - { code: X, name: X }',
        '    - { code: Y, name: Y }',
        'weighting:',
        '  G:',
        '    method: combine',
        '    subjective: { method: ahp, placeholder: true, matrix: [[1, 1], [1, 1]] }',
        '    objective: { method: fixed, weights: [0.6, 0.4] }',
        '',
      ].join('\n'),
    );
    const r = await runCli(['run', file, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().warnings[0]).toMatch(/^weighting\.G\.subjective: a placeholder/);
    expect((await runCli(['run', file, '--strict', '--format', 'json'])).code).toBe(1);
    const v = await runCli(['validate', file]);
    expect(v.code).toBe(0);
  });
});
