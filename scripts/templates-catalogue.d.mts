// Types of scripts/templates-catalogue.mjs, for the test that keeps the catalogue and the YAML equal.
export const TEMPLATES_DIR: string;
export const CATALOGUE_FILE: string;
/** Every template's parsed data, by name, sorted by name. */
export function templatesFromYaml(): Record<string, unknown>;
/** The TypeScript source of the generated catalogue. */
export function catalogueSource(): string;
