-- The incremental daily run (services/monitoring/incremental.ts): how each run was made and the
-- fingerprint of the classification settings it used (a run under other settings recomputes every loan).
ALTER TABLE monitoring_runs
  ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental')),
  ADD COLUMN recomputed_loans integer,
  ADD COLUMN settings_fingerprint text;
