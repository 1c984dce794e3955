-- 0004_monitoring: post-loan monitoring (SPEC §6.3–§6.10). Inputs (overrides, pools, margin
-- accounts, rules, webhooks, buffers) are kept as entered; derived rows (classifications, NPL
-- snapshots, valuations, account and pool states, calls) are keyed by their as-of date and replaced
-- as a whole when that date is run again or replayed. Derived tables carry no foreign keys: they are
-- written 100,000 rows at a time and only by the monitoring run.

-- Settings: one document (day bands, grace days, LTV levels, cure days); defaults in code when absent.
CREATE TABLE monitoring_settings (
  id         text PRIMARY KEY CHECK (id = 'default'),
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per date: the last run of that date (a failed run leaves the store as it was and says so here).
CREATE TABLE monitoring_runs (
  as_of       date PRIMARY KEY,
  status      text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
  error       text,
  run_by      text NOT NULL,
  runs        integer NOT NULL DEFAULT 1
);

-- Classification ------------------------------------------------------------------------------

-- An analyst's category from a date on: never better than the day floor (checked by core on entry).
CREATE TABLE classification_overrides (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  loan_id      uuid NOT NULL REFERENCES loans (id),
  effective_on date NOT NULL,
  category     text NOT NULL CHECK (category IN ('normal', 'special-mention', 'substandard', 'doubtful', 'loss')),
  floor        text NOT NULL CHECK (floor IN ('normal', 'special-mention', 'substandard', 'doubtful', 'loss')),
  reason       text NOT NULL CHECK (length(btrim(reason)) > 0),
  decided_by   uuid REFERENCES users (id),
  decided_by_name text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classification_overrides_loan_idx ON classification_overrides (loan_id, effective_on);

CREATE TABLE loan_classifications (
  as_of                   date NOT NULL,
  loan_id                 uuid NOT NULL,
  category                text NOT NULL,
  floor                   text NOT NULL,
  basis                   text NOT NULL CHECK (basis IN ('days', 'override', 'borrower')),
  past_due_days           integer NOT NULL,
  delinquent_days         integer NOT NULL,
  overdue_principal_minor bigint NOT NULL,
  overdue_interest_minor  bigint NOT NULL,
  overdue_fees_minor      bigint NOT NULL,
  overdue_penalty_minor   bigint NOT NULL,
  balance_minor           bigint NOT NULL,
  override_id             uuid,
  PRIMARY KEY (loan_id, as_of)
);
-- A date's rows are written together: a BRIN index finds them for a rerun at little cost per insert.
CREATE INDEX loan_classifications_date_idx ON loan_classifications USING brin (as_of);

-- Balance per category of each group (NPL = substandard + doubtful + loss; ratio on read).
CREATE TABLE npl_snapshots (
  as_of                 date NOT NULL,
  dimension             text NOT NULL CHECK (dimension IN ('total', 'product', 'pool', 'core', 'industry')),
  group_key             text NOT NULL,
  loans                 integer NOT NULL,
  normal_minor          bigint NOT NULL,
  special_mention_minor bigint NOT NULL,
  substandard_minor     bigint NOT NULL,
  doubtful_minor        bigint NOT NULL,
  loss_minor            bigint NOT NULL,
  PRIMARY KEY (as_of, dimension, group_key)
);

-- Collateral ----------------------------------------------------------------------------------

CREATE TABLE collateral_valuations (
  as_of               date NOT NULL,
  loan_id             uuid NOT NULL,
  exposure_minor      bigint NOT NULL,
  market_value_minor  bigint NOT NULL,
  pledge_value_minor  bigint NOT NULL,
  lending_value_minor bigint NOT NULL,
  ltv                 double precision,
  trigger             text NOT NULL CHECK (trigger IN ('none', 'warning', 'margin-call', 'liquidation')),
  status              text NOT NULL CHECK (status IN ('performing', 'warning', 'called', 'liquidation')),
  shortfall_minor     bigint NOT NULL,
  state               jsonb NOT NULL,
  PRIMARY KEY (as_of, loan_id)
);
CREATE INDEX collateral_valuations_loan_idx ON collateral_valuations (loan_id, as_of);

-- Mark-to-market margin ------------------------------------------------------------------------

CREATE TABLE margin_accounts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  loan_id          uuid NOT NULL UNIQUE REFERENCES loans (id),
  opened_on        date NOT NULL,
  cash_minor       bigint NOT NULL DEFAULT 0 CHECK (cash_minor >= 0),
  collateral_minor bigint NOT NULL DEFAULT 0 CHECK (collateral_minor >= 0),
  terms            jsonb NOT NULL,
  index_parameters jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE margin_account_events (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES margin_accounts (id),
  type         text NOT NULL CHECK (type IN ('deposit', 'withdrawal', 'collateral')),
  on_date      date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX margin_account_events_idx ON margin_account_events (account_id, on_date);

-- The SME's daily trading, the input of the transaction index.
CREATE TABLE margin_trading_days (
  account_id    uuid NOT NULL REFERENCES margin_accounts (id),
  on_date       date NOT NULL,
  volume_minor  bigint NOT NULL CHECK (volume_minor >= 0),
  on_time_share double precision NOT NULL CHECK (on_time_share BETWEEN 0 AND 1),
  return_share  double precision NOT NULL CHECK (return_share BETWEEN 0 AND 1),
  PRIMARY KEY (account_id, on_date)
);

CREATE TABLE margin_account_states (
  as_of            date NOT NULL,
  account_id       uuid NOT NULL,
  loan_id          uuid NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'called', 'frozen', 'defaulted')),
  index_value      double precision NOT NULL,
  initial_minor    bigint NOT NULL,
  maintenance_minor bigint NOT NULL,
  cover_minor      bigint NOT NULL,
  state            jsonb NOT NULL,
  PRIMARY KEY (as_of, account_id)
);
CREATE INDEX margin_account_states_idx ON margin_account_states (account_id, as_of);

-- Every call as it stood on the date, with the inputs it was computed from.
CREATE TABLE margin_calls (
  as_of        date NOT NULL,
  account_id   uuid NOT NULL,
  call_id      text NOT NULL,
  loan_id      uuid NOT NULL,
  issued_on    date NOT NULL,
  deadline     date NOT NULL,
  amount_minor bigint NOT NULL,
  status       text NOT NULL CHECK (status IN ('open', 'met', 'frozen', 'defaulted')),
  closed_on    date,
  inputs       jsonb NOT NULL,
  PRIMARY KEY (as_of, account_id, call_id)
);

-- Stop-loss pools ------------------------------------------------------------------------------

CREATE TABLE stop_loss_pools (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  max_npl_ratio double precision NOT NULL CHECK (max_npl_ratio > 0 AND max_npl_ratio < 1),
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- An SME belongs to at most one pool.
CREATE TABLE pool_members (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id),
  pool_id       uuid NOT NULL REFERENCES stop_loss_pools (id),
  added_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pool_members_pool_idx ON pool_members (pool_id);

-- The pool's profit and losses (recoveries, write-offs) as they are booked.
CREATE TABLE pool_ledger (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pool_id       uuid NOT NULL REFERENCES stop_loss_pools (id),
  on_date       date NOT NULL,
  profit_minor  bigint NOT NULL DEFAULT 0,
  losses_minor  bigint NOT NULL DEFAULT 0 CHECK (losses_minor >= 0),
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pool_ledger_idx ON pool_ledger (pool_id, on_date);

CREATE TABLE pool_states (
  as_of   date NOT NULL,
  pool_id uuid NOT NULL,
  status  text NOT NULL CHECK (status IN ('open', 'stopped', 'recovering')),
  state   jsonb NOT NULL,
  PRIMARY KEY (as_of, pool_id)
);
CREATE INDEX pool_states_idx ON pool_states (pool_id, as_of);

CREATE TABLE pool_transitions (
  as_of       date NOT NULL,
  pool_id     uuid NOT NULL,
  seq         integer NOT NULL,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  reason      text NOT NULL,
  figures     jsonb NOT NULL,
  PRIMARY KEY (as_of, pool_id, seq)
);

-- Early warning ----------------------------------------------------------------------------------

CREATE TABLE alert_rules (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  rule       jsonb NOT NULL,
  active     boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO alert_rules (id, rule, created_by) VALUES
  ('dpd-30', '{"id":"dpd-30","kind":"threshold","indicator":"daysPastDue","op":">=","value":30,"severity":"high","stage":"post-loan","description":"30 days or more past due"}', 'system'),
  ('ltv-margin-call', '{"id":"ltv-margin-call","kind":"threshold","indicator":"ltv","op":">=","value":0.8,"severity":"high","stage":"in-loan","description":"LTV at the margin-call level"}', 'system'),
  ('index-drop-10', '{"id":"index-drop-10","kind":"drop","indicator":"transactionIndex","by":0.1,"relative":true,"severity":"medium","stage":"in-loan","description":"transaction index down 10 % in a day"}', 'system'),
  ('margin-call', '{"id":"margin-call","kind":"event","eventType":"margin-call","severity":"high","stage":"in-loan","description":"a margin call was issued"}', 'system');

-- Alert id = rule/subject/date (core); one unresolved alert per rule and subject.
CREATE TABLE alerts (
  id         text PRIMARY KEY,
  rule_id    text NOT NULL,
  subject_id text NOT NULL,
  severity   text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  opened_on  date NOT NULL,
  message    text NOT NULL,
  inputs     jsonb NOT NULL,
  status     text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  owner      text,
  history    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alerts_one_unresolved_idx ON alerts (rule_id, subject_id) WHERE status <> 'resolved';
CREATE INDEX alerts_status_idx ON alerts (status, opened_on);
CREATE INDEX alerts_subject_idx ON alerts (subject_id, opened_on);

CREATE TABLE webhooks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url          text NOT NULL CHECK (url ~ '^https?://'),
  secret       text NOT NULL CHECK (length(secret) >= 16),
  min_severity text NOT NULL DEFAULT 'info' CHECK (min_severity IN ('info', 'low', 'medium', 'high', 'critical')),
  active       boolean NOT NULL DEFAULT true,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- The outbox: written in the transaction that opens the alert, sent after it commits.
CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  webhook_id      uuid NOT NULL REFERENCES webhooks (id),
  alert_id        text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  event           text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (status, next_attempt_at);

-- Contagion and reconciliation ----------------------------------------------------------------------

-- An enterprise's loss-absorbing buffer (equity) for DebtRank.
CREATE TABLE enterprise_buffers (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id),
  equity_minor  bigint NOT NULL CHECK (equity_minor > 0),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reconciliation_imports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  imported_by uuid REFERENCES users (id),
  tolerances  jsonb NOT NULL,
  counts      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reconciliation_mismatches (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES reconciliation_imports (id),
  trade_id  text NOT NULL,
  type      text NOT NULL,
  finding   jsonb NOT NULL,
  alert_id  text
);
CREATE INDEX reconciliation_mismatches_import_idx ON reconciliation_mismatches (import_id);
