/**
 * Command-line flags from a method's options schema in core: the allowed values (`choices`) and
 * the default come from the schema, so the CLI and the HTTP server accept the same options with
 * the same defaults. Numeric defaults are given as strings, as commander passes flag values.
 *
 * Options are checked like fields, in one place: a numeric flag's value is checked here, by the
 * option's own schema, when commander reads it. A bad value is reported as that option with the
 * value typed (`--alpha: "abc" is not a number in [0, 1]`), exit 2 — never as a line of the input
 * file, and never as NaN reaching a method.
 */
import { type NumberRule, numberRuleCheck, optionSpec } from '@scf-risk/core/ahp';
import { CommanderError, Option } from 'commander';
import { terminal } from './terminal.ts';

type OptionsSchema = Parameters<typeof optionSpec>[0];

/** A flag for option `key` of `schema`, e.g. `flagOf(ahpOptionsSchema, 'ri', '--ri <table>', 'random index table for CR')`. */
export function flagOf<S extends OptionsSchema>(schema: S, key: keyof S['shape'] & string, flags: string, description: string): Option {
  const spec = optionSpec(schema, key);
  const option = new Option(flags, description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined && typeof spec.default !== 'boolean') {
    option.default(typeof spec.default === 'number' ? String(spec.default) : spec.default);
  }
  if (spec.check) option.argParser(checked(option, spec.check));
  return option;
}

/**
 * A numeric flag that is not in a core options schema (`--folds`, `--seed`), checked against
 * `rule` (`{int: true, min: 2}`); the value reaches the action as the string typed.
 */
export function numberFlag(flags: string, description: string, rule: NumberRule, defaultValue?: string): Option {
  const option = new Option(flags, description);
  if (defaultValue !== undefined) option.default(defaultValue);
  return option.argParser(checked(option, numberRuleCheck(rule)));
}

/** A flag whose value is a comma-separated list of numbers (`--npl-ratios 0.01,0.05,0.2`), each checked against `rule`. */
export function numberListFlag(flags: string, description: string, rule: NumberRule): Option {
  const option = new Option(flags, description);
  const check = numberRuleCheck(rule);
  return option.argParser(
    checked(option, (raw) => {
      const bad = raw
        .split(',')
        .map((p) => check(p.trim()))
        .find((m) => m !== undefined);
      return bad === undefined ? undefined : `"${raw}" is not a comma-separated list of numbers: ${bad}`;
    }),
  );
}

/** commander's parser for `option`: the value typed, or a refusal naming the option. */
function checked(option: Option, check: (raw: string) => string | undefined) {
  return (raw: string): string => {
    const problem = check(raw);
    if (problem === undefined) return raw;
    const text = `${option.long ?? option.short ?? option.flags}: ${problem}`;
    terminal().stderr.write(`error: ${text}\n`);
    // a CommanderError: the command line stops with the usage exit code (2)
    throw new CommanderError(2, 'scf-risk.invalidOptionValue', text);
  };
}
