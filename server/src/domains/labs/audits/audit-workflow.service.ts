import type { AuditStatus } from '@mlob/contracts';
import type { Database } from '../../../db/database';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { loadModelWith } from '../checklist/checklist.service';
import { assertMayConduct, assertMayReview, labViewOf } from '../labs.access';
import { reasonOf, refused, textOf } from '../refusals';
import { refreshAuditScore } from './audit-score';
import * as repo from './audits.repo';

export type AuditStep = 'submit' | 'approve' | 'publish' | 'reopen';

const FROM: Record<AuditStep, readonly AuditStatus[]> = {
  submit: ['draft'],
  approve: ['submitted'],
  publish: ['approved'],
  reopen: ['submitted', 'approved', 'published'],
};
const TO: Record<AuditStep, AuditStatus> = {
  submit: 'submitted',
  approve: 'approved',
  publish: 'published',
  reopen: 'draft',
};

/**
 * Moves an audit along draft → submitted → approved → published, or back to draft with a
 * reason. Submission needs every item answered; approval and publication are the Bureau's,
 * never the lead auditor's own. Each step is recorded in the audit trail in its transaction.
 */
export async function moveAudit(options: {
  database: Database;
  audit: AuditContext;
  auditId: string;
  step: AuditStep;
  reason?: string | undefined;
}) {
  const { actor } = options.audit;
  return options.database.db.transaction().execute(async (trx) => {
    const audit = await repo.lockAudit(trx, labViewOf(actor), options.auditId);
    if (!audit) throw notFound(`Audit ${options.auditId}`);
    const status = audit.status as AuditStatus;
    switch (options.step) {
      case 'submit':
        assertMayConduct(actor, audit);
        break;
      case 'approve':
      case 'publish':
        assertMayReview(actor, audit);
        break;
      case 'reopen':
        if (status === 'submitted' && labViewOf(actor).kind !== 'network') assertMayConduct(actor, audit);
        else assertMayReview({ ...actor, id: '' }, audit);
        break;
    }
    if (!FROM[options.step].includes(status))
      throw refused('conflict', 'audit_step_not_possible', { args: { status, step: options.step } });
    if (options.step === 'reopen' && (options.reason?.trim().length ?? 0) < 5)
      throw refused('validation_failed', 'reopen_reason', { path: ['reason'], detailMessage: 'is required' });
    if (options.step === 'submit') await assertComplete(trx, audit);
    const now = new Date();
    const to = TO[options.step];
    await trx
      .updateTable('lab_audit')
      .set({
        status: to,
        revision: audit.revision + 1,
        updated_at: now,
        ...(options.step === 'submit' ? { submitted_at: now } : {}),
        ...(options.step === 'approve' ? { approved_at: now } : {}),
        ...(options.step === 'publish' ? { published_at: now } : {}),
        ...(options.step === 'reopen' ? { approved_at: null, published_at: null } : {}),
      })
      .where('id', '=', audit.id)
      .execute();
    // The score is frozen with the lab's proficiency results as they stand when submitted and published.
    const score =
      options.step === 'submit' || options.step === 'publish' ? await refreshAuditScore(trx, audit) : null;
    await repo.insertTransition(trx, {
      audit_id: audit.id,
      from_status: status,
      to_status: to,
      reason: options.reason?.trim() || null,
      by_user: actor.kind === 'user' ? actor.id : null,
      by_name: actor.name,
    });
    await recordAudit(trx, options.audit, {
      action: `labs.audit.${options.step}`,
      entityType: 'lab_audit',
      entityId: audit.id,
      before: { status },
      after: {
        status: to,
        ...(score ? { points: score.points, maxPoints: score.maxPoints, stars: score.stars } : {}),
      },
      reason: options.reason?.trim() || null,
    });
    return audit.id;
  });
}

async function assertComplete(trx: Parameters<typeof loadModelWith>[0], audit: repo.AuditRow) {
  const model = await loadModelWith(trx, audit.checklist_version_id);
  const answered = new Set((await repo.answersOf(trx, audit.id)).map((a) => a.item_id));
  const missing: string[] = [];
  for (const s of model.sections)
    for (const q of s.questions) {
      if (q.subQuestions.length === 0) {
        if (!answered.has(q.id)) missing.push(q.id);
      } else for (const sub of q.subQuestions) if (!answered.has(sub.id)) missing.push(sub.id);
    }
  if (missing.length > 0) {
    const args = { count: missing.length, first: missing.slice(0, 5).join(', ') };
    // Each item carries the reason too: the web app shows named fields instead of the message.
    throw refused('conflict', 'items_not_answered', {
      args: args,
      details: missing.slice(0, 50).map((id) => ({
        path: ['answers', id],
        message: textOf('item_not_answered'),
        ...reasonOf('item_not_answered'),
      })),
    });
  }
}
