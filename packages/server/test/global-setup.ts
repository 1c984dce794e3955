/** Vitest global setup: the migrated PGlite template every test file starts its stores from. */
import type { TestProject } from 'vitest/node';
import { setupPgliteTemplate } from './pglite-template.ts';

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await setupPgliteTemplate());
}
