import cliProgress from 'cli-progress';
import type { Database } from '../db/database';
import { JobRunner } from '../platform/jobs/job-runner';
import { findJob } from '../platform/jobs/jobs.repo';

/**
 * Runs one job in this process while drawing a progress bar from its persisted progress,
 * exactly what the web app shows. Returns the finished job row.
 */
export async function runJobWithProgressBar(
  database: Database,
  jobId: string,
  label: string,
  /** What the bar counts now, for jobs that go through phases (an import: checking, writing…). */
  phaseOf?: () => Promise<string | null>,
) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label}{phase} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const isTty = Boolean(process.stderr.isTTY);
  const startedAt = Date.now();
  let isStarted = false;
  const draw = async () => {
    const job = await findJob(database.db, jobId);
    if (!job) return;
    const total = job.progress_total ?? 0;
    const rate = Math.round(job.progress_done / Math.max(0.001, (Date.now() - startedAt) / 1000));
    const phase = (await phaseOf?.()) ?? null;
    const payload = { rate, phase: phase ? ` (${phase})` : '' };
    if (!isStarted) {
      bar.start(total, job.progress_done, payload);
      isStarted = true;
    }
    bar.setTotal(total);
    bar.update(job.progress_done, payload);
  };
  const timer = isTty ? setInterval(() => void draw(), 250) : null;
  const runner = new JobRunner({ database });
  try {
    while (true) {
      const job = await findJob(database.db, jobId);
      if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
      if (!(await runner.runOne({ jobId }))) await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    if (timer) clearInterval(timer);
    if (isTty) {
      await draw();
      bar.stop();
    }
  }
  const finished = await findJob(database.db, jobId);
  if (!finished) throw new Error(`job ${jobId} vanished`);
  if (!isTty)
    process.stderr.write(
      `${label}: ${finished.status} (${finished.progress_done}/${finished.progress_total ?? '?'})\n`,
    );
  return finished;
}
