/**
 * The few tests about the process itself (everything else runs in-process): the built bin
 * starts, reads standard input, prints JSON, and exits with the SPEC §10 codes; `--help` lists
 * every command from the command table without loading them.
 */
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
