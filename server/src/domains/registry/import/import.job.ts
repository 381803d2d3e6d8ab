import { z } from 'zod';
import type { JobKind } from '../../../platform/jobs/job-kinds';
import { registryPolicies } from '../registry.policy';
import { applyImport, checkImport, type ImportSummary } from './import.service';
import { ImportStoppedError } from './import-validate';

const ZImportJobParams = z.object({
  runId: z.uuid(),
  /** The uploader's areas (importScope); null or absent: anywhere. */
  scopeAreaCodes: z.array(z.string()).nullable().default(null),
});
type ImportCheckpoint = { nextBatch: number };

/**
 * Checks a staged import run, rule by rule, each rule's problems committing with the count of
 * rules done, then writes it: batch by batch, each batch's households and its
 * checkpoint committing together, so a stopped job resumes at the next batch with no
 * household half-written (or at once, for a first load; import.service.ts). The checking,
 * the at-once write and the index rebuild report their progress as they go; the run's phase
 * says which of them the job's done/total counts.
 */
export const registryImportJob: JobKind<z.infer<typeof ZImportJobParams>, ImportCheckpoint, ImportSummary> = {
  kind: 'registry.import',
  policy: registryPolicies.importFiles,
  params: ZImportJobParams,
  async run(ctx) {
    const onProgress = (done: number, total: number) => ctx.reportProgress({ done, total });
    await checkImport({
      database: ctx.database,
      scopeAreaCodes: ctx.params.scopeAreaCodes,
      runId: ctx.params.runId,
      onProgress,
      signal: ctx.signal,
    });
    if (ctx.signal.aborted) throw new ImportStoppedError();
    return applyImport({
      database: ctx.database,
      actor: ctx.actor,
      runId: ctx.params.runId,
      fromBatch: ctx.checkpoint?.nextBatch ?? 0,
      onProgress,
      onBatch: async (trx, progress) => {
        if (ctx.signal.aborted) throw new ImportStoppedError();
        await ctx.saveProgress(trx, {
          done: progress.done,
          total: progress.total,
          checkpoint: { nextBatch: progress.batch + 1 },
        });
      },
    });
  },
};
