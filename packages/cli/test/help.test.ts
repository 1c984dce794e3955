import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/main.ts';

/** Every command and subcommand, with its full name. */
function commands(program: Command, prefix = ''): [string, Command][] {
  return program.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    return [[name, c] as [string, Command], ...commands(c, `${name} `)];
  });
}

function helpOf(cmd: Command): string {
  let out = '';
  cmd.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  cmd.outputHelp();
  return out;
}

describe('--help everywhere', () => {
  it('every subcommand documents itself with at least one runnable example', async () => {
    const program = await buildProgram();
    const all = commands(program);
    expect(all.map(([n]) => n)).toEqual(
      expect.arrayContaining(['run', 'validate', 'new', 'ahp', 'evaluate', 'tree train', 'tree validate']),
    );
    const missing: string[] = [];
    for (const [name, cmd] of all) {
      if (cmd.commands.length > 0) continue; // a group such as `tree`: its subcommands carry the examples
      const help = helpOf(cmd);
      const examples = help.split('Examples:\n')[1] ?? '';
      if (!new RegExp(`^ {2}scf-risk ${name}\\b`, 'm').test(examples)) missing.push(name);
    }
    expect(missing).toEqual([]);
  });
});
