import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { assertLabVisible, labViewOf } from '../labs.access';
import { refused } from '../refusals';
import * as repo from './quality.repo';

/** Staff with their training, competence assessments and authorisations. */
export async function listStaff(options: { database: Database; actor: Actor; labCode?: string | undefined }) {
  return repo.listStaff(options.database.db, labViewOf(options.actor), options.labCode);
}

export type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

export async function createStaff(options: {
  database: Database;
  audit: AuditContext;
  staff: { labCode: string; fullName: string; position: string; userId?: string | null | undefined };
}) {
  const s = options.staff;
  assertLabVisible(labViewOf(options.audit.actor), s.labCode);
  const id = await options.database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lab_staff')
      .values({ lab_code: s.labCode, full_name: s.fullName, position: s.position, user_id: s.userId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'labs.staff.create',
      entityType: 'lab_staff',
      entityId: row.id,
      after: s,
    });
    return row.id;
  });
  return (await listStaff({ database: options.database, actor: options.audit.actor })).find(
    (x) => x.id === id,
  )!;
}

/** Adds a training record, competence assessment or authorisation (per test or instrument). */
export async function addStaffRecord(options: {
  database: Database;
  audit: AuditContext;
  staffId: string;
  record: {
    kind: string;
    subject: string;
    happenedOn: string;
    outcome?: string | undefined;
    byName: string;
    validUntil?: string | undefined;
    note?: string | undefined;
  };
}) {
  const { actor } = options.audit;
  const staff = (await listStaff({ database: options.database, actor })).find(
    (s) => s.id === options.staffId,
  );
  if (!staff) throw notFound(`Staff member ${options.staffId}`);
  const r = options.record;
  if ((r.kind === 'competence') !== (r.outcome !== undefined))
    throw refused('validation_failed', 'competence_outcome', {
      path: ['outcome'],
      detailMessage: r.kind === 'competence' ? 'is required' : 'is only for competence assessments',
    });
  if (
    r.kind === 'authorisation' &&
    !staff.records.some(
      (x) => x.kind === 'competence' && x.subject === r.subject && x.outcome === 'competent',
    )
  )
    throw refused('conflict', 'competence_before_authorising', {
      args: { name: staff.full_name, subject: r.subject },
    });
  await options.database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lab_staff_record')
      .values({
        staff_id: staff.id,
        kind: r.kind,
        subject: r.subject,
        happened_on: r.happenedOn,
        outcome: r.outcome ?? null,
        by_name: r.byName,
        valid_until: r.validUntil ?? null,
        note: r.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: `labs.staff.${r.kind}`,
      entityType: 'lab_staff',
      entityId: staff.id,
      after: { recordId: row.id, ...r },
    });
  });
  return (await listStaff({ database: options.database, actor })).find((s) => s.id === staff.id)!;
}
