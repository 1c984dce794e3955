-- 0005_questionnaires: remote, anonymous expert questionnaires (SPEC §3.1 group AHP, §3.8 Delphi).
-- A questionnaire (pairwise comparisons over an indicator tree or criteria list, or a Delphi
-- questionnaire over indicators) is answered by invited experts, each through a link whose token
-- only its SHA-256 is kept of, or signed in as a user of role expert. Answers are kept per
-- invitation and round and never overwritten (a trigger rejects UPDATE and DELETE); every round
-- keeps the statistics it was closed with.

CREATE TABLE questionnaires (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('pairwise', 'delphi')),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description   text CHECK (length(description) <= 4000),
  -- pairwise: {hierarchy, comparisons}; delphi: {indicators}
  content       jsonb NOT NULL,
  -- pairwise: {method, ri, aggregation}; delphi: {sd}
  options       jsonb NOT NULL DEFAULT '{}'::jsonb,
  scale         text CHECK (scale IN ('1-3-5', '1-5', '1-10')),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  current_round integer NOT NULL DEFAULT 1 CHECK (current_round >= 1),
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'delphi') = (scale IS NOT NULL)),
  CHECK (kind = 'delphi' OR current_round = 1)
);

-- One per expert per questionnaire. The link token itself is never stored.
CREATE TABLE questionnaire_invitations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  questionnaire_id uuid NOT NULL REFERENCES questionnaires (id),
  label            text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  user_id          uuid REFERENCES users (id),
  weight           double precision NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 1000000),
  token_hash       text NOT NULL UNIQUE,
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (questionnaire_id, label)
);
CREATE INDEX questionnaire_invitations_user_idx ON questionnaire_invitations (user_id);
CREATE UNIQUE INDEX questionnaire_invitations_one_per_user ON questionnaire_invitations (questionnaire_id, user_id)
  WHERE user_id IS NOT NULL;

CREATE TABLE questionnaire_rounds (
  questionnaire_id uuid NOT NULL REFERENCES questionnaires (id),
  number           integer NOT NULL CHECK (number >= 1),
  opened_at        timestamptz NOT NULL DEFAULT now(),
  opened_by        uuid NOT NULL REFERENCES users (id),
  closed_at        timestamptz,
  closed_by        uuid REFERENCES users (id),
  -- The anonymous statistics the round was closed with (group AHP per node, or Delphi screening).
  statistics       jsonb,
  PRIMARY KEY (questionnaire_id, number),
  CHECK ((closed_at IS NULL) = (statistics IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
);

CREATE TABLE questionnaire_answers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  invitation_id    uuid NOT NULL REFERENCES questionnaire_invitations (id),
  questionnaire_id uuid NOT NULL,
  round            integer NOT NULL,
  -- pairwise: {matrices: {node: matrix}}; delphi: {scores: {indicator: score}}
  content          jsonb NOT NULL,
  submitted_by     uuid REFERENCES users (id),
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (questionnaire_id, round) REFERENCES questionnaire_rounds (questionnaire_id, number),
  UNIQUE (invitation_id, round)
);
CREATE INDEX questionnaire_answers_round_idx ON questionnaire_answers (questionnaire_id, round);

CREATE TRIGGER questionnaire_answers_append_only
  BEFORE UPDATE OR DELETE ON questionnaire_answers
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER questionnaire_answers_no_truncate
  BEFORE TRUNCATE ON questionnaire_answers
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
