-- Recurring jobs: each row says when a job kind runs next. Any server process may enqueue a
-- due schedule; a conditional UPDATE on next_run_at makes exactly one of them win.
CREATE TABLE job_schedule (
  kind text PRIMARY KEY,
  params jsonb NOT NULL DEFAULT '{}',
  -- Exactly one rule: every N seconds, or daily at a local time in time_zone.
  every_seconds integer CHECK (every_seconds > 0),
  daily_at text CHECK (daily_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  time_zone text NOT NULL DEFAULT 'Asia/Phnom_Penh',
  next_run_at timestamptz NOT NULL,
  is_enabled boolean NOT NULL DEFAULT true,
  last_enqueued_at timestamptz,
  last_job_id uuid,
  CHECK ((every_seconds IS NULL) <> (daily_at IS NULL))
);
CREATE INDEX job_schedule_due_idx ON job_schedule (next_run_at) WHERE is_enabled;
