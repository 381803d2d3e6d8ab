import { z } from 'zod';
import type { JobKind } from '../../platform/jobs/job-kinds';
import { paymentPolicies } from './payments.policy';
import { generatePayroll } from './payroll.service';

export const ZPayrollJobParams = z.object({ cycleId: z.uuid(), withdrawalFrom: z.iso.date().optional() });
export type PayrollJobParams = z.infer<typeof ZPayrollJobParams>;

/**
 * Payroll generation as a job, for national-size cycles: the work is ONE transaction (all or
 * nothing), so progress jumps from 0 to the beneficiary count when it commits; a job that dies
 * is simply run again, which finds the payroll if it committed and writes it if not.
 */
export const payrollJob: JobKind<
  PayrollJobParams,
  { isDone: boolean },
  { payrollId: string; isNew: boolean }
> = {
  kind: 'payments.payroll',
  policy: paymentPolicies.generate,
  params: ZPayrollJobParams,
  async run(ctx) {
    const { db } = ctx.database;
    const cycle = await db
      .selectFrom('programme_cycle')
      .select('household_count')
      .where('id', '=', ctx.params.cycleId)
      .executeTakeFirstOrThrow();
    await db
      .transaction()
      .execute((trx) =>
        ctx.saveProgress(trx, { done: 0, total: cycle.household_count, checkpoint: { isDone: false } }),
      );
    const result = await generatePayroll({
      database: ctx.database,
      audit: { actor: ctx.actor },
      cycleId: ctx.params.cycleId,
      withdrawalFrom: ctx.params.withdrawalFrom,
    });
    await db.transaction().execute((trx) =>
      ctx.saveProgress(trx, {
        done: cycle.household_count,
        total: cycle.household_count,
        checkpoint: { isDone: true },
      }),
    );
    return result;
  },
};
