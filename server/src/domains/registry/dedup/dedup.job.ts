import { z } from 'zod';
import type { JobKind } from '../../../platform/jobs/job-kinds';
import { registryPolicies } from '../registry.policy';
import { detectDuplicates } from './dedup.service';

const ZDedupParams = z.object({ threshold: z.number().min(0).max(1).optional() });

/**
 * Duplicate detection over the whole registry in three set-based steps (blocking keys,
 * candidate pairs, scoring). A restarted job runs again from the start: every step rebuilds
 * its own tables and the scoring upserts, so a rerun is safe.
 */
export const registryDedupJob: JobKind<
  z.infer<typeof ZDedupParams>,
  { step: number },
  { pairs: number; candidates: number }
> = {
  kind: 'registry.dedup',
  policy: registryPolicies.dedupRun,
  params: ZDedupParams,
  async run(ctx) {
    await ctx.database.db
      .transaction()
      .execute((trx) => ctx.saveProgress(trx, { done: 0, total: 3, checkpoint: { step: 0 } }));
    return detectDuplicates({
      database: ctx.database,
      threshold: ctx.params.threshold,
      jobId: ctx.jobId,
      onStep: async (step) => {
        await ctx.database.db
          .transaction()
          .execute((trx) => ctx.saveProgress(trx, { done: step, total: 3, checkpoint: { step } }));
      },
    });
  },
};
