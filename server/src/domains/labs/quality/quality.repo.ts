import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { type LabView, labScopeCondition } from '../labs.access';

type Db = Kysely<DB> | Transaction<DB>;

/** The master list: each document with its current version, review due date and sign-offs. */
export async function listDocuments(db: Db, view: LabView, actorId: string, labCode: string | undefined) {
  let query = db
    .selectFrom('lab_document as d')
    .leftJoin('lab_document_version as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').on('v.is_current', '=', true),
    )
    .selectAll('d')
    .select([
      'v.id as version_id',
      'v.version_label',
      'v.author_name',
      'v.reviewer_name',
      'v.approver_name',
      'v.effective_on',
      sql<string | null>`(v.effective_on + make_interval(months => d.review_interval_months))::date::text`.as(
        'review_due_on',
      ),
      sql<number>`(SELECT count(*) FROM lab_document_ack k WHERE k.version_id = v.id)`.as('acknowledgements'),
      sql<boolean>`EXISTS (SELECT 1 FROM lab_document_ack k WHERE k.version_id = v.id AND k.user_id::text = ${actorId})`.as(
        'has_acknowledged',
      ),
    ])
    .where(labScopeCondition('d.lab_code', view));
  if (labCode) query = query.where('d.lab_code', '=', labCode);
  const documents = await query.orderBy('d.lab_code').orderBy('d.doc_code').execute();
  const archived =
    documents.length === 0
      ? []
      : await db
          .selectFrom('lab_document_version')
          .select(['document_id', 'version_label', 'effective_on'])
          .where('is_current', '=', false)
          .where(
            'document_id',
            'in',
            documents.map((d) => d.id),
          )
          .orderBy('effective_on', 'desc')
          .execute();
  return documents.map((d) => ({ ...d, archived: archived.filter((a) => a.document_id === d.id) }));
}

/** Equipment in view, each with its open breakdown NC if any. */
export async function listEquipment(db: Db, view: LabView, labCode: string | undefined) {
  let query = db
    .selectFrom('lab_equipment as e')
    .selectAll('e')
    .select((eb) =>
      eb
        .selectFrom('lab_equipment_event as v')
        .innerJoin('lab_nc as n', 'n.id', 'v.nc_id')
        .whereRef('v.equipment_id', '=', 'e.id')
        .where('n.stage', '<>', 'closed')
        .select('n.id')
        .limit(1)
        .as('open_nc_id'),
    )
    .where(labScopeCondition('e.lab_code', view));
  if (labCode) query = query.where('e.lab_code', '=', labCode);
  return query.orderBy('e.lab_code').orderBy('e.asset_code').execute();
}

/** Staff with their training, competence assessments and authorisations. */
export async function listStaff(db: Db, view: LabView, labCode: string | undefined) {
  let query = db.selectFrom('lab_staff as s').selectAll('s').where(labScopeCondition('s.lab_code', view));
  if (labCode) query = query.where('s.lab_code', '=', labCode);
  const staff = await query.orderBy('s.lab_code').orderBy('s.full_name').execute();
  const records =
    staff.length === 0
      ? []
      : await db
          .selectFrom('lab_staff_record')
          .selectAll()
          .where(
            'staff_id',
            'in',
            staff.map((s) => s.id),
          )
          .orderBy('happened_on', 'desc')
          .execute();
  return staff.map((s) => ({ ...s, records: records.filter((r) => r.staff_id === s.id) }));
}

/** EQA rounds in view with their scheme. */
export function roundsQuery(db: Db, view: LabView) {
  return db
    .selectFrom('lab_eqa_round as r')
    .innerJoin('lab_eqa_scheme as s', 's.id', 'r.scheme_id')
    .selectAll('r')
    .select(['s.code as scheme_code', 's.name as scheme_name', 's.pass_percent'])
    .where(labScopeCondition('r.lab_code', view));
}
