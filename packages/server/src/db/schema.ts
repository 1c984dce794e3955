/**
 * The Drizzle description of the tables that `migrations/*.sql` create (the SQL is the source of
 * truth; `test/schema.test.ts` checks that every column here exists there with the same type).
 * Money is `bigint` minor units (JavaScript `bigint`) beside a currency; dates are `YYYY-MM-DD`.
 */
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
};
