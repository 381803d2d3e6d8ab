import { ZJob, ZLabCode } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf } from '../../../platform/http/context';
import { presentJob } from '../../../platform/jobs/jobs.presenter';
import { enqueueJob } from '../../../platform/jobs/jobs.service';
import { labViewOf } from '../labs.access';
import { labsPolicies } from '../labs.policy';
import { listReminders } from './ncs.repo';

const tags = ['labs'];

/** The reminders the job raised (the lab's task list, an outbox for SMS/e-mail), and starting the job. */
export function remindersRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/labs/reminders',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        querystring: z.object({
          labCode: ZLabCode.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                actionId: z.string(),
                labCode: z.string(),
                kind: z.enum(['due_soon', 'overdue']),
                dueOn: z.string(),
                messageEn: z.string(),
                messageKm: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listReminders(ctx.database.db, labViewOf(actorOf(request)), request.query);
      return {
        items: rows.map((r) => ({
          id: r.id,
          actionId: r.action_id,
          labCode: r.lab_code,
          kind: r.kind as 'due_soon' | 'overdue',
          dueOn: r.due_on,
          messageEn: r.message_en,
          messageKm: r.message_km,
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/labs/reminders/run',
    {
      config: { policy: labsPolicies.ncWrite },
      schema: {
        tags,
        description: 'Starts the reminders job (also `mlob labs reminders`, e.g. daily from cron).',
        body: z.object({ daysBefore: z.number().int().min(0).max(90).default(7) }).optional(),
        response: { 202: ZJob },
      },
    },
    async (request, reply) => {
      const job = await enqueueJob({
        database: ctx.database,
        actor: actorOf(request),
        kind: 'labs.action-reminders',
        params: { daysBefore: request.body?.daysBefore ?? 7 },
      });
      ctx.pokeJobs();
      return reply.status(202).send(presentJob(job));
    },
  );
}
