-- 0007_message_texts: texts the server writes, kept as a catalogue code with its parameters
-- ({"code": …, "params": {…}}, @scf-risk/report messages.ts) next to the English text, so the
-- workbench shows them in the user's language. Null on rows written before (English only).
ALTER TABLE alerts ADD COLUMN message_text jsonb;
ALTER TABLE jobs ADD COLUMN progress_text jsonb;

-- The alert list filters by owner (and status, severity), newest first.
CREATE INDEX alerts_owner_idx ON alerts (owner, opened_on DESC);
