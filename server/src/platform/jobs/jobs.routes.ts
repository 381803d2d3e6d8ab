import { ZJob, ZJobIdParams } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../http/context';
import { actorOf } from '../http/context';
import { definePolicy } from '../policy';
import { presentJob } from './jobs.presenter';
import { cancelJobFor, getJobFor, listJobsFor } from './jobs.service';

const policies = {
  read: definePolicy({ name: 'jobs.read', allow: 'authenticated', scope: 'own' }),
  cancel: definePolicy({ name: 'jobs.cancel', allow: 'authenticated', scope: 'own' }),
};

/** Jobs the caller started (admins: all), with live progress. */
export function jobsRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/jobs',
    {
      config: { policy: policies.read },
      schema: {
        tags: ['jobs'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ZJob) }) },
      },
    },
    async (request) => {
      const rows = await listJobsFor({
        database: ctx.database,
        actor: actorOf(request),
        limit: request.query.limit,
      });
      return { items: rows.map((r) => presentJob(r)) };
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      config: { policy: policies.read },
      schema: { tags: ['jobs'], params: ZJobIdParams, response: { 200: ZJob } },
    },
    async (request) =>
      presentJob(await getJobFor({ database: ctx.database, actor: actorOf(request), id: request.params.id })),
  );

  app.post(
    '/api/jobs/:id/cancel',
    {
      config: { policy: policies.cancel },
      schema: { tags: ['jobs'], params: ZJobIdParams, response: { 200: ZJob } },
    },
    async (request) =>
      presentJob(
        await cancelJobFor({ database: ctx.database, actor: actorOf(request), id: request.params.id }),
      ),
  );
}
