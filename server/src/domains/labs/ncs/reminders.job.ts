import { sql } from 'kysely';
import { z } from 'zod';
import type { JobKind } from '../../../platform/jobs/job-kinds';
import { todayInCambodia } from '../../geography';
import { labsPolicies } from '../labs.policy';

/**
 * Raises reminders for corrective/preventive actions: "due soon" `daysBefore` days ahead and
 * "overdue" once past the due date, each once per action and due date (a moved due date
 * reminds again). Set-based and idempotent, so a rerun or a resumed run never repeats one.
 * The rows are an outbox for notifications (SMS, e-mail) and the lab's task list.
 */
export const actionRemindersJob: JobKind<
  { daysBefore: number; today?: string | undefined },
  { done: boolean },
  { dueSoon: number; overdue: number }
> = {
  kind: 'labs.action-reminders',
  policy: labsPolicies.ncWrite,
  params: z.object({
    daysBefore: z.number().int().min(0).max(90).default(7),
    today: z.iso.date().optional(),
  }),
  async run(ctx) {
    const today = ctx.params.today ?? todayInCambodia();
    if (ctx.checkpoint?.done) return { dueSoon: 0, overdue: 0 };
    return ctx.database.db.transaction().execute(async (trx) => {
      const insert = (
        kind: 'due_soon' | 'overdue',
        condition: ReturnType<typeof sql>,
        en: ReturnType<typeof sql>,
        km: ReturnType<typeof sql>,
      ) =>
        sql<{ n: number }>`
          WITH inserted AS (
            INSERT INTO lab_nc_reminder (action_id, kind, due_on, lab_code, message_en, message_km)
            SELECT x.id, ${kind}, x.due_on, n.lab_code, ${en}, ${km}
            FROM lab_nc_action x JOIN lab_nc n ON n.id = x.nc_id
            WHERE x.status = 'open' AND n.stage <> 'closed' AND ${condition}
            ON CONFLICT (action_id, kind, due_on) DO NOTHING
            RETURNING 1)
          SELECT count(*)::int AS n FROM inserted`.execute(trx);
      const dueSoon = await insert(
        'due_soon',
        sql`x.due_on >= ${today}::date AND x.due_on <= ${today}::date + ${ctx.params.daysBefore}::int`,
        sql`'Action for ' || n.number || ' is due on ' || x.due_on::text || ' (owner: ' || x.owner_name || '): ' || x.description`,
        sql`'សកម្មភាពសម្រាប់ ' || n.number || ' ត្រូវបញ្ចប់នៅថ្ងៃ ' || x.due_on::text || ' (អ្នកទទួលខុសត្រូវ៖ ' || x.owner_name || ')'`,
      );
      const overdue = await insert(
        'overdue',
        sql`x.due_on < ${today}::date`,
        sql`'Action for ' || n.number || ' is overdue since ' || x.due_on::text || ' (owner: ' || x.owner_name || '): ' || x.description`,
        sql`'សកម្មភាពសម្រាប់ ' || n.number || ' ហួសកាលកំណត់តាំងពីថ្ងៃ ' || x.due_on::text || ' (អ្នកទទួលខុសត្រូវ៖ ' || x.owner_name || ')'`,
      );
      const result = { dueSoon: Number(dueSoon.rows[0]?.n ?? 0), overdue: Number(overdue.rows[0]?.n ?? 0) };
      await ctx.saveProgress(trx, {
        done: result.dueSoon + result.overdue,
        total: result.dueSoon + result.overdue,
        checkpoint: { done: true },
      });
      return result;
    });
  },
};
