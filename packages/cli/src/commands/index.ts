/**
 * Every `scf-risk` subcommand, registered in the order `--help` lists them.
 * Add one line per command file.
 */
import type { Command } from 'commander';

export function registerCommands(_program: Command): void {}
