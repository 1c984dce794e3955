/** The job kinds this server runs, registered at load (another module may register more: registry.ts). */
import { registerJobKind } from '../registry.ts';
import { portfolioEvaluation } from './portfolio-evaluation.ts';
import { studyRun } from './study-run.ts';
import { treeTraining } from './tree-training.ts';
import { treeValidation } from './tree-validation.ts';

registerJobKind('study-run', studyRun);
registerJobKind('portfolio-evaluation', portfolioEvaluation);
registerJobKind('tree-training', treeTraining);
registerJobKind('tree-validation', treeValidation);
