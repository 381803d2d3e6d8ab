import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { registerJobKind } from '../../../platform/jobs/job-kinds';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { enqueueDueSchedules } from '../../../platform/jobs/job-schedules';
import { createTestDatabase, ENGINES } from '../../../testing/test-database';
import { actionRemindersJob } from './reminders.job';

describe.each(ENGINES)('daily action reminders schedule on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('is seeded for 07:00 Cambodia time and enqueues the reminders job once a day', async () => {
    const schedule = await database.db
      .selectFrom('job_schedule')
      .selectAll()
      .where('kind', '=', actionRemindersJob.kind)
      .executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ daily_at: '07:00', time_zone: 'Asia/Phnom_Penh', is_enabled: true });
    expect(actionRemindersJob.params.parse(schedule.params)).toEqual({ daysBefore: 7 });

    // Seeded due at once: enqueued once, then the next run is the next 07:00 in Phnom Penh (00:00 UTC).
    const now = new Date(Math.max(Date.now(), new Date(schedule.next_run_at).getTime()) + 1000);
    const kinds = [actionRemindersJob.kind];
    const first = await Promise.all([
      enqueueDueSchedules({ database, kinds, now }),
      enqueueDueSchedules({ database, kinds, now }),
    ]);
    expect(first.flat()).toEqual([actionRemindersJob.kind]);
    const after = await database.db
      .selectFrom('job_schedule')
      .select('next_run_at')
      .where('kind', '=', actionRemindersJob.kind)
      .executeTakeFirstOrThrow();
    const next = new Date(after.next_run_at);
    expect(next.getUTCHours()).toBe(0);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime()).toBeGreaterThan(now.getTime());
    expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(86_400_000);
    expect(await enqueueDueSchedules({ database, kinds, now })).toEqual([]);
    // The scheduled job runs as the system: set-based over every lab.
    registerJobKind(actionRemindersJob);
    expect(await new JobRunner({ database }).drain()).toBe(1);
    const jobs = await database.db
      .selectFrom('job')
      .select(['status', 'error'])
      .where('kind', '=', actionRemindersJob.kind)
      .execute();
    expect(jobs).toEqual([{ status: 'succeeded', error: null }]);
  });
});
