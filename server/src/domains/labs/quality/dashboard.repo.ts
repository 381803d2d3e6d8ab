import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { type LabView, labScopeCondition } from '../labs.access';

type Db = Kysely<DB> | Transaction<DB>;

/** The dashboard's facts in view: labs, published audits, NC counts, EQA results, equipment, section titles. */
export async function dashboardFacts(db: Db, view: LabView, today: string) {
  const labs = await db
    .selectFrom('lab')
    .selectAll()
    .where(labScopeCondition('code', view))
    .orderBy('code')
    .execute();
  const audits = await db
    .selectFrom('lab_audit')
    .select([
      'id',
      'lab_code',
      'audit_date',
      'kind',
      'stars',
      'percent',
      'section_scores',
      'checklist_version_id',
      'published_at',
    ])
    .where('status', '=', 'published')
    .where(labScopeCondition('lab_code', view))
    .orderBy('audit_date')
    .orderBy('published_at')
    .execute();
  const ncCounts = await db
    .selectFrom('lab_nc as n')
    .select([
      'n.lab_code',
      sql<number>`count(*) FILTER (WHERE n.stage <> 'closed')`.as('open_ncs'),
      sql<number>`(SELECT count(*) FROM lab_nc_action x JOIN lab_nc m ON m.id = x.nc_id WHERE m.lab_code = n.lab_code AND x.status = 'open' AND m.stage <> 'closed' AND x.due_on < ${today}::date)`.as(
        'overdue_actions',
      ),
    ])
    .where(labScopeCondition('n.lab_code', view))
    .groupBy('n.lab_code')
    .execute();
  const eqa = await db
    .selectFrom('lab_eqa_round')
    .select(['lab_code', 'score_percent', 'is_satisfactory'])
    .where('status', '=', 'scored')
    .where(labScopeCondition('lab_code', view))
    .orderBy('scored_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const outOfService = await db
    .selectFrom('lab_equipment')
    .select(['lab_code', sql<number>`count(*)`.as('n')])
    .where('status', '=', 'out_of_service')
    .where(labScopeCondition('lab_code', view))
    .groupBy('lab_code')
    .execute();
  const latestVersion = audits.at(-1)?.checklist_version_id;
  const sections = latestVersion
    ? await db
        .selectFrom('lab_checklist_section')
        .select(['number', 'title', 'title_km'])
        .where('version_id', '=', latestVersion)
        .orderBy('number')
        .execute()
    : [];
  return { labs, audits, ncCounts, eqa, outOfService, sections };
}
