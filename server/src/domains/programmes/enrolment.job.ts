import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit';
import type { JobKind } from '../../platform/jobs/job-kinds';
import { todayInCambodia } from '../geography';
import * as repo from './enrolment.repo';
import { programmePolicies } from './programmes.policy';
import { parseRuleOrFail } from './rule-check';
import { compileRule } from './rules/rule-sql';

export const ZEnrolJobParams = z.object({
  versionId: z.uuid(),
  enrolAs: z.enum(['enrolled', 'eligible']).default('enrolled'),
  onDate: z.iso.date().optional(),
  chunkSize: z.number().int().min(10).max(1_000_000).default(50_000),
});
export type EnrolJobParams = z.infer<typeof ZEnrolJobParams>;

interface EnrolCheckpoint {
  runId: string;
  /** Last household id of the last committed chunk. */
  lastId: string | null;
  done: number;
  changed: number;
  isFinished: boolean;
  counts?: Record<string, number>;
}

export interface EnrolJobResult {
  runId: string;
  changed: number;
  counts: Record<string, number>;
}

/**
 * Evaluates a programme version over the whole registry, chunk by chunk of household ids.
 * Each chunk is three set-based statements (enrolment.repo.ts) committed with its
 * checkpoint, so a stopped run resumes after its last chunk; statements only touch rows
 * whose state changes, so re-running a chunk changes nothing.
 */
export const enrolJob: JobKind<EnrolJobParams, EnrolCheckpoint, EnrolJobResult> = {
  kind: 'programmes.enrol',
  policy: programmePolicies.enrol,
  params: ZEnrolJobParams,
  async run(ctx) {
    const { db } = ctx.database;
    const version = await db
      .selectFrom('programme_version')
      .selectAll()
      .where('id', '=', ctx.params.versionId)
      .executeTakeFirstOrThrow();
    if (version.status !== 'active')
      throw new Error(`version ${version.id} is ${version.status}, not in force`);
    const onDate = ctx.params.onDate ?? todayInCambodia();
    const rule = compileRule(parseRuleOrFail(version.eligibility_rule, ['eligibilityRule']), {
      householdAlias: 'h',
      memberRelation: 'programme_member_facts',
      onDate,
      usage: 'where',
    });
    const total = await repo.countHouseholds(db);
    const actorId = ctx.actor.id ?? 'system';
    let state: EnrolCheckpoint =
      ctx.checkpoint ??
      (await db.transaction().execute(async (trx) => {
        const run = await trx
          .insertInto('enrolment_run')
          .values({
            programme_version_id: version.id,
            job_id: ctx.jobId,
            on_date: onDate,
            started_by: actorId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const checkpoint = { runId: run.id, lastId: null, done: 0, changed: 0, isFinished: false };
        await recordAudit(
          trx,
          { actor: ctx.actor },
          {
            action: 'programme.enrolment.run.start',
            entityType: 'enrolment_run',
            entityId: run.id,
            after: { versionId: version.id, onDate, enrolAs: ctx.params.enrolAs },
          },
        );
        await ctx.saveProgress(trx, { done: 0, total, checkpoint });
        return checkpoint;
      }));
    while (!state.isFinished) {
      if (ctx.signal.aborted) throw new Error('stopped');
      const upTo = await repo.nextChunkEnd(db, state.lastId, ctx.params.chunkSize);
      const current = state;
      state = await db.transaction().execute(async (trx) => {
        const changed = await repo.enrolChunk(trx, {
          programmeId: version.programme_id,
          versionId: version.id,
          runId: current.runId,
          actorId,
          rule,
          enrolAs: ctx.params.enrolAs,
          after: current.lastId,
          upTo,
        });
        const isFinished = upTo === null;
        const checkpoint: EnrolCheckpoint = {
          runId: current.runId,
          lastId: upTo,
          done: isFinished ? total : current.done + ctx.params.chunkSize,
          changed: current.changed + changed,
          isFinished,
        };
        if (isFinished) {
          const counts = await repo.stateCounts(trx, version.programme_id);
          checkpoint.counts = counts;
          await trx
            .updateTable('enrolment_run')
            .set({
              finished_at: new Date(),
              counts: JSON.stringify({ ...counts, changed: checkpoint.changed }),
            })
            .where('id', '=', current.runId)
            .execute();
          // Each household's change is in enrolment_history with this run's id.
          await recordAudit(
            trx,
            { actor: ctx.actor },
            {
              action: 'programme.enrolment.run.finish',
              entityType: 'enrolment_run',
              entityId: current.runId,
              after: { counts, changed: checkpoint.changed },
            },
          );
        }
        await ctx.saveProgress(trx, { done: checkpoint.done, total, checkpoint });
        return checkpoint;
      });
    }
    return {
      runId: state.runId,
      changed: state.changed,
      counts: await repo.stateCounts(db, version.programme_id),
    };
  },
};
