import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const ZJobStatus = z.enum(JOB_STATUSES);

export const ZJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: ZJobStatus,
  done: z.number(),
  total: z.number().nullable(),
  /** Items per second since the latest (re)start. */
  rate: z.number().nullable(),
  /** Seconds left at the current rate. */
  etaSeconds: z.number().nullable(),
  attempts: z.number(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof ZJob>;

export const ZJobIdParams = z.object({ id: z.uuid('Not a job id') });
