import { z } from 'zod';
import type { JobKind } from '../../platform/jobs/job-kinds';
import { assessmentPolicies } from './assessment.policy';
import { getModel } from './models.service';
import { estimateScorable, scoreSet, tableBlocks } from './scoring.repo';

export const ZScoreJobParams = z.object({
  modelVersionId: z.number().int().positive(),
  /** A round to re-score; absent re-scores every assessment taken on the model's questionnaire. */
  roundId: z.uuid().nullable().default(null),
  chunkSize: z.number().int().min(10).max(1_000_000).default(100_000),
});
export type ScoreJobParams = z.infer<typeof ZScoreJobParams>;

interface ScoreCheckpoint {
  /** The first table block not yet scored. */
  nextBlock: number;
  done: number;
}

export interface ScoreJobResult {
  modelVersionId: number;
  modelCode: string;
  roundId: string | null;
  scored: number;
}

/**
 * Re-scores a round or the whole registry with a chosen model. Each chunk — a range of the
 * table's blocks, read by a TID range scan so that the run reads the table once, in order —
 * is one set-based statement committed with its checkpoint, so an interrupted run resumes
 * after the last committed chunk and re-running a chunk just rewrites the same rows.
 * Assessments recorded during a run are scored with their own model when recorded; the run
 * picks them up only if they land in blocks it has not reached yet.
 */
export const scoreJob: JobKind<ScoreJobParams, ScoreCheckpoint, ScoreJobResult> = {
  kind: 'assessment.score',
  policy: assessmentPolicies.rescore,
  params: ZScoreJobParams,
  async run(ctx) {
    const { db } = ctx.database;
    const model = await getModel(db, ctx.params.modelVersionId);
    const roundId = ctx.params.roundId;
    const total = await estimateScorable(db, roundId);
    const { rowsPerBlock } = await tableBlocks(db);
    const blocksPerChunk = Math.max(1, Math.round(ctx.params.chunkSize / rowsPerBlock));
    let state: ScoreCheckpoint = ctx.checkpoint ?? { nextBlock: 0, done: 0 };
    for (;;) {
      if (ctx.signal.aborted) throw new Error('stopped');
      // Read each time: assessments recorded meanwhile may have grown the table.
      const { blocks } = await tableBlocks(db);
      if (state.nextBlock >= blocks) break;
      const from = state.nextBlock;
      const to = from + blocksPerChunk;
      const done = state.done;
      state = await db.transaction().execute(async (trx) => {
        const scored = await scoreSet(trx, model, { roundId, fromBlock: from, toBlock: to });
        const checkpoint: ScoreCheckpoint = { nextBlock: to, done: done + scored };
        await ctx.saveProgress(trx, {
          done: checkpoint.done,
          total: Math.max(total, checkpoint.done),
          checkpoint,
        });
        return checkpoint;
      });
    }
    const final = state;
    await db
      .transaction()
      .execute((trx) => ctx.saveProgress(trx, { done: final.done, total: final.done, checkpoint: final }));
    return { modelVersionId: model.id, modelCode: model.code, roundId, scored: final.done };
  },
};
