-- An import's checking now commits rule by rule, so a long check can be resumed where it
-- stopped and, on PGlite, other requests are served between its rules. checked_steps counts
-- the rules whose problems are stored; checked_at is still set when the last one is.
ALTER TABLE import_run
  ADD COLUMN checked_steps integer NOT NULL DEFAULT 0 CHECK (checked_steps >= 0);
