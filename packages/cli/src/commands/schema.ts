/** `scf-risk schema`: the JSON Schema of a method's input document or options (SPEC §10; core's `METHOD_SCHEMAS`). */

import { isMethodSchemaName, METHOD_SCHEMA_NAMES, METHOD_SCHEMAS, methodJsonSchema, ValidationError } from '@scf-risk/core';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { terminal } from '../terminal.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  program
    .command('schema')
    .summary(summaryOf('schema'))
    .description(
      [
        summaryOf('schema'),
        '',
        'With a method: the JSON Schema (draft 2020-12) of its input document,',
        'every field described. Matrix cells are numbers or fraction strings such',
        'as "1/3"; null marks a missing pairwise judgment where one is allowed.',
        '--options: the schema of its options instead (the flags, e.g. --method,',
        '--ri, as fields of a JSON object), with allowed values and defaults.',
        'Without a method: the list of names.',
      ].join('\n'),
    )
    .argument('[method]', `one of: ${METHOD_SCHEMA_NAMES.join(', ')}`)
    .option('--options', "print the schema of the method's options instead of its input")
    .addOption(new Option('--format <format>', 'format of the list of names (a schema is always JSON)').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk schema\n  scf-risk schema ahp\n  scf-risk schema topsis --options\n  scf-risk schema study > study.schema.json\n',
    )
    .action(async (method: string | undefined, opts: { options?: boolean; format?: Format }) => {
      await guard(async () => {
        if (method === undefined) {
          const schemas = METHOD_SCHEMA_NAMES.map((name) => ({ name, input: METHOD_SCHEMAS[name].summary }));
          emit({ schemas }, opts.format ?? defaultFormat(), {
            tables: (r) => [
              { title: 'Input schemas (scf-risk schema NAME)', header: ['name', 'input'], rows: r.schemas.map((s) => [s.name, s.input]) },
            ],
          });
          return;
        }
        if (!isMethodSchemaName(method))
          throw new ValidationError([{ path: ['method'], message: `"${method}" has no schema`, allowed: METHOD_SCHEMA_NAMES.join(', ') }]);
        terminal().stdout.write(`${JSON.stringify(methodJsonSchema(method, opts.options ? 'options' : 'input'), null, 2)}\n`);
      });
    });
}
