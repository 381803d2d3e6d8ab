import { createHash } from 'node:crypto';
import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { loadModelWith } from '../checklist/checklist.service';
import { answerableItems } from '../checklist/scoring';
import { assertMayConduct, labViewOf } from '../labs.access';
import { refused } from '../refusals';
import * as repo from './audits.repo';

const MAX_BYTES = 5 * 1024 * 1024;

/** Attaches an evidence file (photo, scanned record) to an audit item while the audit is a draft. */
export async function addEvidence(options: {
  database: Database;
  audit: AuditContext;
  auditId: string;
  itemId: string;
  fileName: string;
  contentType: string;
  contentBase64: string;
}) {
  const { actor } = options.audit;
  return options.database.db.transaction().execute(async (trx) => {
    const audit = await repo.lockAudit(trx, labViewOf(actor), options.auditId);
    if (!audit) throw notFound(`Audit ${options.auditId}`);
    assertMayConduct(actor, audit);
    if (audit.status !== 'draft')
      throw refused('conflict', 'evidence_audit_not_draft', { args: { status: audit.status } });
    const model = await loadModelWith(trx, audit.checklist_version_id);
    if (!answerableItems(model).has(options.itemId))
      throw refused('validation_failed', 'unknown_item', {
        args: { item: options.itemId },
        path: ['itemId'],
        detailMessage: 'is not in the checklist',
      });
    const content = Buffer.from(options.contentBase64, 'base64');
    if (content.length === 0 || content.length > MAX_BYTES)
      throw refused('validation_failed', 'evidence_size', {
        path: ['contentBase64'],
        detailMessage: 'is empty or too large',
      });
    const sha256 = createHash('sha256').update(content).digest('hex');
    const row = await trx
      .insertInto('lab_audit_evidence')
      .values({
        audit_id: audit.id,
        item_id: options.itemId,
        file_name: options.fileName,
        content_type: options.contentType,
        size_bytes: content.length,
        sha256,
        content,
        uploaded_by: actor.kind === 'user' ? actor.id : null,
      })
      .returning(['id', 'item_id', 'file_name', 'content_type', 'size_bytes'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'labs.audit.evidence.add',
      entityType: 'lab_audit',
      entityId: audit.id,
      after: {
        evidenceId: row.id,
        itemId: options.itemId,
        fileName: options.fileName,
        sha256,
        sizeBytes: content.length,
      },
    });
    return row;
  });
}

/** An evidence file's content, for those who see the audit. */
export async function getEvidence(options: {
  database: Database;
  actor: Actor;
  auditId: string;
  evidenceId: string;
}) {
  const db = options.database.db;
  const audit = await repo.findAudit(db, labViewOf(options.actor), options.auditId);
  if (!audit) throw notFound(`Audit ${options.auditId}`);
  const file = await db
    .selectFrom('lab_audit_evidence')
    .selectAll()
    .where('id', '=', options.evidenceId)
    .where('audit_id', '=', audit.id)
    .executeTakeFirst();
  if (!file) throw notFound(`Evidence ${options.evidenceId}`);
  return file;
}
