/** The shapes the HTTP API answers with (see the server's routes and /docs/json). */
import type { MessageText } from '@scf-risk/report';
import type { Label } from './i18n.ts';

export type Role = 'admin' | 'risk-officer' | 'credit-officer' | 'expert' | 'auditor';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface Money {
  minor: string;
  currency: string;
}

export const ENTERPRISE_KINDS = ['core', 'sme-supplier', 'sme-distributor', 'logistics', 'platform', 'bank'] as const;

export interface Enterprise {
  id: string;
  name: string;
  kind: (typeof ENTERPRISE_KINDS)[number];
  industry: string;
  region: string | null;
  creditCode: string | null;
  createdAt: string;
}

export interface Product {
  id: string;
  code: string;
  kind: string;
  name: string;
  currency: string;
}

export interface Loan {
  id: string;
  applicationId: string | null;
  enterpriseId: string;
  productId: string;
  principal: Money;
  annualRate: string;
  termMonths: number;
  disbursedOn: string;
  maturityOn: string;
  status: 'active' | 'repaid' | 'defaulted' | 'written-off';
}

export interface LoanDetail extends Loan {
  schedule: { seq: number; dueOn: string; principal: Money; interest: Money }[];
  repayments: { id: string; paidOn: string; amount: Money; source: string }[];
  collateral: { id: string; commodity: string; quantity: string; unit: string; haircut: string; warehouseReceipt: string | null }[];
}

export type ModelKind = 'indicator-system' | 'weights' | 'scoring-rule' | 'credit-tree' | 'study';

export interface ModelVersion {
  id: string;
  kind: ModelKind;
  productId: string;
  version: number;
  content: unknown;
  note: string | null;
  createdBy: string;
  createdAt: string;
  active: boolean;
}

export interface TemplateSummary {
  name: string;
  title: { zh: string; en: string };
  source: string | null;
  leaves: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
}

/** A node of an indicator tree (the tree format); unknown fields are kept as they are. */
export interface TreeNode {
  code: string;
  name: Label;
  weight?: number;
  direction?: 'benefit' | 'cost';
  scorer?: 'expert' | 'officer';
  children?: TreeNode[];
  [k: string]: unknown;
}

export interface HierarchyResult {
  nodes: {
    code: string;
    name: Label;
    depth: number;
    parent?: string;
    leaf: boolean;
    localWeight: number | null;
    globalWeight: number | null;
  }[];
  [k: string]: unknown;
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
  consistent: boolean;
  inconsistentPairs: { i: number; j: number; value: number; suggested: number; crAfter: number }[];
}

export interface TopsisResult {
  closeness: number[];
  rank: number[];
  distanceToBest: number[];
  distanceToWorst: number[];
  weights: number[];
  labels: string[];
  alternatives: string[];
}

/** P(rank = k) of each alternative under Monte-Carlo weights (core's monteCarloRanks). */
export interface RankProbabilities {
  /** probabilities[i][k]: P(alternative i has rank k + 1). */
  probabilities: number[][];
  meanRank: number[];
  draws: number;
  seed: number;
  sampling: 'dirichlet' | 'experts';
  concentration?: number;
}

/** A TOPSIS input document (as a portfolio file is read into one). */
export interface TopsisDocument {
  alternatives: string[];
  labels: string[];
  matrix: number[][];
  weights: number[];
  directions?: ('benefit' | 'cost')[];
}

/** The result of a portfolio-evaluation job with method topsis. */
export interface PortfolioEvaluationResult {
  results: TopsisResult[];
  table?: { file: string; sheet?: string; input: TopsisDocument };
  rankProbabilities?: RankProbabilities[];
}

export interface Application {
  id: string;
  enterpriseId: string;
  productId: string;
  coreEnterpriseId: string | null;
  amount: Money;
  termMonths: number;
  indicators: Record<string, number>;
  status: 'submitted' | 'evaluated' | 'approved' | 'declined' | 'withdrawn';
  submittedOn: string;
  createdBy: string | null;
  createdAt: string;
}

export type TreeCondition =
  | { op: '='; value: string }
  | { op: 'in'; values: string[] }
  | { op: '<='; threshold: number }
  | { op: '>'; threshold: number };

export interface Evaluation {
  id: string;
  applicationId: string;
  models: { scoringRule: string; weights: string | null; creditTree: string | null };
  score: number;
  recommendation: 'approve' | 'review' | 'decline';
  creditLimit: Money;
  explanation: {
    grade: string;
    contributions: { code: string; value: number; score: number; weight: number; contribution: number }[];
    tree: {
      class: string;
      probabilities: Record<string, number>;
      path: { attribute: string; condition: TreeCondition; value: string | number | null }[];
    } | null;
    reasons: string[];
    /** The reasons as catalogue texts; absent on evaluations stored before them. */
    texts?: MessageText[];
  };
  createdBy: string | null;
  createdAt: string;
}

export interface Decision {
  id: string;
  decision: 'approve' | 'decline';
  creditLimit: Money;
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface ApplicationDetail extends Application {
  evaluations: Evaluation[];
  decision: Decision | null;
}

export interface QuestionnaireItem {
  code: string;
  name: Label;
}

export interface Questionnaire {
  id: string;
  kind: 'pairwise' | 'delphi';
  title: string;
  description: string | null;
  status: 'open' | 'closed';
  round: number;
  scale: '1-3-5' | '1-5' | '1-10' | null;
  comparisons: { node: string; name: Label; elements: QuestionnaireItem[] }[];
  indicators: QuestionnaireItem[];
  createdBy: string;
  createdAt: string;
}

export interface QuestionnaireProgress {
  round: number;
  status: 'open' | 'closed';
  invited: number;
  answered: number;
  invitations: { id: string; label: string; answered: boolean; answeredAt: string | null; roundsAnswered: number[] }[];
}

export interface DelphiStatistics {
  indicators: {
    indicator: string;
    label?: Label;
    mean: number;
    fullScoreFrequency: number;
    sd: number;
    cv: number;
    decision: 'keep' | 'discuss' | 'delete';
  }[];
  counts: { keep: number; discuss: number; delete: number };
  kendallW: number;
  chiSquare: number;
  df: number;
  p: number;
}

export type QuestionnaireResults =
  | {
      kind: 'pairwise';
      round: number;
      answered: number;
      consistent: boolean;
      nodes: { node: string; elements: string[]; weights: number[]; cr: number; consistent: boolean; inconsistentExperts: string[] }[];
      leaves: { code: string; name: Label; globalWeight: number | null }[];
    }
  | {
      kind: 'delphi';
      round: number;
      rounds: { round: number; closed: boolean; answered: number; statistics: DelphiStatistics | null }[];
    };

export interface ExpertView {
  invitation: { id: string; label: string };
  questionnaire: Questionnaire;
  answered: boolean;
  answer: { round: number; submittedAt: string; matrices?: Record<string, (number | null)[][]>; scores?: Record<string, number> } | null;
  feedback: { round: number; indicators: { indicator: string; mean: number; sd: number; fullScoreFrequency: number }[] } | null;
}

export interface PairwiseCheck {
  nodes: {
    node: string;
    elements: string[];
    cr: number;
    consistent: boolean;
    hints: { i: number; j: number; row: string; column: string; value: number; suggested: number; crAfter: number }[];
  }[];
}

/** GET /book/summary. */
export interface BookSummary {
  enterprises: number;
  loans: number;
  loansByStatus: Record<string, number>;
  latestRun: { asOf: string; balanceMinor: string; nplBalanceMinor: string; nplRatio: number | null } | null;
}

export interface MonitoringRun {
  asOf: string;
  status: 'succeeded' | 'failed';
  counts: Record<string, number>;
  error: string | null;
  runBy: string;
  /** incremental: only the loans that may have moved since the previous run were recomputed. */
  mode: 'full' | 'incremental';
  recomputedLoans: number | null;
}

export interface NplGroup {
  group: string;
  loans: number;
  balanceMinor: string;
  nplBalanceMinor: string;
  ratio: number | null;
  byCategoryMinor: Record<string, string>;
}

export interface Alert {
  id: string;
  ruleId: string;
  subjectId: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
  date: string;
  message: string;
  /** The message as a catalogue code and parameters (@scf-risk/report messages.ts); absent on older alerts. */
  text?: MessageText;
  status: 'open' | 'acknowledged' | 'resolved';
  owner: string | null;
  history: { date: string; action: string; by: string }[];
}

export interface SupplyLink {
  id: string;
  buyerId: string;
  sellerId: string;
}

export interface StressSide {
  balanceMinor: number;
  nplBalanceMinor: number;
  nplRatio: number | null;
  collateralCalls: number;
  liquidations: number;
  marginCalls: number;
  exposureAtRiskMinor: number;
  expectedLossMinor: number;
}

export interface Job<R = unknown> {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { fraction: number; message: string | null; text?: MessageText };
  problem: { title?: string; detail?: string; errors?: { path: string; message: string; allowed?: string }[] } | null;
  result?: R | null;
}

export interface CreditTreeNode {
  id: number;
  attribute?: string;
  n: number;
  class: string;
  children?: { condition: TreeCondition; node: CreditTreeNode }[];
}

/** The `tree-validation` job's result (core's validateTreeOn). */
export interface TreeValidationResult {
  rows: number;
  classes: string[];
  positiveClass: string;
  auc: number;
  ks: number;
  gini: number;
  report: { classes: string[]; confusion: number[][]; accuracy: number; macroF1: number; n: number };
}

export interface TreeTrainingResult {
  algorithm: string;
  classes: string[];
  rootGains: { attribute: string; gain: number; gainRatio: number }[];
  rules: string[];
  diagnostics: { rows: number; nodes: number; leaves: number; depth: number; prunedNodes: number };
  model: { root: CreditTreeNode; [k: string]: unknown };
}
