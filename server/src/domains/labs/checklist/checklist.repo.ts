import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type ChecklistVersionRow = Awaited<ReturnType<typeof findVersion>> & {};

export async function findVersion(db: Db, id: string) {
  return db.selectFrom('lab_checklist_version').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVersionByLabel(db: Db, checklist: string, version: string) {
  return db
    .selectFrom('lab_checklist_version')
    .selectAll()
    .where('checklist', '=', checklist)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Db) {
  return db
    .selectFrom('lab_checklist_version as v')
    .selectAll('v')
    .select((eb) => [
      eb
        .selectFrom('lab_checklist_item as i')
        .whereRef('i.version_id', '=', 'v.id')
        .where('i.parent_id', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('question_count'),
      eb
        .selectFrom('lab_checklist_item as i')
        .whereRef('i.version_id', '=', 'v.id')
        .where('i.parent_id', 'is not', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('sub_question_count'),
    ])
    .orderBy('v.loaded_at')
    .execute();
}

export async function sectionsOf(db: Db, versionId: string) {
  return db
    .selectFrom('lab_checklist_section')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('number')
    .execute();
}

export async function itemsOf(db: Db, versionId: string) {
  return db
    .selectFrom('lab_checklist_item')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();
}

export type ChecklistItemRow = Awaited<ReturnType<typeof itemsOf>>[number];
export type ChecklistSectionRow = Awaited<ReturnType<typeof sectionsOf>>[number];
