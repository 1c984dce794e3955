/**
 * The AHP options shared by `ahp`, `ahp-group` and `hierarchy` (SPEC §10); allowed values and
 * defaults come from core's `ahpOptionsSchema`.
 */
import type { IncompleteMethod, LambdaRule, PriorityMethod, RiTableName } from '@scf-risk/core/ahp';
import { ahpAnalysisSchema, ahpOptionsSchema, JUDGMENT_SCALES } from '@scf-risk/core/ahp';
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

/** The flags of the analyses beside the weights, as commander passes them. */
export interface AnalysisCliOptions {
  consensus?: boolean;
  scales?: string | boolean;
  uncertainty: string;
  seed: string;
  perturbation: string;
  step: string;
  factor: string;
}

/** Add `--scales`, `--uncertainty`, `--seed`, `--perturbation`, `--step`, `--factor` (and `--consensus` for panels). */
export function addAnalysisOptions(cmd: Command, panel: boolean): Command {
  if (panel)
    cmd.option('--consensus', "Goepel's group consensus S* of the experts' priorities, and the experts whose removal raises it most");
  return cmd
    .option('--scales [list]', `the judgments read on other scales, comma-separated, or all (${JUDGMENT_SCALES.join(', ')})`)
    .addOption(
      flagOf(ahpAnalysisSchema, 'uncertainty', '--uncertainty <draws>', 'random variations of every judgment: number of draws (0 = none)'),
    )
    .addOption(flagOf(ahpAnalysisSchema, 'seed', '--seed <n>', 'seed of the random variations'))
    .addOption(
      flagOf(
        ahpAnalysisSchema,
        'perturbation',
        '--perturbation <rule>',
        'step (±δ on the 1–9 scale) or log-uniform (× a factor in [1/f, f])',
      ),
    )
    .addOption(flagOf(ahpAnalysisSchema, 'step', '--step <δ>', 'δ of the step rule'))
    .addOption(flagOf(ahpAnalysisSchema, 'factor', '--factor <f>', 'f of the log-uniform rule'));
}

/** The analysis flags as the options of core's runners (`scales` as a list, numbers as numbers); the runner checks them (errors name the option). */
export function analysisFlags(opts: AnalysisCliOptions) {
  const list =
    opts.scales === undefined || opts.scales === false
      ? undefined
      : opts.scales === true || opts.scales === 'all'
        ? [...JUDGMENT_SCALES]
        : opts.scales.split(',').map((x) => x.trim());
  const num = (x: string) => (x.trim() === '' ? Number.NaN : Number(x));
  return {
    consensus: opts.consensus === true,
    ...(list ? { scales: list } : {}),
    uncertainty: num(opts.uncertainty),
    seed: num(opts.seed),
    perturbation: opts.perturbation,
    step: num(opts.step),
    factor: num(opts.factor),
  };
}

/** The AHP flags as the options of core's runners. */
export function ahpFlags(opts: AhpCliOptions) {
  return { method: opts.method, ri: opts.ri, lambda: opts.lambda, incompleteMethod: opts.incompleteMethod };
}
