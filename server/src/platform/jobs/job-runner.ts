import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { runInBackground } from '../../db/background';
import type { Database } from '../../db/database';
import { type Actor, SYSTEM_ACTOR } from '../actor';
import { getJobKind, JobLostError, listJobKinds } from './job-kinds';
import { enqueueDueSchedules } from './job-schedules';
import * as repo from './jobs.repo';

export interface JobRunnerOptions {
  database: Database;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** How long a job may go without a heartbeat before another process takes it over. */
  staleAfterSeconds?: number;
  pollIntervalMs?: number;
  heartbeatIntervalMs?: number;
  /** How often the loop looks for due recurring jobs (`job_schedule`). */
  scheduleCheckIntervalMs?: number;
  /** Resolves who started a job, so the handler acts with that actor's rights. */
  resolveActor?: (kind: string, id: string | null) => Promise<Actor | null>;
}

/**
 * Claims and runs jobs in this process. The only stateful piece of the job system: every
 * fact about a job lives in the `job` table, so any number of processes can run one of these.
 */
export class JobRunner {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private isRunning = false;
  private loop: Promise<void> | null = null;
  private current: { id: string; controller: AbortController } | null = null;
  private wake: (() => void) | null = null;
  private lastScheduleCheck = 0;

  constructor(private readonly options: JobRunnerOptions) {}

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.loop = this.runLoop();
  }

  /** Wakes the loop at once (after a job was enqueued in this process). */
  poke(): void {
    this.wake?.();
  }

  /** Graceful stop: the current job is handed back to the queue for another process. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.current?.controller.abort();
    this.wake?.();
    await this.loop;
  }

  /**
   * Enqueues the due recurring jobs of the kinds this process knows, each once even when
   * several processes check at the same moment. Returns the kinds enqueued.
   */
  async enqueueDueSchedules(now?: Date): Promise<string[]> {
    const kinds = await enqueueDueSchedules({ database: this.options.database, kinds: listJobKinds(), now });
    if (kinds.length > 0) this.options.logger?.info({ kinds }, 'scheduled jobs enqueued');
    return kinds;
  }

  /** Runs queued jobs until none is left; for the CLI and tests. Returns how many ran. */
  async drain(): Promise<number> {
    let count = 0;
    while (await this.runOne()) count += 1;
    return count;
  }

  /** Claims and runs one job (only `jobId` when given); false when there was none to claim. */
  async runOne(options: { jobId?: string } = {}): Promise<boolean> {
    const { database } = this.options;
    const job = await repo.claimJob(database.db, {
      workerId: this.workerId,
      kinds: listJobKinds(),
      staleAfterSeconds: this.options.staleAfterSeconds ?? 30,
      jobId: options.jobId,
    });
    if (!job) return false;
    const kind = getJobKind(job.kind);
    const controller = new AbortController();
    this.current = { id: job.id, controller };
    const heartbeat = setInterval(() => {
      repo
        .heartbeatJob(database.db, job.id, this.workerId)
        .then((isOurs) => {
          if (!isOurs) controller.abort();
        })
        .catch(() => undefined);
    }, this.options.heartbeatIntervalMs ?? 5000);
    // Reports outside the job's transactions, one after another, never awaited by the job.
    let reports = Promise.resolve();
    try {
      if (!kind) throw new Error(`unknown job kind ${job.kind}`);
      const params = kind.params.parse(job.params);
      const actor = (await this.options.resolveActor?.(job.created_by_kind, job.created_by)) ?? SYSTEM_ACTOR;
      // Background work: on PGlite, requests that arrive meanwhile go between its transactions.
      const result = await runInBackground(() =>
        kind.run({
          jobId: job.id,
          params,
          checkpoint: (job.checkpoint as unknown) ?? null,
          database,
          actor,
          signal: controller.signal,
          saveProgress: async (trx, progress) => {
            if (controller.signal.aborted) throw new JobLostError(job.id);
            const isOurs = await repo.saveJobProgress(trx, {
              id: job.id,
              workerId: this.workerId,
              done: progress.done,
              total: progress.total,
              checkpoint: progress.checkpoint,
            });
            if (!isOurs) throw new JobLostError(job.id);
          },
          reportProgress: (progress) => {
            reports = reports
              .then(async () => {
                // No checkpoint: a report from inside a transaction is progress only.
                await repo.saveJobProgress(database.db, {
                  id: job.id,
                  workerId: this.workerId,
                  done: progress.done,
                  total: progress.total,
                });
              })
              .catch(() => undefined);
            return reports;
          },
        }),
      );
      await reports;
      await repo.finishJob(database.db, { id: job.id, workerId: this.workerId, status: 'succeeded', result });
      this.options.logger?.info({ jobId: job.id, kind: job.kind }, 'job succeeded');
    } catch (error) {
      if (error instanceof JobLostError || controller.signal.aborted) {
        if (!this.isRunning) await repo.releaseJob(database.db, job.id, this.workerId);
        this.options.logger?.warn({ jobId: job.id, kind: job.kind }, 'job stopped before the end');
      } else {
        // Only the message: a handler's error must not carry personal data into the log.
        const message = error instanceof Error ? error.message : String(error);
        await repo.finishJob(database.db, {
          id: job.id,
          workerId: this.workerId,
          status: 'failed',
          error: message,
        });
        this.options.logger?.error({ jobId: job.id, kind: job.kind, err: message }, 'job failed');
      }
    } finally {
      clearInterval(heartbeat);
      this.current = null;
    }
    return true;
  }

  private async runLoop(): Promise<void> {
    while (this.isRunning) {
      let hasRun = false;
      try {
        if (Date.now() - this.lastScheduleCheck >= (this.options.scheduleCheckIntervalMs ?? 30_000)) {
          this.lastScheduleCheck = Date.now();
          await this.enqueueDueSchedules();
        }
        hasRun = await this.runOne();
      } catch (error) {
        this.options.logger?.error({ err: (error as Error).message }, 'job loop error');
      }
      if (!hasRun && this.isRunning) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollIntervalMs ?? 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}
