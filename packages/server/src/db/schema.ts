/**
 * The Drizzle description of the tables that `migrations/*.sql` create (the SQL is the source of
 * truth; `test/schema.test.ts` checks that every column here exists there with the same type).
 * Money is `bigint` minor units (JavaScript `bigint`) beside a currency; dates are `YYYY-MM-DD`.
 */

import type { AlertText } from '@scf-risk/core';
import type { MessageText } from '@scf-risk/report';
import {
  bigint,
  boolean,
  char,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const money = (name: string) => bigint(name, { mode: 'bigint' });
const currency = () => char('currency', { length: 3 });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });

export const ROLES = ['admin', 'risk-officer', 'credit-officer', 'expert', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const ENTERPRISE_KINDS = ['core', 'sme-supplier', 'sme-distributor', 'logistics', 'platform', 'bank'] as const;
export const LINK_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'occasional'] as const;
export const PRODUCT_KINDS = ['receivables', 'inventory-pledge', 'prepayment', 'e-order'] as const;
export const APPLICATION_STATUSES = ['submitted', 'evaluated', 'approved', 'declined', 'withdrawn'] as const;
export const LOAN_STATUSES = ['active', 'repaid', 'defaulted', 'written-off'] as const;
export const EVENT_SOURCES = ['bank', 'platform', 'logistics'] as const;
export const TRADE_EVENT_KINDS = ['order', 'invoice', 'payment', 'shipment', 'warehouse-receipt'] as const;
export const MODEL_KINDS = ['indicator-system', 'weights', 'scoring-rule', 'credit-tree', 'study'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ENTERPRISE_KINDS }).notNull(),
  industry: text('industry').notNull(),
  region: text('region'),
  creditCode: text('credit_code'),
  createdAt: createdAt(),
});

export const supplyChainLinks = pgTable('supply_chain_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  buyerId: uuid('buyer_id').notNull(),
  sellerId: uuid('seller_id').notNull(),
  since: day('since').notNull(),
  frequency: text('frequency', { enum: LINK_FREQUENCIES }).notNull(),
  annualVolumeMinor: money('annual_volume_minor').notNull(),
  currency: currency().notNull(),
  createdAt: createdAt(),
});

export const financingProducts = pgTable('financing_products', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
  name: text('name').notNull(),
  currency: currency().notNull(),
  createdAt: createdAt(),
});

export const applications = pgTable('applications', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  productId: uuid('product_id').notNull(),
  coreEnterpriseId: uuid('core_enterprise_id'),
  amountMinor: money('amount_minor').notNull(),
  currency: currency().notNull(),
  termMonths: integer('term_months').notNull(),
  indicators: jsonb('indicators').$type<Record<string, number>>().notNull(),
  status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('submitted'),
  submittedOn: day('submitted_on').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const loans = pgTable('loans', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id'),
  enterpriseId: uuid('enterprise_id').notNull(),
  productId: uuid('product_id').notNull(),
  principalMinor: money('principal_minor').notNull(),
  currency: currency().notNull(),
  /** A decimal string such as "0.045000" (exact; never a float). */
  annualRate: numeric('annual_rate', { precision: 9, scale: 6 }).notNull(),
  termMonths: integer('term_months').notNull(),
  disbursedOn: day('disbursed_on').notNull(),
  maturityOn: day('maturity_on').notNull(),
  status: text('status', { enum: LOAN_STATUSES }).notNull().default('active'),
  /** How the schedule was generated (0003_preloan); null for loans loaded with their own schedule. */
  scheduleKind: text('schedule_kind', { enum: ['equal-instalment', 'equal-principal', 'bullet'] }),
  createdAt: createdAt(),
});

export const repaymentSchedule = pgTable(
  'repayment_schedule',
  {
    loanId: uuid('loan_id').notNull(),
    seq: integer('seq').notNull(),
    dueOn: day('due_on').notNull(),
    principalMinor: money('principal_minor').notNull(),
    interestMinor: money('interest_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.seq] })],
);

export const repayments = pgTable('repayments', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id').notNull(),
  paidOn: day('paid_on').notNull(),
  amountMinor: money('amount_minor').notNull(),
  currency: currency().notNull(),
  source: text('source', { enum: EVENT_SOURCES }).notNull().default('bank'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const collateral = pgTable('collateral', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id'),
  enterpriseId: uuid('enterprise_id').notNull(),
  commodity: text('commodity').notNull(),
  quantity: numeric('quantity', { precision: 20, scale: 4 }).notNull(),
  unit: text('unit').notNull(),
  haircut: numeric('haircut', { precision: 5, scale: 4 }).notNull(),
  warehouseReceipt: text('warehouse_receipt'),
  createdAt: createdAt(),
});

export const commodityPrices = pgTable(
  'commodity_prices',
  {
    commodity: text('commodity').notNull(),
    priceOn: day('price_on').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    currency: currency().notNull(),
  },
  (t) => [primaryKey({ columns: [t.commodity, t.currency, t.priceOn] })],
);

export const collateralHaircuts = pgTable(
  'collateral_haircuts',
  {
    collateralId: uuid('collateral_id').notNull(),
    effectiveOn: day('effective_on').notNull(),
    haircut: numeric('haircut', { precision: 5, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.collateralId, t.effectiveOn] })],
);

export const tradeEvents = pgTable('trade_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  tradeRef: text('trade_ref').notNull(),
  kind: text('kind', { enum: TRADE_EVENT_KINDS }).notNull(),
  source: text('source', { enum: EVENT_SOURCES }).notNull(),
  buyerId: uuid('buyer_id'),
  sellerId: uuid('seller_id'),
  occurredOn: day('occurred_on').notNull(),
  amountMinor: money('amount_minor'),
  currency: currency(),
  commodity: text('commodity'),
  quantity: numeric('quantity', { precision: 20, scale: 4 }),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const modelVersions = pgTable('model_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: MODEL_KINDS }).notNull(),
  productId: uuid('product_id').notNull(),
  version: integer('version').notNull(),
  content: jsonb('content').$type<unknown>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
});

export const activeModels = pgTable(
  'active_models',
  {
    productId: uuid('product_id').notNull(),
    kind: text('kind', { enum: MODEL_KINDS }).notNull(),
    modelVersionId: uuid('model_version_id').notNull(),
    activatedBy: uuid('activated_by').notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.kind] })],
);

export const evaluations = pgTable('evaluations', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  modelVersionId: uuid('model_version_id').notNull(),
  treeVersionId: uuid('tree_version_id'),
  /** The weights version the evaluation used (0003_preloan). */
  weightsVersionId: uuid('weights_version_id'),
  score: doublePrecision('score').notNull(),
  recommendation: text('recommendation', { enum: ['approve', 'review', 'decline'] }).notNull(),
  creditLimitMinor: money('credit_limit_minor').notNull(),
  currency: currency().notNull(),
  explanation: jsonb('explanation').$type<unknown>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const decisions = pgTable('decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id').notNull(),
  evaluationId: uuid('evaluation_id').notNull(),
  decision: text('decision', { enum: ['approve', 'decline'] }).notNull(),
  creditLimitMinor: money('credit_limit_minor').notNull(),
  currency: currency().notNull(),
  reason: text('reason'),
  decidedBy: uuid('decided_by').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actor: text('actor').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  action: text('action').notNull(),
  before: jsonb('before').$type<unknown>(),
  after: jsonb('after').$type<unknown>(),
  requestId: text('request_id'),
});

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  input: json('input').$type<unknown>().notNull(),
  status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
  progress: doublePrecision('progress').notNull().default(0),
  progressMessage: text('progress_message'),
  progressText: jsonb('progress_text').$type<MessageText>(),
  result: json('result').$type<unknown>(),
  problem: jsonb('problem').$type<unknown>(),
  cancelRequested: boolean('cancel_requested').notNull().default(false),
  submittedBy: uuid('submitted_by'),
  submittedByName: text('submitted_by_name').notNull(),
  worker: text('worker'),
  createdAt: createdAt(),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const QUESTIONNAIRE_KINDS = ['pairwise', 'delphi'] as const;
export const QUESTIONNAIRE_STATUSES = ['open', 'closed'] as const;
export const QUESTIONNAIRE_SCALES = ['1-3-5', '1-5', '1-10'] as const;

/** Expert questionnaires (migration 0005): pairwise (group AHP) or Delphi. */
export const questionnaires = pgTable('questionnaires', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: QUESTIONNAIRE_KINDS }).notNull(),
  title: text('title').notNull(),
  description: text('description'),
  content: jsonb('content').$type<unknown>().notNull(),
  options: jsonb('options').$type<Record<string, unknown>>().notNull(),
  scale: text('scale', { enum: QUESTIONNAIRE_SCALES }),
  status: text('status', { enum: QUESTIONNAIRE_STATUSES }).notNull().default('open'),
  currentRound: integer('current_round').notNull().default(1),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
});

/** One expert's invitation: the SHA-256 of the link token, optionally a user of role expert. */
export const questionnaireInvitations = pgTable('questionnaire_invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  questionnaireId: uuid('questionnaire_id').notNull(),
  label: text('label').notNull(),
  userId: uuid('user_id'),
  weight: doublePrecision('weight').notNull().default(1),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: createdAt(),
});

export const questionnaireRounds = pgTable(
  'questionnaire_rounds',
  {
    questionnaireId: uuid('questionnaire_id').notNull(),
    number: integer('number').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    openedBy: uuid('opened_by').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedBy: uuid('closed_by'),
    statistics: jsonb('statistics').$type<unknown>(),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.number] })],
);

/** Answers per invitation and round, never overwritten (a trigger rejects UPDATE and DELETE). */
export const questionnaireAnswers = pgTable('questionnaire_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  invitationId: uuid('invitation_id').notNull(),
  questionnaireId: uuid('questionnaire_id').notNull(),
  round: integer('round').notNull(),
  content: jsonb('content').$type<unknown>().notNull(),
  submittedBy: uuid('submitted_by'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// Post-loan monitoring (migration 0004) --------------------------------------------------------

export const LOAN_CATEGORY_VALUES = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'] as const;
export const NPL_SNAPSHOT_DIMENSIONS = ['total', 'product', 'pool', 'core', 'industry'] as const;
export const SEVERITY_VALUES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export const monitoringSettings = pgTable('monitoring_settings', {
  id: text('id').primaryKey(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const monitoringRuns = pgTable('monitoring_runs', {
  asOf: day('as_of').primaryKey(),
  status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  error: text('error'),
  runBy: text('run_by').notNull(),
  runs: integer('runs').notNull().default(1),
  /** `incremental`: only the loans that may have moved since the previous run were recomputed (migration 0006). */
  mode: text('mode', { enum: ['full', 'incremental'] })
    .notNull()
    .default('full'),
  recomputedLoans: integer('recomputed_loans'),
  settingsFingerprint: text('settings_fingerprint'),
});

export const classificationOverrides = pgTable('classification_overrides', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id').notNull(),
  effectiveOn: day('effective_on').notNull(),
  category: text('category', { enum: LOAN_CATEGORY_VALUES }).notNull(),
  floor: text('floor', { enum: LOAN_CATEGORY_VALUES }).notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by'),
  decidedByName: text('decided_by_name').notNull(),
  createdAt: createdAt(),
});

export const loanClassifications = pgTable(
  'loan_classifications',
  {
    asOf: day('as_of').notNull(),
    loanId: uuid('loan_id').notNull(),
    category: text('category', { enum: LOAN_CATEGORY_VALUES }).notNull(),
    floor: text('floor', { enum: LOAN_CATEGORY_VALUES }).notNull(),
    basis: text('basis', { enum: ['days', 'override', 'borrower'] }).notNull(),
    pastDueDays: integer('past_due_days').notNull(),
    delinquentDays: integer('delinquent_days').notNull(),
    overduePrincipalMinor: money('overdue_principal_minor').notNull(),
    overdueInterestMinor: money('overdue_interest_minor').notNull(),
    overdueFeesMinor: money('overdue_fees_minor').notNull(),
    overduePenaltyMinor: money('overdue_penalty_minor').notNull(),
    balanceMinor: money('balance_minor').notNull(),
    overrideId: uuid('override_id'),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.asOf] })],
);

export const nplSnapshots = pgTable(
  'npl_snapshots',
  {
    asOf: day('as_of').notNull(),
    dimension: text('dimension', { enum: NPL_SNAPSHOT_DIMENSIONS }).notNull(),
    groupKey: text('group_key').notNull(),
    loans: integer('loans').notNull(),
    normalMinor: money('normal_minor').notNull(),
    specialMentionMinor: money('special_mention_minor').notNull(),
    substandardMinor: money('substandard_minor').notNull(),
    doubtfulMinor: money('doubtful_minor').notNull(),
    lossMinor: money('loss_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.dimension, t.groupKey] })],
);

export const collateralValuations = pgTable(
  'collateral_valuations',
  {
    asOf: day('as_of').notNull(),
    loanId: uuid('loan_id').notNull(),
    exposureMinor: money('exposure_minor').notNull(),
    marketValueMinor: money('market_value_minor').notNull(),
    pledgeValueMinor: money('pledge_value_minor').notNull(),
    lendingValueMinor: money('lending_value_minor').notNull(),
    ltv: doublePrecision('ltv'),
    trigger: text('trigger', { enum: ['none', 'warning', 'margin-call', 'liquidation'] }).notNull(),
    status: text('status', { enum: ['performing', 'warning', 'called', 'liquidation'] }).notNull(),
    shortfallMinor: money('shortfall_minor').notNull(),
    state: jsonb('state').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.loanId] })],
);

export const marginAccounts = pgTable('margin_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  loanId: uuid('loan_id').notNull(),
  openedOn: day('opened_on').notNull(),
  cashMinor: money('cash_minor').notNull(),
  collateralMinor: money('collateral_minor').notNull(),
  terms: jsonb('terms').$type<unknown>().notNull(),
  indexParameters: jsonb('index_parameters').$type<unknown>().notNull(),
  createdAt: createdAt(),
});

export const marginAccountEvents = pgTable('margin_account_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  type: text('type', { enum: ['deposit', 'withdrawal', 'collateral'] }).notNull(),
  onDate: day('on_date').notNull(),
  amountMinor: money('amount_minor').notNull(),
  createdAt: createdAt(),
});

export const marginTradingDays = pgTable(
  'margin_trading_days',
  {
    accountId: uuid('account_id').notNull(),
    onDate: day('on_date').notNull(),
    volumeMinor: money('volume_minor').notNull(),
    onTimeShare: doublePrecision('on_time_share').notNull(),
    returnShare: doublePrecision('return_share').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.onDate] })],
);

export const marginAccountStates = pgTable(
  'margin_account_states',
  {
    asOf: day('as_of').notNull(),
    accountId: uuid('account_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    status: text('status', { enum: ['active', 'called', 'frozen', 'defaulted'] }).notNull(),
    indexValue: doublePrecision('index_value').notNull(),
    initialMinor: money('initial_minor').notNull(),
    maintenanceMinor: money('maintenance_minor').notNull(),
    coverMinor: money('cover_minor').notNull(),
    state: jsonb('state').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.accountId] })],
);

export const marginCalls = pgTable(
  'margin_calls',
  {
    asOf: day('as_of').notNull(),
    accountId: uuid('account_id').notNull(),
    callId: text('call_id').notNull(),
    loanId: uuid('loan_id').notNull(),
    issuedOn: day('issued_on').notNull(),
    deadline: day('deadline').notNull(),
    amountMinor: money('amount_minor').notNull(),
    status: text('status', { enum: ['open', 'met', 'frozen', 'defaulted'] }).notNull(),
    closedOn: day('closed_on'),
    inputs: jsonb('inputs').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.accountId, t.callId] })],
);

export const stopLossPools = pgTable('stop_loss_pools', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  maxNplRatio: doublePrecision('max_npl_ratio').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const poolMembers = pgTable('pool_members', {
  enterpriseId: uuid('enterprise_id').primaryKey(),
  poolId: uuid('pool_id').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const poolLedger = pgTable('pool_ledger', {
  id: uuid('id').primaryKey().defaultRandom(),
  poolId: uuid('pool_id').notNull(),
  onDate: day('on_date').notNull(),
  profitMinor: money('profit_minor').notNull(),
  lossesMinor: money('losses_minor').notNull(),
  note: text('note'),
  createdAt: createdAt(),
});

export const poolStates = pgTable(
  'pool_states',
  {
    asOf: day('as_of').notNull(),
    poolId: uuid('pool_id').notNull(),
    status: text('status', { enum: ['open', 'stopped', 'recovering'] }).notNull(),
    state: jsonb('state').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.poolId] })],
);

export const poolTransitions = pgTable(
  'pool_transitions',
  {
    asOf: day('as_of').notNull(),
    poolId: uuid('pool_id').notNull(),
    seq: integer('seq').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull(),
    figures: jsonb('figures').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.poolId, t.seq] })],
);

export const alertRules = pgTable('alert_rules', {
  id: text('id').primaryKey(),
  rule: jsonb('rule').$type<unknown>().notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const alerts = pgTable('alerts', {
  id: text('id').primaryKey(),
  ruleId: text('rule_id').notNull(),
  subjectId: text('subject_id').notNull(),
  severity: text('severity', { enum: SEVERITY_VALUES }).notNull(),
  openedOn: day('opened_on').notNull(),
  message: text('message').notNull(),
  messageText: jsonb('message_text').$type<AlertText>(),
  inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['open', 'acknowledged', 'resolved'] }).notNull(),
  owner: text('owner'),
  history: jsonb('history').$type<unknown[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  minSeverity: text('min_severity', { enum: SEVERITY_VALUES }).notNull().default('info'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  webhookId: uuid('webhook_id').notNull(),
  alertId: text('alert_id').notNull(),
  event: text('event').notNull(),
  payload: jsonb('payload').$type<unknown>().notNull(),
  status: text('status', { enum: ['pending', 'delivered', 'failed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

export const enterpriseBuffers = pgTable('enterprise_buffers', {
  enterpriseId: uuid('enterprise_id').primaryKey(),
  equityMinor: money('equity_minor').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const reconciliationImports = pgTable('reconciliation_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  importedBy: uuid('imported_by'),
  tolerances: jsonb('tolerances').$type<unknown>().notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  createdAt: createdAt(),
});

export const reconciliationMismatches = pgTable('reconciliation_mismatches', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  importId: uuid('import_id').notNull(),
  tradeId: text('trade_id').notNull(),
  type: text('type').notNull(),
  finding: jsonb('finding').$type<unknown>().notNull(),
  alertId: text('alert_id'),
});

/** Every table, for `drizzle(…, { schema })` and the schema check. */
export const tables = {
  users,
  sessions,
  enterprises,
  supplyChainLinks,
  financingProducts,
  applications,
  loans,
  repaymentSchedule,
  repayments,
  collateral,
  commodityPrices,
  collateralHaircuts,
  tradeEvents,
  modelVersions,
  activeModels,
  evaluations,
  decisions,
  auditLog,
  jobs,
  questionnaires,
  questionnaireInvitations,
  questionnaireRounds,
  questionnaireAnswers,
  monitoringSettings,
  monitoringRuns,
  classificationOverrides,
  loanClassifications,
  nplSnapshots,
  collateralValuations,
  marginAccounts,
  marginAccountEvents,
  marginTradingDays,
  marginAccountStates,
  marginCalls,
  stopLossPools,
  poolMembers,
  poolLedger,
  poolStates,
  poolTransitions,
  alertRules,
  alerts,
  webhooks,
  webhookDeliveries,
  enterpriseBuffers,
  reconciliationImports,
  reconciliationMismatches,
};
