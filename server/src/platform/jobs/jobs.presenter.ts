import type { Job } from '@mlob/contracts';
import type { JobRow } from './jobs.repo';

/** Progress with rate and ETA measured since the latest (re)start of the job. */
export function presentJob(row: NonNullable<JobRow>, now = new Date()): Job {
  let rate: number | null = null;
  let etaSeconds: number | null = null;
  if (row.status === 'running' && row.run_started_at) {
    const seconds = (now.getTime() - row.run_started_at.getTime()) / 1000;
    const doneThisRun = row.progress_done - row.run_started_done;
    if (seconds > 0.5 && doneThisRun > 0) {
      rate = doneThisRun / seconds;
      if (row.progress_total !== null)
        etaSeconds = Math.max(0, Math.round((row.progress_total - row.progress_done) / rate));
    }
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as Job['status'],
    done: row.progress_done,
    total: row.progress_total,
    rate,
    etaSeconds,
    attempts: row.attempts,
    result: row.result ?? null,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
