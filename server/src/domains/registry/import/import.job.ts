import { z } from 'zod';
import type { JobKind } from '../../../platform/jobs/job-kinds';
import { registryPolicies } from '../registry.policy';
import { applyImport, type ImportSummary } from './import.service';

const ZImportJobParams = z.object({ runId: z.uuid() });
type ImportCheckpoint = { nextBatch: number };

/**
 * Writes a prepared import run batch by batch; each batch's households and its checkpoint
 * commit together, so a stopped job resumes at the next batch with no household half-written.
 */
export const registryImportJob: JobKind<z.infer<typeof ZImportJobParams>, ImportCheckpoint, ImportSummary> = {
  kind: 'registry.import',
  policy: registryPolicies.importFiles,
  params: ZImportJobParams,
  async run(ctx) {
    return applyImport({
      database: ctx.database,
      actor: ctx.actor,
      runId: ctx.params.runId,
      fromBatch: ctx.checkpoint?.nextBatch ?? 0,
      onBatch: async (trx, progress) => {
        if (ctx.signal.aborted) throw new Error('import stopped');
        await ctx.saveProgress(trx, {
          done: progress.done,
          total: progress.total,
          checkpoint: { nextBatch: progress.batch + 1 },
        });
      },
    });
  },
};
