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
  /**
   * Households per chunk (one transaction and checkpoint). Each chunk reads its own blocks of
   * the household table once, but the tables it joins (e.g. the active cards) in full: 250,000
   * keeps that repeated read small at national scale (15 chunks for 3.6 M households) while
   * the progress bar still moves every second or two.
   */
  chunkSize: z.number().int().min(10).max(1_000_000).default(250_000),
});
export type EnrolJobParams = z.infer<typeof ZEnrolJobParams>;

interface EnrolCheckpoint {
  runId: string;
  /** The first household table block not yet evaluated (absent in checkpoints of old runs: 0). */
  nextBlock?: number;
  /** The programme had enrolment rows when the run started (absent in old checkpoints: true). */
  hasEarlierEnrolment?: boolean;
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
 * Evaluates a programme version over the whole registry, chunk by chunk of the household
 * table's blocks (about chunkSize households each), so the run reads the table once, in
 * order. Each chunk is one to three set-based statements (enrolment.repo.ts) committed with
 * its checkpoint, so a stopped run resumes after its last chunk; statements only touch rows
 * whose state changes, so re-running a chunk changes nothing. A household whose row is
 * rewritten during the run (a registry edit moves it to another block) may be evaluated
 * twice, harmlessly, or not at all by this run if it moves behind the run; the next run sees
 * it. The last chunk is open-ended, so households added during the run are evaluated.
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
        const checkpoint: EnrolCheckpoint = {
          runId: run.id,
          nextBlock: 0,
          hasEarlierEnrolment: await repo.hasEnrolment(trx, version.programme_id),
          done: 0,
          changed: 0,
          isFinished: false,
        };
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
    const { rowsPerBlock } = await repo.householdBlocks(db);
    const blocksPerChunk = Math.max(1, Math.round(ctx.params.chunkSize / rowsPerBlock));
    while (!state.isFinished) {
      if (ctx.signal.aborted) throw new Error('stopped');
      // Read each time: households added meanwhile may have grown the table.
      const { blocks } = await repo.householdBlocks(db);
      const fromBlock = state.nextBlock ?? 0;
      const toBlock = fromBlock + blocksPerChunk >= blocks ? null : fromBlock + blocksPerChunk;
      const current = state;
      state = await db.transaction().execute(async (trx) => {
        const changed = await repo.enrolChunk(trx, {
          programmeId: version.programme_id,
          versionId: version.id,
          runId: current.runId,
          actorId,
          rule,
          enrolAs: ctx.params.enrolAs,
          fromBlock,
          toBlock,
          hasEarlierEnrolment: current.hasEarlierEnrolment ?? true,
        });
        const isFinished = toBlock === null;
        const checkpoint: EnrolCheckpoint = {
          runId: current.runId,
          nextBlock: toBlock ?? blocks,
          hasEarlierEnrolment: current.hasEarlierEnrolment ?? true,
          // Households are counted by blocks passed: an estimate until the last chunk.
          done:
            toBlock === null ? total : Math.min(total, Math.round((total * toBlock) / Math.max(blocks, 1))),
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
      counts: state.counts ?? (await repo.stateCounts(db, version.programme_id)),
    };
  },
};
