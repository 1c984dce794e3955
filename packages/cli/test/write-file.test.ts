import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import { parseInputText } from '@scf-risk/io';
import { describe, expect, it } from 'vitest';
import { DEMO_PANEL } from '../src/commands/demo.ts';
import { writeOutput } from '../src/write-file.ts';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const fresh = () => mkdtemp(join(tmpdir(), 'scf-write-'));

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message).join('\n');
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('writeOutput: one rule for every file the CLI writes', () => {
  it('creates a missing folder and writes the file', async () => {
    const dir = await fresh();
    const file = join(dir, 'new', 'deeper', 'r.txt');
    expect(await writeOutput(file, 'hello\n')).toBe(file);
    expect(await readFile(file, 'utf8')).toBe('hello\n');
    expect(await readdir(join(dir, 'new', 'deeper'))).toEqual(['r.txt']);
  });

  it('refuses a directory as the target, naming it', async () => {
    const dir = await fresh();
    expect(await messageOf(writeOutput(dir, 'x'))).toBe(`cannot write ${dir}: it is a directory`);
  });

  it('refuses a read-only target and leaves it as it was', async () => {
    const dir = await fresh();
    const file = join(dir, 'kept.csv');
    await writeFile(file, 'good\n');
    await chmod(file, 0o444);
    expect(await messageOf(writeOutput(file, 'new\n'))).toBe(`cannot write ${file}: the file is read-only`);
    expect(await readFile(file, 'utf8')).toBe('good\n');
    expect(await readdir(dir)).toEqual(['kept.csv']);
  });

  it('refuses a path through a file', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'plain'), 'x');
    expect(await messageOf(writeOutput(join(dir, 'plain', 'r.csv'), 'x'))).toMatch(/is a file, not a directory/);
  });

  it('a failure half-way leaves the old file intact and no temporary file', async () => {
    const dir = await fresh();
    const file = join(dir, 'out.csv');
    await writeFile(file, 'the good old content\n');
    async function* failing() {
      yield 'id,score\n';
      yield 'a,1\n';
      throw new Error('the evaluation failed');
    }
    await expect(writeOutput(file, failing())).rejects.toThrow('the evaluation failed');
    expect(await readFile(file, 'utf8')).toBe('the good old content\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
    // and the same body completes when it does not fail
    await writeOutput(file, ['id,score\n', 'a,1\n']);
    expect(await readFile(file, 'utf8')).toBe('id,score\na,1\n');
    expect(await readdir(dir)).toEqual(['out.csv']);
  });

  it('overwrite: false never replaces an existing file', async () => {
    const dir = await fresh();
    const file = join(dir, 's.yaml');
    await writeFile(file, 'mine\n');
    expect(await messageOf(writeOutput(file, 'other\n', { overwrite: false }))).toBe(`${file} already exists; not overwritten`);
    expect(await readFile(file, 'utf8')).toBe('mine\n');
    expect(await readdir(dir)).toEqual(['s.yaml']);
  });
});

describe('commands that write follow it (issue 17)', () => {
  it('tree generate into a missing folder writes the file it reports', async () => {
    const dir = await fresh();
    const out = join(dir, 'nodir', 'g.csv');
    const r = await runCli(['tree', 'generate', '--rows', '10', '--out', out, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().out).toBe(out);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(11);
  });

  it('new, tree train and run into a missing folder write; a directory as --out is exit 2 naming it', async () => {
    const dir = await fresh();
    const study = join(dir, 'a', 'study.yaml');
    expect((await runCli(['new', '--template', 'ztmg', '--out', study])).code).toBe(0);
    expect(await readFile(study, 'utf8')).toContain('template: ztmg');
    const model = join(dir, 'b', 'model.json');
    const t = await runCli([
      'tree',
      'train',
      '--data',
      join(ROOT, 'examples/loan-history-small.csv'),
      '--target',
      'days overdue',
      '--max-depth',
      '2',
      '--out',
      model,
      '--format',
      'json',
    ]);
    expect(t.code).toBe(0);
    expect(JSON.parse(await readFile(model, 'utf8')).format).toBe('scf-risk-tree');
    const report = join(dir, 'c', 'r.html');
    expect((await runCli(['run', study, '--out', report, '--format', 'json'])).code).toBe(0);
    expect(await readFile(report, 'utf8')).toContain('<html');
    await mkdir(join(dir, 'd'));
    for (const args of [
      ['new', '--template', 'ztmg', '--out', join(dir, 'd')],
      ['run', study, '--out', join(dir, 'd'), '--format', 'json'],
      ['tree', 'generate', '--rows', '5', '--out', join(dir, 'd')],
      ['demo', '--out', join(dir, 'd')],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`error: cannot write ${join(dir, 'd')}: it is a directory`);
      expect(r.stderr).not.toContain('.yaml: (root)');
    }
  });
});

describe('the demo panel', () => {
  it('is the panel of examples/ahp/panel.yaml', async () => {
    const file = join(ROOT, 'examples/ahp/panel.yaml');
    expect(DEMO_PANEL).toEqual(parseInputText(await readFile(file, 'utf8'), file).data);
  });
});

describe('the streamed large-portfolio writers use the same helper', () => {
  const csv = 'id,S11,S12,S13,S21,S22\nA,5,6,7,8,4\nB,9,3,5,2,6\n';
  const hierarchy = join(ROOT, 'examples/evaluation/smes.yaml');

  it('a filler body is written atomically, and a filler that fails leaves the old file and no temporary file', async () => {
    const dir = await fresh();
    const file = join(dir, 'r.csv');
    await writeOutput(file, {
      fill: async (write: (c: Uint8Array) => void) => {
        write(new TextEncoder().encode('a,'));
        write(new TextEncoder().encode('b\n'));
      },
    });
    expect(await readFile(file, 'utf8')).toBe('a,b\n');
    const failing = writeOutput(file, {
      fill: async (write: (c: Uint8Array) => void) => {
        write(new TextEncoder().encode('half'));
        throw new Error('stopped half-way');
      },
    });
    await expect(failing).rejects.toThrow('stopped half-way');
    expect(await readFile(file, 'utf8')).toBe('a,b\n');
    expect(await readdir(dir)).toEqual(['r.csv']);
  });

  for (const extra of [[], ['--explain']])
    it(`evaluate ${extra.join(' ') || '(fast path)'}: a directory as --out exits 2; a file is written with no temporary left`, async () => {
      const dir = await fresh();
      const data = join(dir, 'p.csv');
      await writeFile(data, csv);
      await mkdir(join(dir, 'out.csv'));
      const bad = await runCli(['evaluate', '--hierarchy', hierarchy, '--data', data, '--out', join(dir, 'out.csv'), ...extra]);
      expect(bad.code, bad.stderr).toBe(2);
      expect(bad.stderr).toContain('it is a directory');
      const ok = await runCli(['evaluate', '--hierarchy', hierarchy, '--data', data, '--out', join(dir, 'r.csv'), ...extra]);
      expect(ok.code, ok.stderr).toBe(0);
      expect((await readFile(join(dir, 'r.csv'), 'utf8')).split('\n')[0]).toMatch(/^id,score,grade,rank/);
      expect((await readdir(dir)).sort()).toEqual(['out.csv', 'p.csv', 'r.csv']);
    });
});
