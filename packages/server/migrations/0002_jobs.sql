-- Long work as jobs (study runs, portfolio evaluations, tree training, the daily monitoring run):
-- one row per job, whichever queue runs it (pg-boss on PostgreSQL, in-process on PGlite).
-- A worker claims a job by moving it from 'queued' to 'running' in one UPDATE, so a job runs at
-- most once even if the queue delivers it twice.
CREATE TABLE jobs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind             text NOT NULL,
  input            json NOT NULL,
  status           text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress         double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  progress_message text,
  result           json,
  problem          jsonb,
  cancel_requested boolean NOT NULL DEFAULT false,
  submitted_by     uuid REFERENCES users (id),
  submitted_by_name text NOT NULL,
  worker           text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_created_idx ON jobs (created_at DESC);
CREATE INDEX jobs_status_idx ON jobs (status, created_at);
