import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { auditScopeCondition, type LabView } from '../labs.access';

type Db = Kysely<DB> | Transaction<DB>;

function auditsQuery(db: Db, view: LabView) {
  return db
    .selectFrom('lab_audit as a')
    .innerJoin('lab as l', 'l.code', 'a.lab_code')
    .selectAll('a')
    .select(['l.name_en as lab_name_en', 'l.name_km as lab_name_km'])
    .where(auditScopeCondition(view, 'a'));
}

/** One audit within view (undefined when missing or out of scope). */
export async function findAudit(db: Db, view: LabView, id: string) {
  return auditsQuery(db, view).where('a.id', '=', id).executeTakeFirst();
}

export type AuditRow = NonNullable<Awaited<ReturnType<typeof findAudit>>>;

/** Locks the audit row for a change (answers, workflow), so concurrent syncs serialise. */
export async function lockAudit(trx: Transaction<DB>, view: LabView, id: string) {
  return auditsQuery(trx, view).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

export async function listAudits(
  db: Db,
  view: LabView,
  filter: { labCode?: string | undefined; status?: string | undefined; limit: number; offset: number },
) {
  let query = auditsQuery(db, view);
  if (filter.labCode) query = query.where('a.lab_code', '=', filter.labCode);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  return query
    .orderBy('a.audit_date', 'desc')
    .orderBy('a.created_at', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function answersOf(db: Db, auditId: string) {
  return db
    .selectFrom('lab_audit_answer')
    .selectAll()
    .where('audit_id', '=', auditId)
    .orderBy('item_id')
    .execute();
}

export type AnswerRow = Awaited<ReturnType<typeof answersOf>>[number];

export async function transitionsOf(db: Db, auditId: string) {
  return db
    .selectFrom('lab_audit_transition')
    .selectAll()
    .where('audit_id', '=', auditId)
    .orderBy('at')
    .execute();
}

export async function evidenceOf(db: Db, auditId: string) {
  return db
    .selectFrom('lab_audit_evidence')
    .select(['id', 'item_id', 'file_name', 'content_type', 'size_bytes', 'uploaded_at'])
    .where('audit_id', '=', auditId)
    .orderBy('uploaded_at')
    .execute();
}

export async function insertTransition(
  trx: Transaction<DB>,
  row: {
    audit_id: string;
    from_status: string | null;
    to_status: string;
    reason: string | null;
    by_user: string | null;
    by_name: string;
  },
) {
  await trx.insertInto('lab_audit_transition').values(row).execute();
}

export async function findChanges(db: Db, changeIds: readonly string[]) {
  if (changeIds.length === 0) return [];
  return db.selectFrom('lab_audit_answer_change').selectAll().where('change_id', 'in', changeIds).execute();
}
