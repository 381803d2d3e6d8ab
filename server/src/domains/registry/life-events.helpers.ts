/** Checks and row builders shared by the life events (see life-events.ts). */
import { type NewMember, type RegistryRefusalCode, registryRefusalText, ZNewMember } from '@mlob/contracts';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../platform/errors';
import { isAreaInScope, type Scope } from '../../platform/scope';
import { validationKindOf } from '../../platform/validation-kind';
import { todayInCambodia } from '../geography';
import { conflict, refusalReason, refused } from './refusals';

export type Trx = Transaction<DB>;

export const MEMBER_COLUMN: Record<string, string> = {
  familyNameKm: 'family_name_km',
  givenNameKm: 'given_name_km',
  familyNameLatin: 'family_name_latin',
  givenNameLatin: 'given_name_latin',
  sex: 'sex',
  relationToHead: 'relation_to_head',
  nationalId: 'national_id',
  phone: 'phone',
  disability: 'disability',
  chronicIllness: 'chronic_illness',
  isPregnant: 'is_pregnant',
};

/**
 * A corrected member value checked as strictly as a new member's (Khmer names in Khmer script,
 * Latin names in Latin letters, national ID and phone patterns, known relations and domains),
 * as it is stored. An empty optional value clears it. Errors name `change.value`, the field the
 * officer typed it in.
 */
export function correctedMemberValue(field: string, value: unknown): unknown {
  const schema = (ZNewMember.shape as Record<string, z.ZodType | undefined>)[field];
  if (!schema) throw conflict('not_correctable', 'field', { field });
  const sent = value === '' || value === null ? undefined : value;
  const parsed = schema.safeParse(sent);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? 'invalid value';
    // Its kind too, as a request's own fields carry it, so the web can say it in Khmer.
    const kind = issue
      ? validationKindOf(issue.code, issue as unknown as Record<string, unknown>, sent, issue.message)
      : {};
    throw new AppError('validation_failed', `Not a valid ${field}: ${message}.`, [
      { path: ['change', 'value'], message, ...kind },
    ]);
  }
  if (field === 'phone') return normalizePhone(parsed.data as string | undefined);
  if (field === 'familyNameKm' || field === 'givenNameKm') return cleanKhmer(String(parsed.data));
  return parsed.data ?? null;
}

/** A partial birth date → first day and precision; refuses impossible or future dates. */
export function parseBirthDate(
  value: string | undefined,
  path: string[] = ['birthDate'],
): { date: string | null; precision: string | null } {
  if (!value) return { date: null, precision: null };
  const precision = value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
  const date = precision === 'year' ? `${value}-01-01` : precision === 'month' ? `${value}-01` : value;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw refused('validation_failed', 'impossible_date', {
      args: { value },
      path,
      detailMessage: 'impossible date',
    });
  }
  if (date > todayInCambodia()) {
    throw refused('validation_failed', 'future_birth_date', {
      args: { value },
      path,
      detailMessage: 'future date',
    });
  }
  return { date, precision };
}

/** Khmer text as stored: NFC, without zero-width characters. */
function cleanKhmer(text: string): string {
  return text.normalize('NFC').replace(/[\u200B-\u200D]/g, '');
}

export function normalizePhone(phone: string | undefined): string | null {
  if (!phone) return null;
  return phone.replace(/[\s().-]/g, '').replace(/^(\+855|00855|855)0?/, '0');
}

export function memberValues(m: NewMember, householdId: string, changeId: string) {
  const birth = parseBirthDate(m.birthDate);
  if (m.isPregnant && m.sex !== 'F') throw conflict('pregnant_woman_only', 'isPregnant');
  return {
    member_ref: m.memberRef,
    household_id: householdId,
    family_name_km: cleanKhmer(m.familyNameKm),
    given_name_km: cleanKhmer(m.givenNameKm),
    family_name_latin: m.familyNameLatin || null,
    given_name_latin: m.givenNameLatin || null,
    sex: m.sex,
    birth_date: birth.date,
    birth_precision: birth.precision,
    relation_to_head: m.relationToHead,
    national_id: m.nationalId ?? null,
    phone: normalizePhone(m.phone),
    disability: m.disability,
    chronic_illness: m.chronicIllness ?? null,
    is_pregnant: m.isPregnant,
    change_id: changeId,
  };
}

export async function activeMember(trx: Trx, householdId: string, memberId: string) {
  const member = await trx
    .selectFrom('member')
    .selectAll()
    .where('id', '=', memberId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  if (!member) throw notFound('Member of this household');
  if (member.status !== 'active')
    throw conflict('member_not_active', 'memberId', { ref: member.member_ref, status: member.status });
  return member;
}

export async function householdFor(trx: Trx, id: string, scope: Scope) {
  const household = await trx
    .selectFrom('household')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!household || !isAreaInScope(scope, household.village_code)) throw notFound('Household');
  if (household.status !== 'active')
    throw conflict('household_not_active', 'householdId', {
      ref: household.household_ref,
      status: household.status,
    });
  return household;
}

export async function assertVillage(trx: Trx, code: string, scope: Scope) {
  const village = await trx
    .selectFrom('area')
    .select('code')
    .where('code', '=', code)
    .where('level', '=', 4)
    .executeTakeFirst();
  if (!village || !isAreaInScope(scope, code)) throw notFound(`Village ${code}`);
}

/** A reference for a new household (registered or split off) that no household has yet. */
export async function assertHouseholdRefFree(trx: Trx, ref: string, field: string) {
  const exists = await trx
    .selectFrom('household')
    .select('id')
    .where('household_ref', '=', ref)
    .executeTakeFirst();
  if (exists) throw conflict('household_ref_taken', field, { ref });
}

export async function assertOneHead(trx: Trx, householdId: string) {
  const heads = await trx
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .where('relation_to_head', '=', 'head')
    .executeTakeFirstOrThrow();
  if (Number(heads.n) !== 1) throw conflict('one_head', 'members');
}

/**
 * The relation to their new head of the members who join another head in a split or a merge,
 * as the proposal gives it (member id → relation); the split's new head becomes 'head'.
 *
 * Every other mover must have one. A member's old relation names the FORMER head, so keeping
 * it (the old behaviour) stores a falsehood: the old head's spouse who leaves with her son
 * would read as the son's spouse. No default is safe either: 'other_relative' for someone who
 * is in fact the new head's child or spouse is as wrong, and assessment and programmes read
 * the relation (household composition, dependants). Only the proposer knows the family, so a
 * mover without a relation is refused (400, one detail per member, path
 * change.relationsToHead.<memberId>). A relation for someone who does not move is refused too.
 */
export function relationsOfMovers(
  movers: readonly { id: string; member_ref: string }[],
  given: Readonly<Record<string, string>> | undefined,
  newHeadId?: string,
): Map<string, string> {
  const relations = new Map<string, string>();
  const moverIds = new Set(movers.map((m) => m.id));
  for (const id of Object.keys(given ?? {})) {
    if (id === newHeadId) {
      throw relationConflict(id, 'new_head_has_no_relation');
    }
    if (!moverIds.has(id)) throw relationConflict(id, 'not_a_mover');
  }
  const missing: { id: string; member_ref: string }[] = [];
  for (const mover of new Map(movers.map((m) => [m.id, m])).values()) {
    const relation = mover.id === newHeadId ? 'head' : given?.[mover.id];
    if (relation) relations.set(mover.id, relation);
    else missing.push(mover);
  }
  if (missing.length > 0) {
    const refs = missing.map((m) => m.member_ref).join(', ');
    const args = { refs };
    throw new AppError(
      'validation_failed',
      registryRefusalText('relations_needed', args),
      missing.map((m) => {
        const memberArgs = { ref: m.member_ref };
        return {
          path: ['change', 'relationsToHead', m.id],
          message: registryRefusalText('relation_needed', memberArgs),
          ...refusalReason('relation_needed', memberArgs),
        };
      }),
      refusalReason('relations_needed', args),
    );
  }
  return relations;
}

function relationConflict(memberId: string, code: RegistryRefusalCode): AppError {
  return refused('conflict', code, { path: ['change', 'relationsToHead', memberId] });
}

/**
 * Moves members to a household with their new relations: one UPDATE per distinct relation
 * (at most eight), each member written once, so the history trigger keeps one version per
 * member for this change with its previous household and relation.
 */
export async function moveWithRelations(
  trx: Trx,
  options: { householdId: string; relations: Map<string, string>; changeId: string },
): Promise<void> {
  const byRelation = new Map<string, string[]>();
  for (const [id, relation] of options.relations) {
    byRelation.set(relation, [...(byRelation.get(relation) ?? []), id]);
  }
  for (const [relation, ids] of byRelation) {
    await trx
      .updateTable('member')
      .set({ household_id: options.householdId, relation_to_head: relation, change_id: options.changeId })
      .where('id', 'in', ids)
      .execute();
  }
}
