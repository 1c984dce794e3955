/**
 * The AHP options shared by `ahp`, `ahp-group` and `hierarchy` (SPEC §10).
 */
import type { LambdaRule, PriorityMethod, RiTableName } from '@scf-risk/core';
import { PRIORITY_METHODS, RI_TABLE_NAMES } from '@scf-risk/core';
import { type Command, Option } from 'commander';

export interface AhpCliOptions {
  method: PriorityMethod;
  ri: RiTableName;
  lambda: LambdaRule;
  strict?: boolean;
}

/** Add `--method`, `--ri`, `--lambda` and `--strict`. */
export function addAhpOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--method <method>', 'priority method').choices([...PRIORITY_METHODS]).default('eigenvector'))
    .addOption(new Option('--ri <table>', 'random index table for CR').choices([...RI_TABLE_NAMES]).default('saaty'))
    .addOption(
      new Option('--lambda <rule>', 'λmax: exact eigenvalue, the (1/n)Σ(Aw)i/wi estimate, or auto (exact for eigenvector)')
        .choices(['auto', 'exact', 'mean'])
        .default('auto'),
    )
    .option('--strict', 'exit with code 1 when a consistency ratio is 0.10 or more');
}
