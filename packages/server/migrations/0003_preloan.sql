-- 0003_preloan: what pre-loan evaluation and loan writes need beyond 0001 (SPEC §6.1, §6.2).

-- An evaluation uses a scoring rule (model_version_id), weights (weights_version_id) and, when one
-- is active, a credit tree (tree_version_id): all three are recorded so it can be reproduced.
ALTER TABLE evaluations ADD COLUMN weights_version_id uuid REFERENCES model_versions (id);

-- How a loan's schedule was generated (null for loans loaded with a schedule of their own).
ALTER TABLE loans ADD COLUMN schedule_kind text CHECK (schedule_kind IN ('equal-instalment', 'equal-principal', 'bullet'));

-- The latest evaluation of an application is what a decision refers to.
CREATE INDEX evaluations_created_idx ON evaluations (application_id, created_at DESC);
