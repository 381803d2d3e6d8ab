import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { AppError, notFound } from '../../platform/errors';
import * as repo from './cycles.repo';
import * as programmesRepo from './programmes.repo';
import { refused } from './refusals';
import { parseMemberConditionOrFail } from './rule-check';
import { compileMemberCondition } from './rules/rule-sql';

/** Maps a database refusal (maker-checker trigger, unique key) to a conflict. */
export function conflictFromDatabase(error: unknown): never {
  const e = error as { code?: string; message?: string };
  if (e.code === '23514' || e.code === '23505' || e.code === 'P0001')
    throw new AppError('conflict', e.message ?? 'The database refused the change.');
  throw error;
}

/**
 * Prepares a cycle: the beneficiaries enrolled now and their amounts, computed in SQL from
 * the benefit table and frozen (later registry or enrolment edits do not change them).
 * One cycle per programme and period: preparing it twice is a conflict.
 */
export async function prepareCycle(options: {
  database: Database;
  audit: AuditContext;
  code: string;
  period: string;
  onDate?: string | undefined;
}) {
  const onDate = options.onDate ?? `${options.period.slice(0, 7)}-01`;
  try {
    return await options.database.db.transaction().execute(async (trx) => {
      const programme = await programmesRepo.findProgrammeByCode(trx, options.code);
      if (!programme) throw notFound('Programme');
      const version = await programmesRepo.findActiveVersion(trx, programme.id);
      if (!version) throw refused('conflict', 'no_version_in_force');
      if (
        onDate < version.effective_from ||
        (version.effective_until !== null && onDate > version.effective_until)
      )
        throw refused('conflict', version.effective_until === null ? 'version_dates_open' : 'version_dates', {
          args: { from: version.effective_from, until: version.effective_until ?? '', date: onDate },
          path: ['period'],
          detailMessage: 'outside the version dates',
        });
      const components = await programmesRepo.listBenefits(trx, [version.id]);
      const categories = components
        .filter((c) => c.component === 'per_member_in_category' && c.category_rule)
        .map((c) => ({
          componentId: c.id,
          condition: compileMemberCondition(
            parseMemberConditionOrFail(c.category_rule!, ['benefits', c.id]),
            {
              memberAlias: 'pm',
              onDate,
            },
          ),
        }));
      const cycleId = randomUUID();
      const enrolled = await repo.countEnrolled(trx, programme.id);
      await repo.insertSnapshot(trx, {
        cycleId,
        programmeId: programme.id,
        versionId: version.id,
        onDate,
        categories,
      });
      const totals = await repo.snapshotTotals(trx, cycleId);
      const cycle = await trx
        .insertInto('programme_cycle')
        .values({
          id: cycleId,
          programme_id: programme.id,
          programme_version_id: version.id,
          period: options.period,
          on_date: onDate,
          approval_roles: version.approval_roles,
          household_count: totals.households,
          member_count: totals.members,
          total_riel: Number(totals.total),
          unconfirmed_count: totals.unconfirmed,
          unpriced_count: enrolled - totals.households,
          prepared_by: options.audit.actor.id ?? 'system',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, options.audit, {
        action: 'programme.cycle.prepare',
        entityType: 'programme_cycle',
        entityId: cycleId,
        after: { programme: programme.code, period: options.period, ...totals },
      });
      return cycle;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw refused('conflict', 'cycle_exists', {
        args: { period: options.period },
        path: ['period'],
        detailMessage: 'already prepared',
      });
    throw error;
  }
}

/**
 * One approval step. The database enforces the order, the step's role, and that neither the
 * preparer nor an earlier checker decides it (migration 0402); refusals read as conflicts.
 */
export async function decideCycle(options: {
  database: Database;
  audit: AuditContext;
  actor: Actor;
  cycleId: string;
  stepNo: number;
  decision: 'approved' | 'rejected';
  comment: string;
}) {
  try {
    await options.database.db.transaction().execute(async (trx) => {
      const cycle = await trx
        .selectFrom('programme_cycle')
        .select(['id', 'status'])
        .where('id', '=', options.cycleId)
        .executeTakeFirst();
      if (!cycle) throw notFound('Cycle');
      await trx
        .insertInto('cycle_approval')
        .values({
          cycle_id: options.cycleId,
          step_no: options.stepNo,
          role: options.actor.role,
          decision: options.decision,
          decided_by: options.actor.id ?? 'system',
          comment: options.comment,
        })
        .execute();
      await recordAudit(trx, options.audit, {
        action: `programme.cycle.${options.decision === 'approved' ? 'approve' : 'reject'}`,
        entityType: 'programme_cycle',
        entityId: options.cycleId,
        after: { stepNo: options.stepNo, decision: options.decision },
        reason: options.comment || null,
      });
    });
  } catch (error) {
    conflictFromDatabase(error);
  }
  return getCycle({ database: options.database, cycleId: options.cycleId });
}

export async function getCycle(options: { database: Database; cycleId: string }) {
  const { db } = options.database;
  const cycle = await db
    .selectFrom('programme_cycle as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .selectAll('c')
    .select('p.code as programme_code')
    .where('c.id', '=', options.cycleId)
    .executeTakeFirst();
  if (!cycle) throw notFound('Cycle');
  const approvals = await db
    .selectFrom('cycle_approval')
    .selectAll()
    .where('cycle_id', '=', cycle.id)
    .orderBy('step_no')
    .execute();
  return { cycle, approvals };
}

export async function listCycles(options: { database: Database; code: string }) {
  const { db } = options.database;
  const programme = await programmesRepo.findProgrammeByCode(db, options.code);
  if (!programme) throw notFound('Programme');
  const rows = await db
    .selectFrom('programme_cycle')
    .select('id')
    .where('programme_id', '=', programme.id)
    .orderBy('period', 'desc')
    .execute();
  return Promise.all(rows.map((r) => getCycle({ database: options.database, cycleId: r.id })));
}
