import type { BenefitComponent, VersionInput } from '@mlob/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function findProgrammeByCode(db: Db, code: string) {
  return db.selectFrom('programme').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listProgrammes(db: Db) {
  return db.selectFrom('programme').selectAll().orderBy('code').execute();
}

export async function listVersions(db: Db, programmeIds: string[]) {
  if (programmeIds.length === 0) return [];
  return db
    .selectFrom('programme_version')
    .selectAll()
    .where('programme_id', 'in', programmeIds)
    .orderBy('version')
    .execute();
}

export async function listBenefits(db: Db, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('benefit_component')
    .selectAll()
    .where('programme_version_id', 'in', versionIds)
    .orderBy('id')
    .execute();
}

/** The version in force for a programme, if any. */
export async function findActiveVersion(db: Db, programmeId: string) {
  return db
    .selectFrom('programme_version')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function insertVersion(
  trx: Transaction<DB>,
  options: { programmeId: string; version: number; input: VersionInput; createdBy: string },
) {
  const { input } = options;
  const row = await trx
    .insertInto('programme_version')
    .values({
      programme_id: options.programmeId,
      version: options.version,
      eligibility_rule: input.eligibilityRule,
      effective_from: input.effectiveFrom,
      effective_until: input.effectiveUntil,
      schedule: input.schedule,
      providers: input.providers,
      withdrawal_days: input.withdrawalDays,
      approval_roles: input.approvalRoles,
      note: input.note,
      created_by: options.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertBenefits(trx, row.id, input.benefits);
  return row;
}

async function insertBenefits(trx: Transaction<DB>, versionId: string, benefits: BenefitComponent[]) {
  await trx
    .insertInto('benefit_component')
    .values(
      benefits.map((b) => ({
        programme_version_id: versionId,
        component: b.component,
        category_code: b.categoryCode,
        category_rule: b.categoryRule,
        location_class: b.locationClass,
        poverty_level: b.povertyLevel,
        amount_riel: b.amountRiel,
        is_confirmed: b.isConfirmed,
        note: b.note,
      })),
    )
    .execute();
}
