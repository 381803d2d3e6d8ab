import type { EnrolmentState } from '@mlob/contracts';
import type { Database } from '../../db/database';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import * as enrolmentRepo from './enrolment.repo';
import * as repo from './programmes.repo';
import { refused } from './refusals';

export type DecisionAction = 'include' | 'exclude' | 'pause' | 'resume' | 'exit';

/** What each manual action needs and does: allowed current states, the new state, and whether it sticks. */
const ACTIONS: Record<
  DecisionAction,
  { from: readonly (EnrolmentState | null)[]; to: EnrolmentState; isManual: boolean | null }
> = {
  include: {
    from: [null, 'eligible', 'exited', 'rejected', 'duplicate', 'paused'],
    to: 'enrolled',
    isManual: true,
  },
  exclude: { from: [null, 'eligible', 'enrolled', 'paused', 'exited'], to: 'rejected', isManual: true },
  pause: { from: ['enrolled'], to: 'paused', isManual: null },
  resume: { from: ['paused'], to: 'enrolled', isManual: null },
  exit: { from: ['eligible', 'enrolled', 'paused'], to: 'exited', isManual: true },
};

/**
 * A programme officer's decision on one household, with a reason, audited. Inclusion and
 * exclusion are manual decisions that later enrolment runs respect.
 */
export async function decideEnrolment(options: {
  database: Database;
  audit: AuditContext;
  code: string;
  householdRef: string;
  action: DecisionAction;
  reason: string;
}) {
  const rule = ACTIONS[options.action];
  return options.database.db.transaction().execute(async (trx) => {
    const programme = await repo.findProgrammeByCode(trx, options.code);
    if (!programme) throw notFound('Programme');
    const version = await repo.findActiveVersion(trx, programme.id);
    if (!version) throw refused('conflict', 'no_version_in_force');
    const household = await trx
      .selectFrom('household')
      .select(['id', 'status'])
      .where('household_ref', '=', options.householdRef)
      .executeTakeFirst();
    if (!household) throw notFound('Household');
    const current = await trx
      .selectFrom('enrolment')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .where('household_id', '=', household.id)
      .forUpdate()
      .executeTakeFirst();
    const from = (current?.state ?? null) as EnrolmentState | null;
    if (!rule.from.includes(from))
      throw refused('conflict', from === null ? 'action_needs_enrolment' : 'action_not_allowed', {
        args: from === null ? { action: options.action } : { action: options.action, from },
        path: ['action'],
        detailMessage: `allowed from: ${rule.from.map((s) => s ?? 'not in the programme').join(', ')}`,
      });
    if (options.action === 'include' && household.status !== 'active')
      throw refused('conflict', 'household_not_active', { args: { status: household.status } });
    const actorId = options.audit.actor.id ?? 'system';
    const values = {
      state: rule.to,
      reason: options.reason,
      is_manual: rule.isManual ?? current?.is_manual ?? false,
      programme_version_id: version.id,
      run_id: null,
      changed_by: actorId,
    };
    if (current)
      await trx
        .updateTable('enrolment')
        .set(values)
        .where('programme_id', '=', programme.id)
        .where('household_id', '=', household.id)
        .execute();
    else
      await trx
        .insertInto('enrolment')
        .values({ ...values, programme_id: programme.id, household_id: household.id })
        .execute();
    await recordAudit(trx, options.audit, {
      action: `programme.enrolment.${options.action}`,
      entityType: 'enrolment',
      entityId: `${programme.code}/${options.householdRef}`,
      before: current ? { state: current.state, reason: current.reason, isManual: current.is_manual } : null,
      after: { state: values.state, isManual: values.is_manual },
      reason: options.reason,
    });
    return { state: rule.to, isManual: values.is_manual };
  });
}

/** Counts by state and a page of households (optionally one state). */
export async function listEnrolment(options: {
  database: Database;
  code: string;
  state?: EnrolmentState | undefined;
  limit: number;
  offset: number;
}) {
  const { db } = options.database;
  const programme = await repo.findProgrammeByCode(db, options.code);
  if (!programme) throw notFound('Programme');
  let query = db
    .selectFrom('enrolment as e')
    .innerJoin('household as h', 'h.id', 'e.household_id')
    .select(['h.household_ref', 'h.village_code', 'e.state', 'e.reason', 'e.is_manual', 'e.changed_at'])
    .where('e.programme_id', '=', programme.id);
  if (options.state) query = query.where('e.state', '=', options.state);
  const items = await query.orderBy('h.household_ref').limit(options.limit).offset(options.offset).execute();
  return { counts: await enrolmentRepo.stateCounts(db, programme.id), items };
}

/** A household's states in a programme over time, oldest first. */
export async function enrolmentHistory(options: { database: Database; code: string; householdRef: string }) {
  const { db } = options.database;
  const programme = await repo.findProgrammeByCode(db, options.code);
  if (!programme) throw notFound('Programme');
  const household = await db
    .selectFrom('household')
    .select('id')
    .where('household_ref', '=', options.householdRef)
    .executeTakeFirst();
  if (!household) throw notFound('Household');
  const past = await db
    .selectFrom('enrolment_history')
    .selectAll()
    .where('programme_id', '=', programme.id)
    .where('household_id', '=', household.id)
    .orderBy('id')
    .execute();
  const current = await db
    .selectFrom('enrolment')
    .selectAll()
    .where('programme_id', '=', programme.id)
    .where('household_id', '=', household.id)
    .executeTakeFirst();
  return [
    ...past.map((p) => ({
      state: p.state,
      reason: p.reason,
      isManual: p.is_manual,
      from: p.valid_from,
      to: p.valid_to,
    })),
    ...(current
      ? [
          {
            state: current.state,
            reason: current.reason,
            isManual: current.is_manual,
            from: current.changed_at,
            to: null,
          },
        ]
      : []),
  ];
}
