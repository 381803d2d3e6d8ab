import type { Database } from '../../db/database';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { todayInCambodia } from '../geography';
import { programmeRefused } from '../programmes';
import * as repo from './payroll.repo';

/**
 * Generates the payroll of an approved cycle in ONE transaction: payroll, batches, payments,
 * attempts and SMS alerts commit together or not at all (a crash leaves nothing). Generating
 * again, concurrently or later, returns the existing payroll (UNIQUE cycle_id) and writes nothing.
 */
export async function generatePayroll(options: {
  database: Database;
  audit: AuditContext;
  cycleId: string;
  withdrawalFrom?: string | undefined;
}) {
  const { db } = options.database;
  const cycle = await db
    .selectFrom('programme_cycle')
    .select(['id', 'status'])
    .where('id', '=', options.cycleId)
    .executeTakeFirst();
  if (!cycle) throw notFound('Cycle');
  if (cycle.status !== 'approved')
    throw programmeRefused('conflict', 'cycle_not_approved', { args: { status: cycle.status } });
  const created = await db.transaction().execute(async (trx) => {
    const payrollId = await repo.insertPayroll(trx, {
      cycleId: options.cycleId,
      withdrawalFrom: options.withdrawalFrom ?? todayInCambodia(),
      actorId: options.audit.actor.id ?? 'system',
    });
    if (payrollId)
      await recordAudit(trx, options.audit, {
        action: 'payments.payroll.generate',
        entityType: 'payroll',
        entityId: payrollId,
        after: { cycleId: options.cycleId },
      });
    return payrollId;
  });
  const payroll = await db
    .selectFrom('payroll')
    .select('id')
    .where('cycle_id', '=', options.cycleId)
    .executeTakeFirstOrThrow();
  return { payrollId: payroll.id, isNew: created !== null };
}

export async function getPayroll(options: { database: Database; payrollId?: string; cycleId?: string }) {
  const { db } = options.database;
  let query = db.selectFrom('payroll').selectAll();
  if (options.payrollId) query = query.where('id', '=', options.payrollId);
  if (options.cycleId) query = query.where('cycle_id', '=', options.cycleId);
  const payroll = await query.executeTakeFirst();
  if (!payroll) throw notFound('Payroll');
  const batches = await db
    .selectFrom('payment_batch')
    .selectAll()
    .where('payroll_id', '=', payroll.id)
    .orderBy('provider_code')
    .orderBy('batch_no')
    .execute();
  return { payroll, batches };
}

/** Re-issues failed payments in new batches (audited with the reason). */
export async function reissueFailed(options: {
  database: Database;
  audit: AuditContext;
  payrollId: string;
  reason: string;
}) {
  return options.database.db.transaction().execute(async (trx) => {
    const batches = await repo.reissueFailed(trx, {
      payrollId: options.payrollId,
      actorId: options.audit.actor.id ?? 'system',
    });
    await recordAudit(trx, options.audit, {
      action: 'payments.reissue',
      entityType: 'payroll',
      entityId: options.payrollId,
      after: { batches: batches.map((b) => ({ provider: b.provider_code, batchNo: b.batch_no })) },
      reason: options.reason,
    });
    return batches;
  });
}

/** Expires unclaimed payments whose withdrawal window has closed (they stay counted as unclaimed). */
export async function expireUnclaimed(options: {
  database: Database;
  audit: AuditContext;
  payrollId: string;
  today?: string;
}) {
  return options.database.db.transaction().execute(async (trx) => {
    const expired = await repo.expireUnclaimed(trx, {
      payrollId: options.payrollId,
      today: options.today ?? todayInCambodia(),
    });
    await recordAudit(trx, options.audit, {
      action: 'payments.expire_unclaimed',
      entityType: 'payroll',
      entityId: options.payrollId,
      after: { expired },
    });
    return expired;
  });
}
