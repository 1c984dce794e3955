/**
 * The AHP options shared by `ahp`, `ahp-group` and `hierarchy` (SPEC §10); allowed values and
 * defaults come from core's `ahpOptionsSchema`.
 */
import type { IncompleteMethod, LambdaRule, PriorityMethod, RiTableName } from '@scf-risk/core';
import { ahpOptionsSchema } from '@scf-risk/core';
import type { Command } from 'commander';
import { flagOf } from './schema-options.ts';

export interface AhpCliOptions {
  method: PriorityMethod;
  ri: RiTableName;
  lambda: LambdaRule;
  incompleteMethod: IncompleteMethod;
  strict?: boolean;
}

/** Add `--method`, `--ri`, `--lambda`, `--incomplete-method` and `--strict`. */
export function addAhpOptions(cmd: Command): Command {
  return cmd
    .addOption(flagOf(ahpOptionsSchema, 'method', '--method <method>', 'priority method'))
    .addOption(flagOf(ahpOptionsSchema, 'ri', '--ri <table>', 'random index table for CR'))
    .addOption(
      flagOf(
        ahpOptionsSchema,
        'lambda',
        '--lambda <rule>',
        'λmax: exact eigenvalue, the (1/n)Σ(Aw)i/wi estimate, or auto (exact for eigenvector)',
      ),
    )
    .addOption(
      flagOf(
        ahpOptionsSchema,
        'incompleteMethod',
        '--incomplete-method <m>',
        'missing judgments: auto (Harker for eigenvector, LLSM for geometric-mean), harker, llsm, or lambda-max (smallest λmax)',
      ),
    )
    .option('--strict', 'exit with code 1 when a consistency ratio is 0.10 or more');
}
