import {
  ZEnrolmentDecisionRequest,
  ZEnrolmentHistory,
  ZEnrolmentState,
  ZEnrolmentSummary,
  ZEnrolRequest,
  ZJobStarted,
} from '@mlob/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { decideEnrolment, enrolmentHistory, listEnrolment } from './enrolment.service';
import { programmePolicies as policies } from './programmes.policy';
import * as repo from './programmes.repo';
import { refused } from './refusals';

const tags = ['programmes'];
const ZProgrammeParams = z.object({ programme: z.string().max(60) });
const ZHouseholdParams = ZProgrammeParams.extend({ householdRef: z.string().max(64) });

/** Enrolment runs (a job with live progress), results, manual decisions and history. */
export function enrolmentRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.post(
    '/api/programmes/:programme/enrolment-runs',
    {
      config: { policy: policies.enrol },
      schema: {
        tags,
        description: 'Starts an enrolment run of the version in force over the registry (a resumable job).',
        params: ZProgrammeParams,
        body: ZEnrolRequest,
        response: { 202: ZJobStarted },
      },
    },
    async (request, reply) => {
      const programme = await repo.findProgrammeByCode(database.db, request.params.programme);
      if (!programme) throw new AppError('not_found', 'Programme was not found.');
      if (programme.kind === 'shock_response') throw refused('conflict', 'shock_enrols_itself');
      const version = await repo.findActiveVersion(database.db, programme.id);
      if (!version) throw refused('conflict', 'no_version_in_force');
      const job = await enqueueJob({
        database,
        actor: actorOf(request),
        kind: 'programmes.enrol',
        params: { versionId: version.id, ...request.body },
      });
      ctx.pokeJobs();
      return reply.status(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/api/programmes/:programme/enrolments',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'Counts by state and a page of enrolled, exited, rejected … households.',
        params: ZProgrammeParams,
        querystring: z.object({
          state: ZEnrolmentState.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: ZEnrolmentSummary },
      },
    },
    async (request) => {
      const result = await listEnrolment({ database, code: request.params.programme, ...request.query });
      return {
        counts: result.counts,
        items: result.items.map((i) => ({
          householdRef: i.household_ref,
          villageCode: i.village_code,
          state: i.state as z.infer<typeof ZEnrolmentState>,
          reason: i.reason,
          isManual: i.is_manual,
          changedAt: i.changed_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/programmes/:programme/enrolments/:householdRef/decisions',
    {
      config: { policy: policies.decide },
      schema: {
        tags,
        description:
          'Manual inclusion, exclusion, pause, resume or exit of a household, with a reason (audited).',
        params: ZHouseholdParams,
        body: ZEnrolmentDecisionRequest,
        response: { 200: z.object({ state: ZEnrolmentState, isManual: z.boolean() }) },
      },
    },
    async (request) =>
      decideEnrolment({
        database,
        audit: auditContextOf(request),
        code: request.params.programme,
        householdRef: request.params.householdRef,
        action: request.body.action,
        reason: request.body.reason,
      }),
  );

  app.get(
    '/api/programmes/:programme/enrolments/:householdRef/history',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: "A household's states in the programme over time.",
        params: ZHouseholdParams,
        response: { 200: ZEnrolmentHistory },
      },
    },
    async (request) => {
      const rows = await enrolmentHistory({
        database,
        code: request.params.programme,
        householdRef: request.params.householdRef,
      });
      return rows.map((r) => ({ ...r, from: r.from.toISOString(), to: r.to?.toISOString() ?? null }));
    },
  );
}
