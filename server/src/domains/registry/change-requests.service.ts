import type { ChangePayload } from '@mlob/contracts';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import type { Role } from '../../platform/roles';
import { areaScopeCondition, isAreaInScope } from '../../platform/scope';
import { todayInCambodia } from '../geography';
import { applyChange } from './life-events';
import { refused } from './refusals';

export const APPROVAL_LEVELS = ['commune', 'province', 'national'] as const;
type Level = (typeof APPROVAL_LEVELS)[number];
const RANK: Record<Level, number> = { commune: 1, province: 2, national: 3 };
/** The approval level each deciding role works at; a higher level may decide a lower one. */
const LEVEL_OF_ROLE: Partial<Record<Role, Level>> = {
  commune_officer: 'commune',
  provincial_officer: 'province',
  national_officer: 'national',
  admin: 'national',
};

/** Levels the actor may decide at. */
export function decidableLevels(role: Role): Level[] {
  const own = LEVEL_OF_ROLE[role];
  return own ? APPROVAL_LEVELS.filter((l) => RANK[l] <= RANK[own]) : [];
}

class DryRun extends Error {}

/** The village a change concerns, for scope and for approvers' queues. */
async function villageOf(database: Database, change: ChangePayload): Promise<string> {
  if (change.kind === 'new_household') return change.villageCode;
  const household = await database.db
    .selectFrom('household')
    .select('village_code')
    .where('id', '=', change.householdId)
    .executeTakeFirst();
  if (!household) throw notFound('Household');
  return household.village_code;
}

/**
 * Proposes a change. It is tried at once in a transaction that is rolled back, so a change
 * that could never apply is refused now rather than after two approvals. The approval
 * levels come from the rule in force for the change kind.
 */
export async function proposeChange(options: {
  database: Database;
  audit: AuditContext;
  change: ChangePayload;
  reason: string;
}) {
  const { database, audit, change } = options;
  const actor = audit.actor;
  const villageCode = await villageOf(database, change);
  if (!isAreaInScope(actor.scope, villageCode)) throw notFound('Household');
  const rule = await database.db
    .selectFrom('change_approval_rule')
    .select('levels')
    .where('change_kind', '=', change.kind)
    .where('effective_from', '<=', todayInCambodia())
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  if (!rule) throw refused('conflict', 'no_approval_rule', { args: { kind: change.kind } });
  try {
    await database.db.transaction().execute(async (trx) => {
      const probe = await trx
        .insertInto('registry_change')
        .values({
          kind: change.kind,
          source: 'change_request',
          actor_kind: actor.kind,
          actor_id: actor.id,
          reason: 'dry run',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await applyChange(trx, { change, changeId: probe.id, scope: actor.scope });
      throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return database.db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto('change_request')
      .values({
        kind: change.kind,
        village_code: villageCode,
        household_id: change.kind === 'new_household' ? null : change.householdId,
        member_id: 'memberId' in change ? (change.memberId ?? null) : null,
        payload: JSON.stringify(change),
        reason: options.reason,
        levels: rule.levels,
        requested_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: 'registry.change_request.create',
      entityType: 'change_request',
      entityId: request.id,
      after: { kind: change.kind, villageCode, levels: rule.levels },
      reason: options.reason,
    });
    return request;
  });
}

/** A request in the actor's scope, with its steps; 404 otherwise. */
export async function getChangeRequest(options: { database: Database; actor: Actor; id: string }) {
  const request = await options.database.db
    .selectFrom('change_request')
    .selectAll()
    .where('id', '=', options.id)
    .where((eb) => areaScopeCondition(eb, 'village_code', options.actor.scope))
    .executeTakeFirst();
  if (!request) throw notFound('Change request');
  const steps = await options.database.db
    .selectFrom('change_request_step')
    .selectAll()
    .where('change_request_id', '=', request.id)
    .orderBy('id')
    .execute();
  return { request, steps };
}

/**
 * Approves or rejects the awaited level. Maker-checker: the requester never decides, and no
 * one decides two levels of the same request. The last approval applies the change in the
 * same transaction, so an applied request and its registry change commit together.
 */
export async function decideChangeRequest(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  decision: 'approve' | 'reject';
  comment?: string | undefined;
}) {
  const { database, audit } = options;
  const actor = audit.actor;
  await getChangeRequest({ database, actor, id: options.id });
  return database.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('change_request')
      .selectAll()
      .where('id', '=', options.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (request.status !== 'pending')
      throw refused('conflict', 'request_decided', { args: { status: request.status } });
    const level = request.levels[request.next_level] as Level;
    if (!decidableLevels(actor.role).includes(level)) {
      throw refused('forbidden', 'level_not_yours', { args: { level } });
    }
    if (request.requested_by === actor.id) throw refused('forbidden', 'own_request');
    const earlier = await trx
      .selectFrom('change_request_step')
      .select('id')
      .where('change_request_id', '=', request.id)
      .where('decided_by', '=', actor.id)
      .executeTakeFirst();
    if (earlier) throw refused('forbidden', 'decided_earlier_level');
    if (options.decision === 'reject' && !options.comment) {
      throw refused('validation_failed', 'say_why_rejected', {
        path: ['comment'],
        detailMessage: 'required to reject',
      });
    }
    await trx
      .insertInto('change_request_step')
      .values({
        change_request_id: request.id,
        level,
        decision: options.decision === 'approve' ? 'approved' : 'rejected',
        decided_by: actor.id,
        comment: options.comment ?? null,
      })
      .execute();
    const isLast = request.next_level + 1 >= request.levels.length;
    let status = 'pending';
    let appliedChangeId: string | null = null;
    if (options.decision === 'reject') status = 'rejected';
    else if (isLast) {
      const change = await trx
        .insertInto('registry_change')
        .values({
          kind: request.kind,
          source: 'change_request',
          actor_kind: actor.kind,
          actor_id: actor.id,
          reason: request.reason,
          change_request_id: request.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Approval within the request's village: the decider's scope already covers it.
      await applyChange(trx, {
        change: request.payload as ChangePayload,
        changeId: change.id,
        scope: { kind: 'national' },
      });
      status = 'applied';
      appliedChangeId = change.id;
    }
    await trx
      .updateTable('change_request')
      .set({
        status,
        next_level: options.decision === 'approve' ? request.next_level + 1 : request.next_level,
        decided_at: status === 'pending' ? null : new Date(),
        rejection_reason: status === 'rejected' ? (options.comment ?? null) : null,
        applied_change_id: appliedChangeId,
      })
      .where('id', '=', request.id)
      .execute();
    await recordAudit(trx, audit, {
      action: `registry.change_request.${options.decision}`,
      entityType: 'change_request',
      entityId: request.id,
      before: { status: request.status, level },
      after: { status, appliedChangeId },
      reason: options.comment ?? null,
    });
    return getChangeRequestIn(trx, request.id);
  });
}

async function getChangeRequestIn(trx: Database['db'], id: string) {
  const request = await trx
    .selectFrom('change_request')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const steps = await trx
    .selectFrom('change_request_step')
    .selectAll()
    .where('change_request_id', '=', id)
    .orderBy('id')
    .execute();
  return { request, steps };
}

/** The approver's queue: pending requests in scope awaiting a level the actor decides. */
export async function listChangeRequests(options: {
  database: Database;
  actor: Actor;
  view: 'to-decide' | 'all';
  limit: number;
  offset: number;
}) {
  const { actor } = options;
  let query = options.database.db
    .selectFrom('change_request')
    .selectAll()
    .where((eb) => areaScopeCondition(eb, 'village_code', actor.scope));
  if (options.view === 'to-decide') {
    const levels = decidableLevels(actor.role);
    if (levels.length === 0) return [];
    query = query
      .where('status', '=', 'pending')
      .where(sql<boolean>`levels[next_level + 1] = ANY(${sql.val(levels)}::text[])`)
      .where('requested_by', '!=', actor.id);
  }
  const rows = await query.orderBy('requested_at').limit(options.limit).offset(options.offset).execute();
  // The approver sees which levels already agreed (one query for the page, not one per request).
  const steps =
    rows.length === 0
      ? []
      : await options.database.db
          .selectFrom('change_request_step')
          .selectAll()
          .where(
            'change_request_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute();
  return rows.map((request) => ({
    request,
    steps: steps.filter((step) => step.change_request_id === request.id),
  }));
}
