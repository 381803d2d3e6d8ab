import type { ZDeclareShockRequest, ZShockResponseRequest } from '@mlob/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { todayInCambodia } from '../geography';
import {
  activateVersion,
  compileRule,
  createProgramme,
  findProgrammeByCode,
  parseRuleOrFail,
  programmeRefused,
} from '../programmes';

const FIELD_BY_LENGTH: Record<number, string> = { 2: 'province', 4: 'district', 6: 'commune', 8: 'village' };

/** The areas of an event as a rule condition, e.g. (province = '02' or commune = '120101'). */
export function areaRule(areaCodes: readonly string[]): string {
  return `(${areaCodes.map((c) => `${FIELD_BY_LENGTH[c.length]} = '${c}'`).join(' or ')})`;
}

/** Declares a shock event over existing gazetteer areas (audited). */
export async function declareEvent(options: {
  database: Database;
  audit: AuditContext;
  input: z.infer<typeof ZDeclareShockRequest>;
}) {
  const { input } = options;
  if (input.endsOn && input.endsOn < input.startsOn)
    throw programmeRefused('validation_failed', 'event_ends_before_start', {
      path: ['endsOn'],
      detailMessage: 'before startsOn',
    });
  return options.database.db.transaction().execute(async (trx) => {
    const codes = [...new Set(input.areaCodes)];
    const known = await trx.selectFrom('area').select('code').where('code', 'in', codes).execute();
    const missing = codes.filter((c) => !known.some((k) => k.code === c));
    if (missing.length > 0)
      throw programmeRefused('validation_failed', 'unknown_areas', {
        args: { codes: missing.join(', ') },
        details: missing.map((c) => ({
          path: ['areaCodes', input.areaCodes.indexOf(c)],
          message: 'not in the gazetteer',
          value: c,
        })),
      });
    const event = await trx
      .insertInto('shock_event')
      .values({
        kind: input.kind,
        name_en: input.name.en,
        name_km: input.name.km,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        declared_by: options.audit.actor.id ?? 'system',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('shock_event_area')
      .values(codes.map((c) => ({ event_id: event.id, area_code: c })))
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'shock.event.declare',
      entityType: 'shock_event',
      entityId: event.id,
      after: input,
    });
    return { ...event, areaCodes: codes };
  });
}

export async function getEvent(options: { database: Database; eventId: string }) {
  const { db } = options.database;
  const event = await db
    .selectFrom('shock_event')
    .selectAll()
    .where('id', '=', options.eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Shock event');
  const areas = await db
    .selectFrom('shock_event_area')
    .select('area_code')
    .where('event_id', '=', event.id)
    .orderBy('area_code')
    .execute();
  return { ...event, areaCodes: areas.map((a) => a.area_code) };
}

export async function listEvents(options: { database: Database }) {
  const rows = await options.database.db
    .selectFrom('shock_event')
    .select('id')
    .orderBy('starts_on', 'desc')
    .execute();
  return Promise.all(rows.map((r) => getEvent({ database: options.database, eventId: r.id })));
}

/**
 * A response plan: a programme of kind shock_response with its own benefit table and end date,
 * in force at once, and its households enrolled set-based —
 *  vertical: households enrolled in the chosen programmes, in the event's areas (a top-up);
 *  horizontal: at-risk households (assessment module) in the event's areas (temporary).
 */
export async function createResponse(options: {
  database: Database;
  audit: AuditContext;
  eventId: string;
  input: z.infer<typeof ZShockResponseRequest>;
}) {
  const { database, input } = options;
  const event = await getEvent({ database, eventId: options.eventId });
  const sources: string[] = [];
  for (const code of input.sourceProgrammeCodes) {
    const p = await findProgrammeByCode(database.db, code);
    if (!p)
      throw programmeRefused('validation_failed', 'unknown_programme', {
        args: { code },
        details: [{ path: ['sourceProgrammeCodes'], message: 'unknown', value: code }],
      });
    sources.push(p.id);
  }
  if ((input.mode === 'vertical') !== sources.length > 0)
    throw programmeRefused('validation_failed', 'vertical_sources', {
      path: ['sourceProgrammeCodes'],
      detailMessage: input.mode === 'vertical' ? 'name at least one programme' : 'leave empty',
    });
  const startsOn =
    event.starts_on > todayInCambodia() ? event.starts_on : `${todayInCambodia().slice(0, 7)}-01`;
  // The rule names the areas (and at-risk for horizontal); programme membership is applied below.
  const rule =
    input.mode === 'horizontal'
      ? `is_at_risk = true and ${areaRule(event.areaCodes)}`
      : areaRule(event.areaCodes);
  await createProgramme({
    database,
    audit: options.audit,
    kind: 'shock_response',
    input: {
      code: input.code,
      name: { en: `${event.name_en}: ${input.mode} response`, km: `${event.name_km}៖ ការឆ្លើយតប` },
      description: {
        en: `Response to ${event.name_en} until ${input.endsOn}.`,
        km: `ការឆ្លើយតបនឹង ${event.name_km} រហូតដល់ ${input.endsOn}។`,
      },
      version: {
        eligibilityRule: rule,
        effectiveFrom: [startsOn, input.endsOn].sort()[0]!,
        effectiveUntil: input.endsOn,
        schedule: 'monthly',
        providers: input.providers,
        withdrawalDays: 30,
        approvalRoles: ['programme_officer', 'payment_officer'],
        benefits: input.benefits,
        note: `Shock response (${input.mode}) to event ${event.id}`,
      },
    },
  });
  await activateVersion({ database, audit: options.audit, code: input.code, version: 1 });
  const programme = (await findProgrammeByCode(database.db, input.code))!;
  return database.db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom('programme_version')
      .select('id')
      .where('programme_id', '=', programme.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const response = await trx
      .insertInto('shock_response')
      .values({
        event_id: event.id,
        mode: input.mode,
        programme_id: programme.id,
        programme_version_id: version.id,
        source_programme_ids: sources,
        ends_on: input.endsOn,
        created_by: options.audit.actor.id ?? 'system',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const where = compileRule(parseRuleOrFail(rule, ['rule']), {
      householdAlias: 'h',
      memberRelation: 'programme_member_facts',
      onDate: todayInCambodia(),
      usage: 'where',
    });
    const reason = `shock response (${input.mode}) to ${event.name_en}, until ${input.endsOn}`;
    const source =
      input.mode === 'vertical'
        ? sql`AND EXISTS (SELECT 1 FROM enrolment s WHERE s.household_id = h.household_id AND s.state = 'enrolled'
            AND s.programme_id = ANY(${sources}::uuid[]))`
        : sql``;
    const enrolled =
      await sql`INSERT INTO enrolment (programme_id, household_id, programme_version_id, state, reason, changed_by)
      SELECT ${programme.id}::uuid, h.household_id, ${version.id}::uuid, 'enrolled', ${reason}, ${options.audit.actor.id ?? 'system'}
      FROM programme_household_facts h WHERE ${where} ${source}`.execute(trx);
    const count = Number(enrolled.numAffectedRows ?? 0);
    await recordAudit(trx, options.audit, {
      action: 'shock.response.create',
      entityType: 'shock_response',
      entityId: response.id,
      after: { mode: input.mode, programme: input.code, enrolled: count, endsOn: input.endsOn },
    });
    return {
      id: response.id,
      mode: input.mode,
      programmeCode: input.code,
      endsOn: input.endsOn,
      enrolledCount: count,
    };
  });
}

/** Active households in the event's areas never assessed, for the on-demand assessment queue. */
export async function unassessedHouseholds(options: {
  database: Database;
  eventId: string;
  limit: number;
  offset: number;
}) {
  const event = await getEvent(options);
  const inAreas = sql.join(
    event.areaCodes.map((c) => sql`h.village_code LIKE ${`${c}%`}`),
    sql` OR `,
  );
  const rows = await sql<{ household_ref: string; village_code: string; member_count: number }>`
    SELECT h.household_ref, h.village_code,
      (SELECT count(*) FROM member m WHERE m.household_id = h.id AND m.status = 'active')::int AS member_count
    FROM household h
    WHERE h.status = 'active' AND (${inAreas})
      AND NOT EXISTS (SELECT 1 FROM assessment a WHERE a.household_id = h.id)
    ORDER BY h.village_code, h.household_ref LIMIT ${options.limit} OFFSET ${options.offset}`.execute(
    options.database.db,
  );
  return rows.rows.map((r) => ({
    householdRef: r.household_ref,
    villageCode: r.village_code,
    memberCount: r.member_count,
  }));
}
