import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { type LabView, labScopeCondition } from '../labs.access';

type Db = Kysely<DB> | Transaction<DB>;

/** Nonconformities a view sees: its lab's, and those raised from peer audits its lab conducted. */
export function ncScopeCondition(view: LabView): Expression<SqlBool> {
  switch (view.kind) {
    case 'network':
      return sql<boolean>`true`;
    case 'lab':
      return sql<boolean>`(n.lab_code = ${view.labCode} OR EXISTS (SELECT 1 FROM lab_audit pa WHERE pa.id = n.audit_id AND pa.auditing_lab_code = ${view.labCode}))`;
    case 'none':
      return sql<boolean>`false`;
  }
}

function summaries(db: Db, view: LabView, today: string) {
  return db
    .selectFrom('lab_nc as n')
    .selectAll('n')
    .select([
      sql<number>`(SELECT count(*) FROM lab_nc_action x WHERE x.nc_id = n.id AND x.status = 'open')`.as(
        'open_actions',
      ),
      sql<number>`(SELECT count(*) FROM lab_nc_action x WHERE x.nc_id = n.id AND x.status = 'open' AND x.due_on < ${today}::date)`.as(
        'overdue_actions',
      ),
      sql<
        string | null
      >`(SELECT min(x.due_on)::text FROM lab_nc_action x WHERE x.nc_id = n.id AND x.status = 'open')`.as(
        'next_due_on',
      ),
    ])
    .where(ncScopeCondition(view));
}

export type NcSummaryRow = Awaited<ReturnType<typeof listNcs>>[number];

export async function listNcs(
  db: Db,
  view: LabView,
  today: string,
  filter: {
    labCode?: string | undefined;
    stage?: string | undefined;
    source?: string | undefined;
    limit: number;
  },
) {
  let query = summaries(db, view, today);
  if (filter.labCode) query = query.where('n.lab_code', '=', filter.labCode);
  if (filter.stage) query = query.where('n.stage', '=', filter.stage);
  if (filter.source) query = query.where('n.source', '=', filter.source);
  return query.orderBy('n.raised_at', 'desc').limit(filter.limit).execute();
}

export async function findNc(db: Db, view: LabView, today: string, id: string) {
  return summaries(db, view, today).where('n.id', '=', id).executeTakeFirst();
}

export async function lockNc(trx: Transaction<DB>, view: LabView, id: string) {
  return trx
    .selectFrom('lab_nc as n')
    .selectAll('n')
    .where(ncScopeCondition(view))
    .where('n.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type NcRow = NonNullable<Awaited<ReturnType<typeof lockNc>>>;

export async function actionsOf(db: Db, ncId: string) {
  return db
    .selectFrom('lab_nc_action')
    .selectAll()
    .where('nc_id', '=', ncId)
    .orderBy('due_on')
    .orderBy('created_at')
    .execute();
}

export async function linksOf(db: Db, ncId: string) {
  return db.selectFrom('lab_nc_link').selectAll().where('nc_id', '=', ncId).orderBy('entity_type').execute();
}

export async function checksOf(db: Db, ncId: string) {
  return db
    .selectFrom('lab_nc_effectiveness_check')
    .selectAll()
    .where('nc_id', '=', ncId)
    .orderBy('created_at')
    .execute();
}

/** Open actions due within `withinDays` or overdue, in view, soonest first. */
export async function dueActions(db: Db, view: LabView, today: string, withinDays: number, labCode?: string) {
  let query = db
    .selectFrom('lab_nc_action as x')
    .innerJoin('lab_nc as n', 'n.id', 'x.nc_id')
    .select(['x.id', 'x.nc_id', 'n.number', 'n.lab_code', 'x.description', 'x.owner_name', 'x.due_on'])
    .where('x.status', '=', 'open')
    .where('n.stage', '<>', 'closed')
    .where(sql<boolean>`x.due_on <= ${today}::date + ${withinDays}::int`)
    .where(ncScopeCondition(view));
  if (labCode) query = query.where('n.lab_code', '=', labCode);
  return query.orderBy('x.due_on').orderBy('n.number').execute();
}

/** Reminders the job raised, in view, newest first. */
export async function listReminders(
  db: Db,
  view: LabView,
  filter: { labCode?: string | undefined; limit: number },
) {
  let query = db.selectFrom('lab_nc_reminder').selectAll().where(labScopeCondition('lab_code', view));
  if (filter.labCode) query = query.where('lab_code', '=', filter.labCode);
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
}
