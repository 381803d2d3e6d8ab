import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database';
import { countJob, createCountJobTable } from '../../testing/count-job';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { registerJobKind } from './job-kinds';
import { JobRunner } from './job-runner';
import { enqueueDueSchedules, nextRunAfter } from './job-schedules';

registerJobKind(countJob);

const daily = (at: string) => ({ every_seconds: null, daily_at: at, time_zone: 'Asia/Phnom_Penh' });

describe('nextRunAfter', () => {
  it('gives the next 07:00 in Cambodia (UTC+7), strictly after now', () => {
    // 02:00 in Phnom Penh on 22 November → 07:00 the same local day.
    expect(nextRunAfter(daily('07:00'), new Date('2026-11-21T19:00:00Z')).toISOString()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
    // 06:59 local → 07:00 the same day; exactly 07:00 → the next day; 18:00 local → the next day.
    expect(nextRunAfter(daily('07:00'), new Date('2026-11-21T23:59:00Z')).toISOString()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
    expect(nextRunAfter(daily('07:00'), new Date('2026-11-22T00:00:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(nextRunAfter(daily('07:00'), new Date('2026-11-22T11:00:00Z')).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    // Across a month end in local time.
    expect(nextRunAfter(daily('23:30'), new Date('2026-11-30T17:00:00Z')).toISOString()).toBe(
      '2026-12-01T16:30:00.000Z',
    );
  });

  it('adds the interval for an every-N-seconds schedule', () => {
    const rule = { every_seconds: 3600, daily_at: null, time_zone: 'Asia/Phnom_Penh' };
    expect(nextRunAfter(rule, new Date('2026-11-21T19:00:00Z')).toISOString()).toBe(
      '2026-11-21T20:00:00.000Z',
    );
  });
});

describe.each(ENGINES)('recurring jobs on %s', (engine) => {
  let database: Database & { url?: string };
  let other: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await createCountJobTable(database);
    // A second process on PostgreSQL is a second pool; PGlite has a single connection.
    other = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 2 }) : database;
  });
  afterAll(async () => {
    if (other !== database) await other?.close();
    await database?.close();
  });

  const jobsOf = (kind: string) =>
    database.db.selectFrom('job').select(['id', 'params']).where('kind', '=', kind).execute();

  it('two runners racing enqueue a due schedule exactly once and move it forward', async () => {
    const now = new Date();
    await database.db
      .insertInto('job_schedule')
      .values({
        kind: countJob.kind,
        params: JSON.stringify({ n: 3, chunk: 3, delayMs: 0 }),
        every_seconds: 3600,
        next_run_at: new Date(now.getTime() - 60_000),
      })
      .execute();
    const runners = [new JobRunner({ database }), new JobRunner({ database: other })];
    for (let round = 0; round < 3; round += 1) {
      const results = await Promise.all([...runners, ...runners].map((r) => r.enqueueDueSchedules(now)));
      expect(results.flat()).toEqual(round === 0 ? [countJob.kind] : []);
    }
    const jobs = await jobsOf(countJob.kind);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.params).toEqual({ n: 3, chunk: 3, delayMs: 0 });
    const schedule = await database.db
      .selectFrom('job_schedule')
      .selectAll()
      .where('kind', '=', countJob.kind)
      .executeTakeFirstOrThrow();
    expect(new Date(schedule.next_run_at).getTime()).toBe(now.getTime() + 3600_000);
    expect(schedule.last_job_id).toBe(jobs[0]?.id);
    // The enqueued job runs like any other.
    expect(await runners[0]?.drain()).toBeGreaterThanOrEqual(1);

    // An hour later it is due again: once more, exactly once.
    const later = new Date(now.getTime() + 3600_000);
    const again = await Promise.all(runners.map((r) => r.enqueueDueSchedules(later)));
    expect(again.flat()).toEqual([countJob.kind]);
    expect(await jobsOf(countJob.kind)).toHaveLength(2);
  });

  it('leaves a schedule alone until it is due, skips disabled ones and kinds this process does not know', async () => {
    const now = new Date();
    await database.db
      .insertInto('job_schedule')
      .values([
        { kind: 'test.not-yet', every_seconds: 60, next_run_at: new Date(now.getTime() + 60_000) },
        { kind: 'test.disabled', every_seconds: 60, next_run_at: now, is_enabled: false },
        { kind: 'test.unknown-here', daily_at: '07:00', next_run_at: now },
      ])
      .execute();
    expect(await enqueueDueSchedules({ database, kinds: ['test.not-yet', 'test.disabled'], now })).toEqual(
      [],
    );
    expect(await new JobRunner({ database }).enqueueDueSchedules(now)).not.toContain('test.unknown-here');
    const queued = await database.db
      .selectFrom('job')
      .select('kind')
      .where('kind', 'in', ['test.not-yet', 'test.disabled', 'test.unknown-here'])
      .execute();
    expect(queued).toEqual([]);
  });

  it('refuses a schedule with both or neither rule, or a malformed time', async () => {
    const insert = (values: { every_seconds?: number; daily_at?: string }) =>
      database.db
        .insertInto('job_schedule')
        .values({ kind: `test.bad-${Math.random()}`, next_run_at: new Date(), ...values })
        .execute();
    await expect(insert({})).rejects.toThrow();
    await expect(insert({ every_seconds: 60, daily_at: '07:00' })).rejects.toThrow();
    await expect(insert({ daily_at: '7:00' })).rejects.toThrow();
  });
});
