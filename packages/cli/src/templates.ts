/**
 * The shipped templates (SPEC §9): `templates/*.yaml` at the repository root, each a hierarchy
 * in the tree format. Core validates; this file finds, reads and parses (with line numbers for
 * errors).
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ValidationError } from '@scf-risk/core';
import { type Input, parseInputText } from './input.ts';

/** The folder holding the templates. */
export const TEMPLATES_DIR = resolve(import.meta.dirname, '../../../templates');

/** Names of the shipped templates (file names without `.yaml`), sorted. */
export function templateNames(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** Read and parse template `name`; an unknown name lists the known ones. */
export async function loadTemplate(name: string): Promise<Input> {
  const names = templateNames();
  if (!names.includes(name)) {
    throw new ValidationError([{ path: [], message: `there is no template "${name}"`, allowed: names.join(', ') }]);
  }
  const file = join(TEMPLATES_DIR, `${name}.yaml`);
  return parseInputText(await readFile(file, 'utf8'), `templates/${name}.yaml`);
}
