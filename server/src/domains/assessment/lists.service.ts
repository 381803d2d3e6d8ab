import type { ZObjectionRequest } from '@mlob/contracts';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { isAreaInScope } from '../../platform/scope';
import { todayInCambodia } from '../geography';
import { findRound, isVillageInRound } from './assessments.repo';
import { issueCardsForList } from './cards.service';
import { renderListPdf } from './list-pdf';
import * as repo from './lists.repo';
import { refused } from './refusals';

type ListStatus = 'draft' | 'displayed' | 'approved' | 'published';

/** Loads a list in scope inside the transaction, locked, and checks it is at `status`. */
async function listAt(trx: Transaction<DB>, actor: Actor, id: string, status: ListStatus) {
  const list = await repo.findListInScope(trx, id, actor.scope);
  if (!list) throw notFound(`List ${id}`);
  await trx.selectFrom('village_list').select('id').where('id', '=', id).forUpdate().execute();
  if (list.status !== status)
    throw refused('conflict', 'list_not_at_step', { args: { id, status: list.status, needed: status } });
  return list;
}

/** Step 1: the draft village list, generated from the scores. */
export async function createDraftList(options: {
  database: Database;
  audit: AuditContext;
  villageCode: string;
  roundId: string | null;
}) {
  const { audit, villageCode, roundId } = options;
  if (!isAreaInScope(audit.actor.scope, villageCode)) throw notFound(`Village ${villageCode}`);
  return options.database.db.transaction().execute(async (trx) => {
    if (roundId) {
      const round = await findRound(trx, roundId);
      if (!round) throw notFound(`Round ${roundId}`);
      if (!(await isVillageInRound(trx, roundId, villageCode)))
        throw refused('conflict', 'round_not_in_village', {
          args: { round: round.number, village: villageCode },
        });
      const existing = await trx
        .selectFrom('village_list')
        .select('id')
        .where('village_code', '=', villageCode)
        .where('round_id', '=', roundId)
        .executeTakeFirst();
      if (existing) throw refused('conflict', 'village_has_list', { args: { village: villageCode } });
    } else if (await repo.hasOpenOnDemandList(trx, villageCode)) {
      throw refused('conflict', 'village_has_open_list', { args: { village: villageCode } });
    }
    const list = await trx
      .insertInto('village_list')
      .values({ village_code: villageCode, round_id: roundId, created_by: audit.actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    const count = await repo.fillDraftList(trx, { listId: list.id, villageCode, roundId });
    if (count === 0) throw refused('conflict', 'nothing_to_list', { args: { village: villageCode } });
    await recordAudit(trx, audit, {
      action: 'assessment.list.draft',
      entityType: 'village_list',
      entityId: list.id,
      after: { villageCode, roundId, households: count },
    });
    return list.id;
  });
}

export async function getList(options: { database: Database; actor: Actor; id: string }) {
  const { db } = options.database;
  const list = await repo.findListInScope(db, options.id, options.actor.scope);
  if (!list) throw notFound(`List ${options.id}`);
  const [entries, objections] = await Promise.all([
    repo.listEntries(db, list.id),
    repo.listObjections(db, list.id),
  ]);
  return { list, entries, objections };
}

/** Step 2: the list is posted in the village (printable, Khmer) and the objection period opens. */
export async function displayList(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  objectionUntil: string;
}) {
  if (options.objectionUntil < todayInCambodia())
    throw refused('validation_failed', 'objection_period_past', {
      path: ['objectionUntil'],
      detailMessage: 'today or later',
    });
  await options.database.db.transaction().execute(async (trx) => {
    await listAt(trx, options.audit.actor, options.id, 'draft');
    await trx
      .updateTable('village_list')
      .set({ status: 'displayed', objection_until: options.objectionUntil, displayed_at: new Date() })
      .where('id', '=', options.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'assessment.list.display',
      entityType: 'village_list',
      entityId: options.id,
      before: { status: 'draft' },
      after: { status: 'displayed', objectionUntil: options.objectionUntil },
    });
  });
}

/** Step 3a: an objection, while the list is displayed and the period has not ended. */
export async function recordObjection(options: {
  database: Database;
  audit: AuditContext;
  listId: string;
  objection: z.infer<typeof ZObjectionRequest>;
}) {
  const { objection, audit } = options;
  return options.database.db.transaction().execute(async (trx) => {
    const list = await listAt(trx, audit.actor, options.listId, 'displayed');
    // The period runs up to (not including) objection_until: "objections before <date>".
    if (todayInCambodia() >= list.objection_until!)
      throw refused('conflict', 'objection_period_ended', { args: { date: list.objection_until ?? '' } });
    const entry = await trx
      .selectFrom('village_list_entry')
      .select('household_id')
      .where('list_id', '=', list.id)
      .where('household_id', '=', objection.householdId)
      .executeTakeFirst();
    if (!entry)
      throw refused('validation_failed', 'household_not_on_list', {
        path: ['householdId'],
        detailMessage: 'not assessed in this list',
      });
    const row = await trx
      .insertInto('list_objection')
      .values({
        list_id: list.id,
        household_id: objection.householdId,
        lodged_by_name: objection.lodgedByName,
        reason: objection.reason,
        requested_level: objection.requestedLevel,
        recorded_by: audit.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: 'assessment.objection.record',
      entityType: 'list_objection',
      entityId: row.id,
      after: {
        listId: list.id,
        householdId: objection.householdId,
        requestedLevel: objection.requestedLevel,
      },
      reason: objection.reason,
    });
    return row.id;
  });
}

/** Step 3b: the commune council decides; an upheld objection sets the household's final level. */
export async function decideObjection(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  decision: 'upheld' | 'rejected';
  reason: string;
}) {
  const { audit } = options;
  return options.database.db.transaction().execute(async (trx) => {
    const objection = await repo.findObjectionInScope(trx, options.id, audit.actor.scope);
    if (!objection) throw notFound(`Objection ${options.id}`);
    await listAt(trx, audit.actor, objection.list_id, 'displayed');
    if (objection.status !== 'open')
      throw refused('conflict', 'objection_decided', { args: { id: options.id, status: objection.status } });
    await trx
      .updateTable('list_objection')
      .set({
        status: options.decision,
        decision_reason: options.reason,
        decided_by: audit.actor.name,
        decided_at: new Date(),
      })
      .where('id', '=', objection.id)
      .execute();
    const entry = await trx
      .selectFrom('village_list_entry')
      .select('final_level')
      .where('list_id', '=', objection.list_id)
      .where('household_id', '=', objection.household_id)
      .executeTakeFirstOrThrow();
    if (options.decision === 'upheld') {
      await trx
        .updateTable('village_list_entry')
        .set({ final_level: objection.requested_level })
        .where('list_id', '=', objection.list_id)
        .where('household_id', '=', objection.household_id)
        .execute();
    }
    await recordAudit(trx, audit, {
      action: 'assessment.objection.decide',
      entityType: 'list_objection',
      entityId: objection.id,
      before: { status: 'open', finalLevel: entry.final_level },
      after: {
        status: options.decision,
        finalLevel: options.decision === 'upheld' ? objection.requested_level : entry.final_level,
      },
      reason: options.reason,
    });
  });
}

/** Step 4: commune council approval, once the period is over and every objection decided. */
export async function approveList(options: {
  database: Database;
  audit: AuditContext;
  id: string;
  councilDecisionRef: string;
}) {
  await options.database.db.transaction().execute(async (trx) => {
    const list = await listAt(trx, options.audit.actor, options.id, 'displayed');
    if (todayInCambodia() < list.objection_until!)
      throw refused('conflict', 'objection_period_runs', { args: { date: list.objection_until ?? '' } });
    const open = await trx
      .selectFrom('list_objection')
      .select('id')
      .where('list_id', '=', list.id)
      .where('status', '=', 'open')
      .execute();
    if (open.length > 0) throw refused('conflict', 'objections_open', { args: { count: open.length } });
    await trx
      .updateTable('village_list')
      .set({ status: 'approved', approved_at: new Date(), council_decision_ref: options.councilDecisionRef })
      .where('id', '=', list.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'assessment.list.approve',
      entityType: 'village_list',
      entityId: list.id,
      before: { status: 'displayed' },
      after: { status: 'approved', councilDecisionRef: options.councilDecisionRef },
    });
  });
}

/** Step 5: publication, which issues (and supersedes) Equity Cards in the same transaction. */
export async function publishList(options: { database: Database; audit: AuditContext; id: string }) {
  return options.database.db.transaction().execute(async (trx) => {
    const list = await listAt(trx, options.audit.actor, options.id, 'approved');
    await trx
      .updateTable('village_list')
      .set({ status: 'published', published_at: new Date() })
      .where('id', '=', list.id)
      .execute();
    const cards = await issueCardsForList(trx, options.audit, { listId: list.id, roundId: list.round_id });
    await recordAudit(trx, options.audit, {
      action: 'assessment.list.publish',
      entityType: 'village_list',
      entityId: list.id,
      before: { status: 'approved' },
      after: { status: 'published', cardsIssued: cards.issued, cardsSuperseded: cards.superseded },
    });
    return cards;
  });
}

/** The printable village list (PDF, Khmer first), at any step. */
export async function printList(options: { database: Database; actor: Actor; id: string }) {
  const { list, entries } = await getList(options);
  const isIllustrative = await repo.isListIllustrative(options.database.db, list.id);
  return renderListPdf({ list, entries, isIllustrative });
}
