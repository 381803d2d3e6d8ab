-- What a running import is doing, for its progress bar: checking the files, writing the
-- households, or rebuilding the search indexes (the job's done/total count within the
-- phase). checked_at marks a run whose files were checked, so a resumed job does not
-- check them twice; runs from before this migration were all checked before their job.
ALTER TABLE import_run
  ADD COLUMN phase text CHECK (phase IN ('checking', 'writing', 'indexing')),
  ADD COLUMN checked_at timestamptz;
UPDATE import_run SET checked_at = started_at;
