import type { VersionInput, ZCreateProgrammeRequest } from '@mlob/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { AuditContext } from '../../platform/audit/audit';
import { recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { todayInCambodia } from '../geography';
import { presentProgramme } from './programmes.presenter';
import * as repo from './programmes.repo';
import { refused } from './refusals';
import { parseMemberConditionOrFail, parseRuleOrFail } from './rule-check';
import { evaluateRule } from './rules/rule-eval';
import type { HouseholdFacts } from './rules/rule-fields';
import { compileRule } from './rules/rule-sql';

type CreateProgramme = z.infer<typeof ZCreateProgrammeRequest>;

/** Checks a version before it is saved: the rule, every benefit category, the providers. */
async function validateVersion(database: Database, input: VersionInput): Promise<void> {
  parseRuleOrFail(input.eligibilityRule, ['eligibilityRule']);
  for (const [i, b] of input.benefits.entries()) {
    if (b.component === 'per_member_in_category') {
      if (!b.categoryRule || !b.categoryCode)
        throw refused('validation_failed', 'category_needed', {
          path: ['benefits', i, 'categoryRule'],
          detailMessage: 'required for per_member_in_category',
        });
      parseMemberConditionOrFail(b.categoryRule, ['benefits', i, 'categoryRule']);
    } else if (b.categoryRule || b.categoryCode) {
      throw refused('validation_failed', 'category_not_taken', {
        path: ['benefits', i, 'categoryRule'],
        detailMessage: 'leave empty for this component',
      });
    }
  }
  const known = await database.db
    .selectFrom('payment_provider')
    .select('code')
    .where('is_active', '=', true)
    .execute();
  for (const [i, p] of input.providers.entries())
    if (!known.some((k) => k.code === p))
      throw refused('validation_failed', 'unknown_provider', {
        args: { code: p },
        details: [
          { path: ['providers', i], message: `known: ${known.map((k) => k.code).join(', ')}`, value: p },
        ],
      });
}

/** Creates a programme with its first (draft) version. */
export async function createProgramme(options: {
  database: Database;
  audit: AuditContext;
  input: CreateProgramme;
  kind?: 'regular' | 'shock_response';
}) {
  const { database, input } = options;
  await validateVersion(database, input.version);
  return database.db.transaction().execute(async (trx) => {
    if (await repo.findProgrammeByCode(trx, input.code))
      throw refused('conflict', 'programme_code_taken', {
        args: { code: input.code },
        path: ['code'],
        detailMessage: 'already used',
      });
    const programme = await trx
      .insertInto('programme')
      .values({
        code: input.code,
        kind: options.kind ?? 'regular',
        name_en: input.name.en,
        name_km: input.name.km,
        description_en: input.description.en,
        description_km: input.description.km,
        created_by: options.audit.actor.id ?? 'system',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await repo.insertVersion(trx, {
      programmeId: programme.id,
      version: 1,
      input: input.version,
      createdBy: options.audit.actor.id ?? 'system',
    });
    await recordAudit(trx, options.audit, {
      action: 'programme.create',
      entityType: 'programme',
      entityId: programme.id,
      after: { code: input.code, version: input.version },
    });
    return { programme, version };
  });
}

/** Adds a new draft version (rules and formula are decisions: versions are never edited once in force). */
export async function addVersion(options: {
  database: Database;
  audit: AuditContext;
  code: string;
  input: VersionInput;
}) {
  const { database } = options;
  await validateVersion(database, options.input);
  return database.db.transaction().execute(async (trx) => {
    const programme = await repo.findProgrammeByCode(trx, options.code);
    if (!programme) throw notFound('Programme');
    const last = await trx
      .selectFrom('programme_version')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('programme_id', '=', programme.id)
      .executeTakeFirst();
    const version = await repo.insertVersion(trx, {
      programmeId: programme.id,
      version: (last?.max ?? 0) + 1,
      input: options.input,
      createdBy: options.audit.actor.id ?? 'system',
    });
    await recordAudit(trx, options.audit, {
      action: 'programme.version.add',
      entityType: 'programme_version',
      entityId: version.id,
      after: options.input,
    });
    return version;
  });
}

/** Puts a draft version in force; the previous one is retired in the same transaction. */
export async function activateVersion(options: {
  database: Database;
  audit: AuditContext;
  code: string;
  version: number;
}) {
  return options.database.db.transaction().execute(async (trx) => {
    const programme = await repo.findProgrammeByCode(trx, options.code);
    if (!programme) throw notFound('Programme');
    const target = await trx
      .selectFrom('programme_version')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .where('version', '=', options.version)
      .forUpdate()
      .executeTakeFirst();
    if (!target) throw notFound('Programme version');
    if (target.status !== 'draft')
      throw refused('conflict', 'version_not_draft', {
        args: { version: options.version, status: target.status },
      });
    const previous = await repo.findActiveVersion(trx, programme.id);
    if (previous)
      await trx
        .updateTable('programme_version')
        .set({ status: 'retired' })
        .where('id', '=', previous.id)
        .execute();
    await trx
      .updateTable('programme_version')
      .set({ status: 'active', activated_by: options.audit.actor.id ?? 'system', activated_at: new Date() })
      .where('id', '=', target.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'programme.version.activate',
      entityType: 'programme_version',
      entityId: target.id,
      before: { active: previous?.version ?? null },
      after: { active: options.version },
    });
  });
}

export async function getProgramme(options: { database: Database; code: string }) {
  const { db } = options.database;
  const programme = await repo.findProgrammeByCode(db, options.code);
  if (!programme) throw notFound('Programme');
  const versions = await repo.listVersions(db, [programme.id]);
  const benefits = await repo.listBenefits(
    db,
    versions.map((v) => v.id),
  );
  return presentProgramme(programme, versions, benefits);
}

export async function listProgrammes(options: { database: Database }) {
  const { db } = options.database;
  const programmes = await repo.listProgrammes(db);
  const versions = await repo.listVersions(
    db,
    programmes.map((p) => p.id),
  );
  const benefits = await repo.listBenefits(
    db,
    versions.map((v) => v.id),
  );
  return programmes.map((p) => presentProgramme(p, versions, benefits));
}

/** "Who would be eligible": validates a draft rule and counts matching households, set-based. */
export async function countEligible(options: {
  database: Database;
  rule: string;
  onDate?: string | undefined;
}) {
  const node = parseRuleOrFail(options.rule, ['rule']);
  const where = compileRule(node, {
    householdAlias: 'h',
    memberRelation: 'programme_member_facts',
    onDate: options.onDate ?? todayInCambodia(),
    usage: 'where',
  });
  const row = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM programme_household_facts h WHERE ${where}`
    .execute(options.database.db)
    .then((r) => r.rows[0]);
  return { isValid: true as const, eligibleCount: row?.n ?? 0 };
}

/** The facts a rule reads, for one household (null when not an active household). */
export async function loadHouseholdFacts(
  database: Database,
  householdRef: string,
): Promise<HouseholdFacts | null> {
  const { db } = database;
  const h = await db
    .selectFrom('programme_household_facts')
    .selectAll()
    .where('household_ref', '=', householdRef)
    .executeTakeFirst();
  if (!h) return null;
  const members = await db
    .selectFrom('programme_member_facts')
    .select([
      'member_ref',
      'birth_date',
      'sex',
      'has_disability',
      'chronic_illness',
      'is_pregnant',
      'relation',
    ])
    .where('household_id', '=', h.household_id)
    .orderBy('member_ref')
    .execute();
  const { household_id: _id, village_code: _v, household_ctid: _c, ...facts } = h;
  return { ...facts, members };
}

/** Why a household is (not) eligible for a programme's version in force, with its current state. */
export async function explainHousehold(options: {
  database: Database;
  code: string;
  householdRef: string;
  onDate?: string | undefined;
}) {
  const { db } = options.database;
  const programme = await repo.findProgrammeByCode(db, options.code);
  if (!programme) throw notFound('Programme');
  const version = await repo.findActiveVersion(db, programme.id);
  if (!version) throw refused('conflict', 'no_version_in_force');
  const facts = await loadHouseholdFacts(options.database, options.householdRef);
  if (!facts) throw notFound('Household');
  const onDate = options.onDate ?? todayInCambodia();
  const explanation = evaluateRule(
    parseRuleOrFail(version.eligibility_rule, ['eligibilityRule']),
    facts,
    onDate,
  );
  const enrolment = await db
    .selectFrom('enrolment as e')
    .innerJoin('household as h', 'h.id', 'e.household_id')
    .select(['e.state', 'e.reason'])
    .where('e.programme_id', '=', programme.id)
    .where('h.household_ref', '=', options.householdRef)
    .executeTakeFirst();
  return {
    householdRef: options.householdRef,
    programmeCode: programme.code,
    version: version.version,
    onDate,
    isEligible: explanation.isPassed,
    state: (enrolment?.state ?? null) as 'enrolled' | null,
    stateReason: enrolment?.reason ?? null,
    explanation,
  };
}
