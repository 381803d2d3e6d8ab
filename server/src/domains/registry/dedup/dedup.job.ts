import { z } from 'zod';
import type { JobKind } from '../../../platform/jobs/job-kinds';
import { registryPolicies } from '../registry.policy';
import { type DedupCheckpoint, detectDuplicates } from './dedup.service';
import type { Agreement } from './dedup-score.repo';

const ZDedupParams = z.object({ threshold: z.number().min(0).max(1).optional() });

/**
 * Duplicate detection over the whole registry: a set-based preparation, then one chunk per
 * transaction with its checkpoint, so a restarted job resumes at the next chunk (or prepares
 * again when its working tables are gone).
 */
export const registryDedupJob: JobKind<
  z.infer<typeof ZDedupParams>,
  DedupCheckpoint,
  // The learnt m's are kept with the result: what this registry's duplicates looked like.
  { pairs: number; candidates: number; agreement: Agreement | null }
> = {
  kind: 'registry.dedup',
  policy: registryPolicies.dedupRun,
  params: ZDedupParams,
  async run(ctx) {
    const result = await detectDuplicates({
      database: ctx.database,
      threshold: ctx.params.threshold,
      jobId: ctx.jobId,
      checkpoint: ctx.checkpoint,
      saveProgress: (trx, checkpoint, total) =>
        ctx.saveProgress(trx, { done: checkpoint.next, total, checkpoint }),
    });
    return { pairs: result.pairs, candidates: result.candidates, agreement: result.agreement };
  },
};
