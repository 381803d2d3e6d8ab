import type { Database } from '../../db/database';

/** A schedule's rule: every N seconds, or daily at a local time (HH:MM) in a time zone. */
export interface ScheduleRule {
  every_seconds: number | null;
  daily_at: string | null;
  time_zone: string;
}

/** Minutes the zone is ahead of UTC at an instant (Asia/Phnom_Penh: 420, no daylight saving). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The next run strictly after `now`. A schedule that fell behind (the servers were down) runs
 * once on return and then resumes its rhythm; missed runs are not replayed one by one.
 */
export function nextRunAfter(rule: ScheduleRule, now: Date): Date {
  if (rule.every_seconds !== null) return new Date(now.getTime() + rule.every_seconds * 1000);
  if (rule.daily_at === null) throw new Error('a schedule needs every_seconds or daily_at');
  const [hours = 0, minutes = 0] = rule.daily_at.split(':').map(Number);
  const offset = offsetMinutes(now, rule.time_zone);
  const localNow = new Date(now.getTime() + offset * 60_000);
  let candidate =
    Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate(), hours, minutes) -
    offset * 60_000;
  if (candidate <= now.getTime()) candidate += 86_400_000;
  return new Date(candidate);
}

/**
 * Enqueues every due, enabled schedule of the given kinds, each exactly once however many
 * processes call this at the same moment: the job is inserted in the transaction of an UPDATE
 * that only matches while the schedule is still due (next_run_at <= now) and moves it forward.
 * A second process blocks on the row, re-checks the condition once the first commits (the row
 * is no longer due), and matches nothing. Returns the kinds enqueued.
 */
export async function enqueueDueSchedules(options: {
  database: Database;
  kinds: readonly string[];
  now?: Date;
}): Promise<string[]> {
  const { db } = options.database;
  if (options.kinds.length === 0) return [];
  const now = options.now ?? new Date();
  const due = await db
    .selectFrom('job_schedule')
    .select(['kind', 'params', 'every_seconds', 'daily_at', 'time_zone', 'next_run_at'])
    .where('is_enabled', '=', true)
    .where('next_run_at', '<=', now)
    .where('kind', 'in', [...options.kinds])
    .execute();
  const enqueued: string[] = [];
  for (const schedule of due) {
    const isOurs = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('job_schedule')
        .set({ next_run_at: nextRunAfter(schedule, now), last_enqueued_at: now })
        .where('kind', '=', schedule.kind)
        .where('next_run_at', '<=', now)
        .where('is_enabled', '=', true)
        .returning('kind')
        .executeTakeFirst();
      if (!claimed) return false;
      const job = await trx
        .insertInto('job')
        .values({
          kind: schedule.kind,
          params: JSON.stringify(schedule.params ?? {}),
          created_by_kind: 'system',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('job_schedule')
        .set({ last_job_id: job.id })
        .where('kind', '=', schedule.kind)
        .execute();
      return true;
    });
    if (isOurs) enqueued.push(schedule.kind);
  }
  return enqueued;
}

/** Due schedules, soonest first: for `mlob` status output and tests. */
export async function listSchedules(database: Database) {
  return database.db.selectFrom('job_schedule').selectAll().orderBy('next_run_at').execute();
}
