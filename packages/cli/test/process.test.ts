/**
 * The few tests about the process itself (everything else runs in-process): the built bin
 * starts, reads standard input, prints JSON, and exits with the SPEC §10 codes; its worker threads
 * start from the built worker files; `--help` lists every command from the command table without
 * loading them.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.ts';
import { VERSION } from '../src/main.ts';
import { runCli, runCliProcess } from './run-cli.ts';

describe('the scf-risk process (built bin)', () => {
  it('prints its version', async () => {
    const r = await runCliProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('computes from standard input and exits 0, or 2 naming the cell of a bad matrix', async () => {
    const ok = await runCliProcess(['ahp', '-', '--format', 'json'], '{"matrix": [[1, 3], ["1/3", 1]]}');
    expect(ok.code).toBe(0);
    expect(ok.json().weights[0]).toBeCloseTo(0.75, 12);
    const bad = await runCliProcess(['ahp', '-', '--format', 'json'], '{"matrix": [[1, 3], [-2, 1]]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/matrix\[1\]\[0\]/);
    expect(bad.stdout).toBe('');
  });

  it('evaluates a CSV portfolio on its worker threads (the built worker files) as the in-process run does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-process-'));
    const codes = ['A1', 'A2', 'B1'];
    const tree = { code: 'P', name: 'P', children: codes.map((code, k) => ({ code, name: code, weight: [0.5, 0.3, 0.2][k] })) };
    await writeFile(join(dir, 'tree.json'), JSON.stringify(tree));
    let csv = 'id,A1,A2,B1\n';
    for (let i = 0; i < 3000; i++) csv += `S${i},${2 + ((i * 7) % 9)},${2 + ((i * 5) % 9)}.5,${2 + ((i * 3) % 8)}\n`;
    await writeFile(join(dir, 'data.csv'), csv);
    const args = (out: string) => [
      'evaluate',
      '--hierarchy',
      join(dir, 'tree.json'),
      '--data',
      join(dir, 'data.csv'),
      '--out',
      join(dir, out),
    ];
    const built = await runCliProcess(args('built.csv'));
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch('3000 alternatives evaluated (fce)');
    expect((await runCli(args('here.csv'))).code).toBe(0);
    const text = await readFile(join(dir, 'built.csv'), 'utf8');
    expect(text.split('\n')[1]).toMatch(/^S0,[\d.]+,[^,]+,\d+$/);
    expect(text).toBe(await readFile(join(dir, 'here.csv'), 'utf8'));
  });
});

describe('help from the command table', () => {
  it('lists every command with its summary, loading none', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
    expect(r.stdout).toContain(COMMANDS.find((c) => c.name === 'ahp')?.summary.slice(0, 40));
  });

  it('`help X` and `X --help` show the command’s own options', async () => {
    for (const args of [
      ['help', 'ahp'],
      ['ahp', '--help'],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/--ri <table>/);
    }
  });

  it('an unknown command exits 2 and names it', async () => {
    const r = await runCli(['ahq']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'ahq'/);
  });
});
