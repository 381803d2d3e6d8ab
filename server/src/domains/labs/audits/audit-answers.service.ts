import type { AnswerChange } from '@mlob/contracts';
import type { Insertable } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { loadModelWith } from '../checklist/checklist.service';
import type { ChecklistModel } from '../checklist/checklist-model';
import { assertMayConduct, labViewOf } from '../labs.access';
import { refreshAuditScore } from './audit-score';
import * as repo from './audits.repo';

export type SyncOutcome = 'applied' | 'duplicate' | 'stale' | 'rejected';

/** Items an audit answers: questions without sub-questions, and sub-questions. */
function leafItems(model: ChecklistModel) {
  const leaves = new Map<string, readonly string[]>();
  const parents = new Set<string>();
  for (const s of model.sections)
    for (const q of s.questions) {
      if (q.subQuestions.length === 0) leaves.set(q.id, q.answers);
      else parents.add(q.id);
      for (const sub of q.subQuestions) leaves.set(sub.id, sub.answers);
    }
  return { leaves, parents };
}

function isNewer(a: { at: Date; id: string }, b: { at: Date; id: string }): boolean {
  return a.at.getTime() !== b.at.getTime() ? a.at.getTime() > b.at.getTime() : a.id > b.id;
}

/**
 * Applies a batch of answer changes from a device that may have been offline. Idempotent:
 * a change id seen before answers "duplicate" and changes nothing. Of two edits of the same
 * item, the later (client time, then change id) wins whatever order they arrive in; the
 * earlier is kept in the change log as "stale". Invalid changes are refused one by one with
 * a reason and not recorded, so the device can correct and resend them.
 */
export async function syncAnswers(options: {
  database: Database;
  audit: AuditContext;
  auditId: string;
  changes: readonly AnswerChange[];
}) {
  const { actor } = options.audit;
  return options.database.db.transaction().execute(async (trx) => {
    const audit = await repo.lockAudit(trx, labViewOf(actor), options.auditId);
    if (!audit) throw notFound(`Audit ${options.auditId}`);
    assertMayConduct(actor, audit);
    const { leaves, parents } = leafItems(await loadModelWith(trx, audit.checklist_version_id));
    const seen = new Map(
      (
        await repo.findChanges(
          trx,
          options.changes.map((c) => c.changeId),
        )
      ).map((c) => [c.change_id, c]),
    );
    const itemIds = [...new Set(options.changes.map((c) => c.itemId))];
    const current = new Map(
      (
        await trx
          .selectFrom('lab_audit_answer')
          .selectAll()
          .where('audit_id', '=', audit.id)
          .where('item_id', 'in', itemIds)
          .execute()
      ).map((a) => [a.item_id, a]),
    );
    // The change log, not the answer table, orders edits: a cleared answer leaves no row.
    const latest = new Map<string, { at: Date; id: string }>();
    const appliedBefore = await trx
      .selectFrom('lab_audit_answer_change')
      .select(['item_id', 'client_at', 'change_id'])
      .where('audit_id', '=', audit.id)
      .where('item_id', 'in', itemIds)
      .where('outcome', '=', 'applied')
      .execute();
    for (const c of appliedBefore) {
      const candidate = { at: c.client_at, id: c.change_id };
      const known = latest.get(c.item_id);
      if (!known || isNewer(candidate, known)) latest.set(c.item_id, candidate);
    }
    const ordered = [...options.changes].sort((a, b) =>
      isNewer({ at: new Date(a.clientAt), id: a.changeId }, { at: new Date(b.clientAt), id: b.changeId })
        ? 1
        : -1,
    );
    const results = new Map<string, { changeId: string; outcome: SyncOutcome; message?: string }>();
    const changeRows: Insertable<DB['lab_audit_answer_change']>[] = [];
    const finalByItem = new Map<string, AnswerChange>();
    for (const change of ordered) {
      const refuse = (message: string) =>
        results.set(change.changeId, { changeId: change.changeId, outcome: 'rejected', message });
      if (results.has(change.changeId)) continue; // the same change twice in one batch
      const previous = seen.get(change.changeId);
      if (previous) {
        if (previous.audit_id !== audit.id) refuse('this change id was used for another audit');
        else results.set(change.changeId, { changeId: change.changeId, outcome: 'duplicate' });
        continue;
      }
      if (audit.status !== 'draft') {
        refuse(`the audit is ${audit.status}; it must be reopened before answers change`);
        continue;
      }
      const offered = leaves.get(change.itemId);
      if (!offered) {
        refuse(
          parents.has(change.itemId)
            ? `answer the sub-questions of ${change.itemId}`
            : `unknown item ${change.itemId}`,
        );
        continue;
      }
      if (change.answer !== null && !offered.includes(change.answer)) {
        refuse(`"${change.answer}" is not offered for ${change.itemId}; it offers ${offered.join(', ')}`);
        continue;
      }
      const justification = change.naJustification?.trim() || null;
      if (change.answer === 'na' && !justification) {
        refuse(`N/A on ${change.itemId} needs a justification`);
        continue;
      }
      const clientAt = new Date(change.clientAt);
      const known = latest.get(change.itemId);
      const isStale = known !== undefined && !isNewer({ at: clientAt, id: change.changeId }, known);
      changeRows.push({
        change_id: change.changeId,
        audit_id: audit.id,
        item_id: change.itemId,
        answer: change.answer,
        comment: change.comment ?? null,
        na_justification: justification,
        client_at: clientAt,
        outcome: isStale ? 'stale' : 'applied',
        received_by: actor.kind === 'user' ? actor.id : null,
      });
      if (isStale) {
        results.set(change.changeId, {
          changeId: change.changeId,
          outcome: 'stale',
          message: 'a later edit of this item is kept',
        });
        continue;
      }
      latest.set(change.itemId, { at: clientAt, id: change.changeId });
      finalByItem.set(change.itemId, {
        ...change,
        naJustification: justification,
        clientAt: clientAt.toISOString(),
      });
      results.set(change.changeId, { changeId: change.changeId, outcome: 'applied' });
    }
    // Written set-based: the change log in one statement, then each item's final answer.
    for (let i = 0; i < changeRows.length; i += 500)
      await trx
        .insertInto('lab_audit_answer_change')
        .values(changeRows.slice(i, i + 500))
        .execute();
    const finals = [...finalByItem.values()];
    const cleared = finals.filter((c) => c.answer === null).map((c) => c.itemId);
    if (cleared.length > 0)
      await trx
        .deleteFrom('lab_audit_answer')
        .where('audit_id', '=', audit.id)
        .where('item_id', 'in', cleared)
        .execute();
    const now = new Date();
    const upserts = finals.flatMap((c) =>
      c.answer === null
        ? []
        : [
            {
              audit_id: audit.id,
              item_id: c.itemId,
              answer: c.answer,
              comment: c.comment ?? null,
              na_justification: c.answer === 'na' ? (c.naJustification ?? null) : null,
              client_change_id: c.changeId,
              client_at: new Date(c.clientAt),
              updated_by: actor.kind === 'user' ? actor.id : null,
              updated_at: now,
            },
          ],
    );
    for (let i = 0; i < upserts.length; i += 500)
      await trx
        .insertInto('lab_audit_answer')
        .values(upserts.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['audit_id', 'item_id']).doUpdateSet((eb) => ({
            answer: eb.ref('excluded.answer'),
            comment: eb.ref('excluded.comment'),
            na_justification: eb.ref('excluded.na_justification'),
            client_change_id: eb.ref('excluded.client_change_id'),
            client_at: eb.ref('excluded.client_at'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    const applied = finals.map((c) => {
      const existing = current.get(c.itemId);
      return {
        itemId: c.itemId,
        before: existing ? { answer: existing.answer, comment: existing.comment } : null,
        after: c.answer === null ? null : { answer: c.answer, comment: c.comment ?? null },
      };
    });
    let revision = audit.revision;
    let summary = {
      points: audit.points,
      maxPoints: audit.max_points,
      percent: Number(audit.percent),
      stars: audit.stars,
    };
    if (applied.length > 0) {
      revision += 1;
      await trx.updateTable('lab_audit').set({ revision }).where('id', '=', audit.id).execute();
      const score = await refreshAuditScore(trx, audit);
      summary = {
        points: score.points,
        maxPoints: score.maxPoints,
        percent: score.percent,
        stars: score.stars,
      };
      await recordAudit(trx, options.audit, {
        action: 'labs.audit.answers',
        entityType: 'lab_audit',
        entityId: audit.id,
        before: Object.fromEntries(applied.map((a) => [a.itemId, a.before])),
        after: Object.fromEntries(applied.map((a) => [a.itemId, a.after])),
      });
    }
    return { results: options.changes.map((c) => results.get(c.changeId)!), revision, ...summary };
  });
}
