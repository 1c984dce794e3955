-- 0001_initial: the lending system's tables (SPEC §6.1, §6.2, §7).
-- Money: bigint minor units beside a currency code; dates: date; ids: uuid.
-- Committed migrations never change: a new change is a new file (the runner checks checksums).

-- Users and sessions --------------------------------------------------------------------------

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'risk-officer', 'credit-officer', 'expert', 'auditor')),
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A session is found by the SHA-256 of its cookie token: the table never holds a usable token.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The supply chain ----------------------------------------------------------------------------

CREATE TABLE enterprises (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('core', 'sme-supplier', 'sme-distributor', 'logistics', 'platform', 'bank')),
  industry    text NOT NULL CHECK (length(industry) BETWEEN 1 AND 100),
  region      text,
  credit_code text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_kind_idx ON enterprises (kind);

CREATE TABLE supply_chain_links (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  buyer_id            uuid NOT NULL REFERENCES enterprises (id),
  seller_id           uuid NOT NULL REFERENCES enterprises (id),
  since               date NOT NULL,
  frequency           text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'occasional')),
  annual_volume_minor bigint NOT NULL CHECK (annual_volume_minor >= 0),
  currency            char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (buyer_id <> seller_id),
  UNIQUE (buyer_id, seller_id)
);
CREATE INDEX links_seller_idx ON supply_chain_links (seller_id);

-- Financing --------------------------------------------------------------------------------------

CREATE TABLE financing_products (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  kind       text NOT NULL CHECK (kind IN ('receivables', 'inventory-pledge', 'prepayment', 'e-order')),
  name       text NOT NULL,
  currency   char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applications (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id      uuid NOT NULL REFERENCES enterprises (id),
  product_id         uuid NOT NULL REFERENCES financing_products (id),
  core_enterprise_id uuid REFERENCES enterprises (id),
  amount_minor       bigint NOT NULL CHECK (amount_minor > 0),
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  term_months        integer NOT NULL CHECK (term_months BETWEEN 1 AND 360),
  indicators         jsonb NOT NULL DEFAULT '{}'::jsonb,
  status             text NOT NULL DEFAULT 'submitted'
                     CHECK (status IN ('submitted', 'evaluated', 'approved', 'declined', 'withdrawn')),
  submitted_on       date NOT NULL,
  created_by         uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_enterprise_idx ON applications (enterprise_id);

CREATE TABLE loans (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid UNIQUE REFERENCES applications (id),
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id),
  product_id     uuid NOT NULL REFERENCES financing_products (id),
  principal_minor bigint NOT NULL CHECK (principal_minor > 0),
  currency       char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  annual_rate    numeric(9, 6) NOT NULL CHECK (annual_rate >= 0 AND annual_rate < 1),
  term_months    integer NOT NULL CHECK (term_months BETWEEN 1 AND 360),
  disbursed_on   date NOT NULL,
  maturity_on    date NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'repaid', 'defaulted', 'written-off')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (maturity_on > disbursed_on)
);
CREATE INDEX loans_enterprise_idx ON loans (enterprise_id);
CREATE INDEX loans_product_idx ON loans (product_id);

CREATE TABLE repayment_schedule (
  loan_id         uuid NOT NULL REFERENCES loans (id),
  seq             integer NOT NULL CHECK (seq >= 1),
  due_on          date NOT NULL,
  principal_minor bigint NOT NULL CHECK (principal_minor >= 0),
  interest_minor  bigint NOT NULL CHECK (interest_minor >= 0),
  PRIMARY KEY (loan_id, seq)
);

CREATE TABLE repayments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  loan_id      uuid NOT NULL REFERENCES loans (id),
  paid_on      date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  source       text NOT NULL DEFAULT 'bank' CHECK (source IN ('bank', 'platform', 'logistics')),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX repayments_loan_idx ON repayments (loan_id, paid_on);

-- Collateral -------------------------------------------------------------------------------------

CREATE TABLE collateral (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  loan_id           uuid REFERENCES loans (id),
  enterprise_id     uuid NOT NULL REFERENCES enterprises (id),
  commodity         text NOT NULL,
  quantity          numeric(20, 4) NOT NULL CHECK (quantity > 0),
  unit              text NOT NULL,
  haircut           numeric(5, 4) NOT NULL CHECK (haircut >= 0 AND haircut < 1),
  warehouse_receipt text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collateral_loan_idx ON collateral (loan_id);

-- One price per commodity, day and currency (the unit is the collateral's unit).
CREATE TABLE commodity_prices (
  commodity        text NOT NULL,
  price_on         date NOT NULL,
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  PRIMARY KEY (commodity, currency, price_on)
);

-- Haircuts change over time (they may follow the price volatility, SPEC §6.4): the history.
CREATE TABLE collateral_haircuts (
  collateral_id uuid NOT NULL REFERENCES collateral (id),
  effective_on  date NOT NULL,
  haircut       numeric(5, 4) NOT NULL CHECK (haircut >= 0 AND haircut < 1),
  PRIMARY KEY (collateral_id, effective_on)
);

-- Trade events from the bank, the platform and the logistics company (SPEC §6.9) ----------------

CREATE TABLE trade_events (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trade_ref    text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('order', 'invoice', 'payment', 'shipment', 'warehouse-receipt')),
  source       text NOT NULL CHECK (source IN ('bank', 'platform', 'logistics')),
  buyer_id     uuid REFERENCES enterprises (id),
  seller_id    uuid REFERENCES enterprises (id),
  occurred_on  date NOT NULL,
  amount_minor bigint CHECK (amount_minor >= 0),
  currency     char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  commodity    text,
  quantity     numeric(20, 4),
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((amount_minor IS NULL) = (currency IS NULL))
);
CREATE INDEX trade_events_ref_idx ON trade_events (trade_ref);
CREATE INDEX trade_events_seller_idx ON trade_events (seller_id, occurred_on);

-- Models as versioned data -------------------------------------------------------------------------

-- Immutable: a change is a new version (trigger below). Activation lives in active_models.
CREATE TABLE model_versions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind       text NOT NULL CHECK (kind IN ('indicator-system', 'weights', 'scoring-rule', 'credit-tree', 'study')),
  product_id uuid NOT NULL REFERENCES financing_products (id),
  version    integer NOT NULL CHECK (version >= 1),
  content    jsonb NOT NULL,
  note       text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, kind, version)
);

-- At most one active version per product and kind.
CREATE TABLE active_models (
  product_id       uuid NOT NULL REFERENCES financing_products (id),
  kind             text NOT NULL,
  model_version_id uuid NOT NULL REFERENCES model_versions (id),
  activated_by     uuid NOT NULL REFERENCES users (id),
  activated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (product_id, kind)
);

-- Pre-loan evaluations and decisions (SPEC §6.2) ---------------------------------------------------

CREATE TABLE evaluations (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id     uuid NOT NULL REFERENCES applications (id),
  model_version_id   uuid NOT NULL REFERENCES model_versions (id),
  tree_version_id    uuid REFERENCES model_versions (id),
  score              double precision NOT NULL,
  recommendation     text NOT NULL CHECK (recommendation IN ('approve', 'review', 'decline')),
  credit_limit_minor bigint NOT NULL CHECK (credit_limit_minor >= 0),
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  explanation        jsonb NOT NULL,
  created_by         uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluations_application_idx ON evaluations (application_id);

-- One decision per application: of two simultaneous decisions exactly one is inserted.
CREATE TABLE decisions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id     uuid NOT NULL UNIQUE REFERENCES applications (id),
  evaluation_id      uuid NOT NULL REFERENCES evaluations (id),
  decision           text NOT NULL CHECK (decision IN ('approve', 'decline')),
  credit_limit_minor bigint NOT NULL CHECK (credit_limit_minor >= 0),
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason             text,
  decided_by         uuid NOT NULL REFERENCES users (id),
  decided_at         timestamptz NOT NULL DEFAULT now()
);

-- The audit log: append-only, enforced here --------------------------------------------------------

CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   uuid REFERENCES users (id),
  actor      text NOT NULL,
  entity     text NOT NULL,
  entity_id  text NOT NULL,
  action     text NOT NULL,
  before     jsonb,
  after      jsonb,
  request_id text
);
CREATE INDEX audit_entity_idx ON audit_log (entity, entity_id);

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % rejected', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();

CREATE TRIGGER model_versions_immutable
  BEFORE UPDATE OR DELETE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER model_versions_no_truncate
  BEFORE TRUNCATE ON model_versions
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
