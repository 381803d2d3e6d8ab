-- NC/CAPA action reminders every day at 07:00 Cambodia time. Due at once on a new installation
-- (the job is idempotent); after that the job runner moves next_run_at to the next 07:00.
INSERT INTO job_schedule (kind, params, daily_at, time_zone, next_run_at)
VALUES ('labs.action-reminders', '{"daysBefore": 7}', '07:00', 'Asia/Phnom_Penh', now())
ON CONFLICT (kind) DO NOTHING;
