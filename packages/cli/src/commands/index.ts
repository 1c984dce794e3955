/**
 * Every `scf-risk` subcommand. Each file in this folder (other than this one) exports
 * `register(program)` and, optionally, `order` (a number; lower is listed first in --help).
 * Files are discovered, so adding a command is adding a file.
 */
import { readdirSync } from 'node:fs';
import type { Command } from 'commander';

interface CommandModule {
  register(program: Command): void;
  order?: number;
}

export async function registerCommands(program: Command): Promise<void> {
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
    .sort();
  const modules = await Promise.all(files.map((f) => import(new URL(f, dir).href) as Promise<CommandModule>));
  modules
    .map((m, i) => ({ m, key: m.order ?? 100, name: files[i] }))
    .sort((a, b) => a.key - b.key || a.name.localeCompare(b.name))
    .forEach(({ m }) => m.register(program));
}
