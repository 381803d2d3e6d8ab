import { z } from 'zod';
import { GENESIS_HASH, type VerifyState, verifyAuditChunk } from '../../platform/audit/audit';
import type { JobKind } from '../../platform/jobs/job-kinds';
import { auditPolicies } from './audit.policy';

export interface AuditVerifyResult {
  checked: number;
  isIntact: boolean;
  problems: { seq: number; problem: string }[];
}

/**
 * Verifies the audit chain as a resumable job: the checkpoint is the last verified row and
 * its hash, so a verification interrupted on a big trail continues where it stopped.
 */
export const auditVerifyJob: JobKind<{ chunkSize: number }, VerifyState, AuditVerifyResult> = {
  kind: 'audit.verify',
  policy: auditPolicies.verify,
  params: z.object({ chunkSize: z.number().int().min(10).max(100_000).default(5000) }),
  async run(ctx) {
    const { db } = ctx.database;
    const total = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let state: VerifyState = ctx.checkpoint ?? { lastSeq: 0, lastHash: GENESIS_HASH, problems: [] };
    for (;;) {
      if (ctx.signal.aborted) throw new Error('stopped');
      const step = await verifyAuditChunk(db, state, ctx.params.chunkSize);
      state = step.state;
      const checkpoint = state;
      await db
        .transaction()
        .execute((trx) => ctx.saveProgress(trx, { done: state.lastSeq, total: Number(total.n), checkpoint }));
      if (step.isDone) break;
    }
    return { checked: state.lastSeq, isIntact: state.problems.length === 0, problems: state.problems };
  },
};
