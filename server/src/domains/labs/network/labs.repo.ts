import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { type LabView, labScopeCondition } from '../labs.access';

type Db = Kysely<DB> | Transaction<DB>;

/** Labs in view, each with its latest published audit's score. */
export async function listLabs(db: Db, view: LabView) {
  return db
    .selectFrom('lab as l')
    .selectAll('l')
    .select([
      sql<
        number | null
      >`(SELECT a.stars FROM lab_audit a WHERE a.lab_code = l.code AND a.status = 'published' ORDER BY a.audit_date DESC, a.published_at DESC LIMIT 1)`.as(
        'latest_stars',
      ),
      sql<
        number | null
      >`(SELECT a.percent FROM lab_audit a WHERE a.lab_code = l.code AND a.status = 'published' ORDER BY a.audit_date DESC, a.published_at DESC LIMIT 1)`.as(
        'latest_percent',
      ),
      sql<
        string | null
      >`(SELECT a.audit_date FROM lab_audit a WHERE a.lab_code = l.code AND a.status = 'published' ORDER BY a.audit_date DESC, a.published_at DESC LIMIT 1)`.as(
        'latest_published_on',
      ),
    ])
    .where(labScopeCondition('l.code', view))
    .orderBy('l.code')
    .execute();
}

export type LabRow = Awaited<ReturnType<typeof listLabs>>[number];

export async function findLab(db: Db, code: string) {
  return db.selectFrom('lab').selectAll().where('code', '=', code).executeTakeFirst();
}
