/**
 * Command-line flags from a method's options schema in core: the allowed values (`choices`) and
 * the default come from the schema, so the CLI and the HTTP server accept the same options with
 * the same defaults. Numeric defaults are given as strings, as commander passes flag values.
 */
import { optionSpec } from '@scf-risk/core';
import { Option } from 'commander';

type OptionsSchema = Parameters<typeof optionSpec>[0];

/** A flag for option `key` of `schema`, e.g. `flagOf(ahpOptionsSchema, 'ri', '--ri <table>', 'random index table for CR')`. */
export function flagOf<S extends OptionsSchema>(schema: S, key: keyof S['shape'] & string, flags: string, description: string): Option {
  const spec = optionSpec(schema, key);
  const option = new Option(flags, description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined && typeof spec.default !== 'boolean') {
    option.default(typeof spec.default === 'number' ? String(spec.default) : spec.default);
  }
  return option;
}
