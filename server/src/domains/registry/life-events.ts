import type { ChangePayload } from '@mlob/contracts';
import type { Scope } from '../../platform/scope';
import { todayInCambodia } from '../geography';
import {
  activeMember,
  assertHouseholdRefFree,
  assertOneHead,
  assertVillage,
  correctedMemberValue,
  householdFor,
  MEMBER_COLUMN,
  memberValues,
  moveWithRelations,
  normalizePhone,
  parseBirthDate,
  relationsOfMovers,
  type Trx,
} from './life-events.helpers';
import { conflict, refused } from './refusals';
import { replaceHeadOrDissolve } from './registry.repo';

/**
 * Applies one life event in the caller's transaction, naming `changeId` on every row it
 * writes (so the history trigger records who, when and why). Returns the household concerned.
 */
export async function applyChange(
  trx: Trx,
  options: { change: ChangePayload; changeId: string; scope: Scope },
): Promise<{ householdId: string }> {
  const { change, changeId, scope } = options;
  switch (change.kind) {
    case 'new_household': {
      await assertVillage(trx, change.villageCode, scope);
      await assertHouseholdRefFree(trx, change.householdRef, 'householdRef');
      const household = await trx
        .insertInto('household')
        .values({
          household_ref: change.householdRef,
          village_code: change.villageCode,
          address: change.address ?? null,
          phones: change.phones.map((p) => normalizePhone(p) ?? p),
          change_id: changeId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (change.members.filter((m) => m.relationToHead === 'head').length !== 1) {
        throw conflict('one_head', 'members');
      }
      await trx
        .insertInto('member')
        .values(change.members.map((m) => memberValues(m, household.id, changeId)))
        .execute();
      return { householdId: household.id };
    }
    case 'add_member':
    case 'record_birth': {
      await householdFor(trx, change.householdId, scope);
      if (change.member.relationToHead === 'head') throw conflict('has_head', 'member');
      await trx
        .insertInto('member')
        .values(memberValues(change.member, change.householdId, changeId))
        .execute();
      return { householdId: change.householdId };
    }
    case 'remove_member': {
      await householdFor(trx, change.householdId, scope);
      const member = await activeMember(trx, change.householdId, change.memberId);
      if (member.relation_to_head === 'head') throw conflict('head_cannot_leave', 'memberId');
      await trx
        .updateTable('member')
        .set({ status: 'moved_out', change_id: changeId })
        .where('id', '=', member.id)
        .execute();
      return { householdId: change.householdId };
    }
    case 'record_death': {
      await householdFor(trx, change.householdId, scope);
      const member = await activeMember(trx, change.householdId, change.memberId);
      if (change.deathDate > todayInCambodia()) throw conflict('death_in_future', 'deathDate');
      if (member.birth_date && change.deathDate < member.birth_date)
        throw conflict('death_before_birth', 'deathDate');
      await trx
        .updateTable('member')
        .set({ status: 'deceased', death_date: change.deathDate, is_pregnant: false, change_id: changeId })
        .where('id', '=', member.id)
        .execute();
      if (member.relation_to_head === 'head') {
        // The spouse or eldest remaining member takes over, or the household ends with its last member.
        await replaceHeadOrDissolve(trx, change.householdId, changeId);
      }
      return { householdId: change.householdId };
    }
    case 'correct_field': {
      const household = await householdFor(trx, change.householdId, scope);
      if (change.field === 'address' || change.field === 'phones') {
        const value =
          change.field === 'address'
            ? typeof change.value === 'string'
              ? change.value
              : null
            : Array.isArray(change.value)
              ? change.value.map((p) => normalizePhone(String(p)) ?? '')
              : [];
        await trx
          .updateTable('household')
          .set({ [change.field]: value, change_id: changeId })
          .where('id', '=', household.id)
          .execute();
        return { householdId: household.id };
      }
      if (!change.memberId) throw conflict('member_to_correct', 'memberId');
      const member = await activeMember(trx, change.householdId, change.memberId);
      if (change.field === 'birthDate') {
        const value = correctedMemberValue('birthDate', change.value) as string | null;
        const birth = parseBirthDate(value ?? undefined, ['change', 'value']);
        await trx
          .updateTable('member')
          .set({ birth_date: birth.date, birth_precision: birth.precision, change_id: changeId })
          .where('id', '=', member.id)
          .execute();
      } else if (
        change.field === 'relationToHead' &&
        change.value === 'head' &&
        member.relation_to_head !== 'head'
      ) {
        // A new head: the old head takes the relation the new head had (a swap, in one change).
        await trx
          .updateTable('member')
          .set({ relation_to_head: member.relation_to_head, change_id: changeId })
          .where('household_id', '=', household.id)
          .where('relation_to_head', '=', 'head')
          .where('status', '=', 'active')
          .execute();
        await trx
          .updateTable('member')
          .set({ relation_to_head: 'head', change_id: changeId })
          .where('id', '=', member.id)
          .execute();
      } else {
        const column = MEMBER_COLUMN[change.field];
        if (!column) throw conflict('not_correctable', 'field', { field: change.field });
        const value = correctedMemberValue(change.field, change.value);
        await trx
          .updateTable('member')
          .set({ [column]: value as never, change_id: changeId })
          .where('id', '=', member.id)
          .execute();
      }
      await assertOneHead(trx, household.id);
      return { householdId: household.id };
    }
    case 'move_member': {
      await householdFor(trx, change.householdId, scope);
      const member = await activeMember(trx, change.householdId, change.memberId);
      if (member.relation_to_head === 'head') throw conflict('head_cannot_move', 'memberId');
      await householdFor(trx, change.toHouseholdId, scope);
      await trx
        .updateTable('member')
        .set({
          household_id: change.toHouseholdId,
          relation_to_head: change.relationToHead,
          change_id: changeId,
        })
        .where('id', '=', member.id)
        .execute();
      return { householdId: change.householdId };
    }
    case 'move_household': {
      await householdFor(trx, change.householdId, scope);
      await assertVillage(trx, change.toVillageCode, scope);
      await trx
        .updateTable('household')
        .set({ village_code: change.toVillageCode, change_id: changeId })
        .where('id', '=', change.householdId)
        .execute();
      return { householdId: change.householdId };
    }
    case 'split_household': {
      const household = await householdFor(trx, change.householdId, scope);
      if (!change.memberIds.includes(change.newHeadMemberId))
        throw conflict('new_head_must_leave', 'newHeadMemberId');
      const leaving = await Promise.all(change.memberIds.map((id) => activeMember(trx, household.id, id)));
      if (leaving.some((m) => m.relation_to_head === 'head')) throw conflict('head_stays', 'memberIds');
      // Relations are checked before anything is written; the new head becomes 'head'.
      const relations = relationsOfMovers(leaving, change.relationsToHead, change.newHeadMemberId);
      const village = change.villageCode ?? household.village_code;
      await assertVillage(trx, village, scope);
      await assertHouseholdRefFree(trx, change.newHouseholdRef, 'newHouseholdRef');
      const created = await trx
        .insertInto('household')
        .values({
          household_ref: change.newHouseholdRef,
          village_code: village,
          phones: [],
          change_id: changeId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await moveWithRelations(trx, { householdId: created.id, relations, changeId });
      return { householdId: household.id };
    }
    case 'set_identifier': {
      await householdFor(trx, change.householdId, scope);
      const type = await trx
        .selectFrom('identifier_type')
        .selectAll()
        .where('code', '=', change.typeCode)
        .where('is_active', '=', true)
        .executeTakeFirst();
      if (!type)
        throw refused('validation_failed', 'unknown_identifier_type', {
          args: { type: change.typeCode },
          path: ['change', 'typeCode'],
          detailMessage: 'unknown type',
        });
      const isForMember = type.applies_to === 'member';
      if (isForMember !== Boolean(change.memberId))
        throw conflict(isForMember ? 'identifier_of_member' : 'identifier_of_household', 'memberId', {
          type: type.code,
        });
      if (change.memberId) await activeMember(trx, change.householdId, change.memberId);
      const value = change.value.replace(/\s+/g, '').toUpperCase();
      if (value !== '' && !new RegExp(type.pattern).test(value)) {
        throw refused('validation_failed', 'bad_identifier', {
          args: { label_en: type.label_en, label_km: type.label_km, example: type.example },
          path: ['change', 'value'],
          detailMessage: `must match ${type.pattern}`,
        });
      }
      const owner = change.memberId
        ? { column: 'member_id' as const, id: change.memberId }
        : { column: 'household_id' as const, id: change.householdId };
      // The previous value is closed, never overwritten: the table is its own history.
      await trx
        .updateTable('registry_identifier')
        .set({ valid_to: new Date(), closed_by_change_id: changeId })
        .where(owner.column, '=', owner.id)
        .where('type_code', '=', type.code)
        .where('valid_to', 'is', null)
        .execute();
      if (value !== '') {
        await trx
          .insertInto('registry_identifier')
          .values({ type_code: type.code, [owner.column]: owner.id, value, change_id: changeId })
          .execute();
      }
      if (type.code === 'national_id' && change.memberId) {
        await trx
          .updateTable('member')
          .set({ national_id: value || null, change_id: changeId })
          .where('id', '=', change.memberId)
          .execute();
      }
      return { householdId: change.householdId };
    }
    case 'merge_households': {
      const household = await householdFor(trx, change.householdId, scope);
      const other = await householdFor(trx, change.otherHouseholdId, scope);
      if (other.id === household.id) throw conflict('self_merge', 'otherHouseholdId');
      // This household's head stays head; everyone joining from the other household, its
      // former head included, needs a relation to that head (see relationsOfMovers).
      const joining = await trx
        .selectFrom('member')
        .select(['id', 'member_ref'])
        .where('household_id', '=', other.id)
        .where('status', '=', 'active')
        .orderBy('member_ref')
        .execute();
      const relations = relationsOfMovers(joining, change.relationsToHead);
      await moveWithRelations(trx, { householdId: household.id, relations, changeId });
      await trx
        .updateTable('household')
        .set({ status: 'merged', merged_into_household_id: household.id, change_id: changeId })
        .where('id', '=', other.id)
        .execute();
      return { householdId: household.id };
    }
  }
}
