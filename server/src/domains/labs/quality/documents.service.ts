import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { assertLabVisible, labViewOf } from '../labs.access';
import { refused } from '../refusals';
import * as repo from './quality.repo';

export interface VersionInput {
  versionLabel: string;
  authorName: string;
  reviewerName: string;
  approverName: string;
  effectiveOn: string;
  changeSummary: string;
}

/** The master list: each document with its current version, review due date and sign-offs. */
export async function listDocuments(options: {
  database: Database;
  actor: Actor;
  labCode?: string | undefined;
}) {
  return repo.listDocuments(options.database.db, labViewOf(options.actor), options.actor.id, options.labCode);
}

export type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number];

async function findDocument(database: Database, actor: Actor, id: string) {
  const row = (await listDocuments({ database, actor })).find((d) => d.id === id);
  if (!row) throw notFound(`Document ${id}`);
  return row;
}

export async function createDocument(options: {
  database: Database;
  audit: AuditContext;
  document: {
    labCode: string;
    docCode: string;
    title: string;
    kind: string;
    reviewIntervalMonths: number;
    firstVersion: VersionInput;
  };
}) {
  const d = options.document;
  assertLabVisible(labViewOf(options.audit.actor), d.labCode);
  const id = await options.database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lab_document')
      .values({
        lab_code: d.labCode,
        doc_code: d.docCode,
        title: d.title,
        kind: d.kind,
        review_interval_months: d.reviewIntervalMonths,
      })
      .onConflict((oc) => oc.columns(['lab_code', 'doc_code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw refused('conflict', 'document_exists', {
        args: { code: d.docCode, lab: d.labCode },
        path: ['docCode'],
      });
    await insertVersion(trx, row.id, d.firstVersion);
    await recordAudit(trx, options.audit, {
      action: 'labs.document.create',
      entityType: 'lab_document',
      entityId: row.id,
      after: d,
    });
    return row.id;
  });
  return findDocument(options.database, options.audit.actor, id);
}

async function insertVersion(trx: Transaction<DB>, documentId: string, v: VersionInput) {
  await trx
    .insertInto('lab_document_version')
    .values({
      document_id: documentId,
      version_label: v.versionLabel,
      author_name: v.authorName,
      reviewer_name: v.reviewerName,
      approver_name: v.approverName,
      effective_on: v.effectiveOn,
      change_summary: v.changeSummary,
    })
    .execute();
}

/** A new approved version becomes current; the previous one is archived (never deleted). */
export async function addVersion(options: {
  database: Database;
  audit: AuditContext;
  documentId: string;
  version: VersionInput;
}) {
  const doc = await findDocument(options.database, options.audit.actor, options.documentId);
  await options.database.db.transaction().execute(async (trx) => {
    await trx.selectFrom('lab_document').select('id').where('id', '=', doc.id).forUpdate().execute();
    const clash = await trx
      .selectFrom('lab_document_version')
      .select('id')
      .where('document_id', '=', doc.id)
      .where('version_label', '=', options.version.versionLabel)
      .executeTakeFirst();
    if (clash)
      throw refused('conflict', 'version_exists', {
        args: { version: options.version.versionLabel, code: doc.doc_code },
        path: ['versionLabel'],
      });
    await trx
      .updateTable('lab_document_version')
      .set({ is_current: false, archived_at: new Date() })
      .where('document_id', '=', doc.id)
      .where('is_current', '=', true)
      .execute();
    await insertVersion(trx, doc.id, options.version);
    await recordAudit(trx, options.audit, {
      action: 'labs.document.version',
      entityType: 'lab_document',
      entityId: doc.id,
      before: { versionLabel: doc.version_label },
      after: options.version,
    });
  });
  return findDocument(options.database, options.audit.actor, doc.id);
}

/** Read-and-sign: the signed-in user acknowledges the current version (once). */
export async function acknowledge(options: { database: Database; audit: AuditContext; documentId: string }) {
  const { actor } = options.audit;
  const doc = await findDocument(options.database, actor, options.documentId);
  if (!doc.version_id) throw refused('conflict', 'no_current_version', { args: { code: doc.doc_code } });
  if (actor.kind !== 'user') throw refused('forbidden', 'person_signs');
  await options.database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lab_document_ack')
      .values({ version_id: doc.version_id!, user_id: actor.id, user_name: actor.name })
      .onConflict((oc) => oc.doNothing())
      .returning('version_id')
      .executeTakeFirst();
    if (row)
      await recordAudit(trx, options.audit, {
        action: 'labs.document.acknowledge',
        entityType: 'lab_document',
        entityId: doc.id,
        after: { versionLabel: doc.version_label },
      });
  });
  return findDocument(options.database, actor, doc.id);
}
