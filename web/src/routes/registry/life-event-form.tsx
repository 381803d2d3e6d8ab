import type { Household } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import {
  emptyMember,
  MemberFields,
  memberFieldLabels,
  memberPayload,
  NOT_HEAD_RELATIONS,
  RELATION_CODES,
  RelationOptions,
} from './member-fields';
import { fieldErrorsOf, householdIdOfRef, useProposeAny } from './registry-admin.api';
import {
  chosenRelations,
  RelationsToHeadFields,
  relationField,
  useActiveMembersOfRef,
} from './relations-to-head-fields';

const KINDS = [
  'correct_field',
  'record_birth',
  'add_member',
  'record_death',
  'remove_member',
  'move_member',
  'move_household',
  'split_household',
  'merge_households',
] as const;
type Kind = (typeof KINDS)[number];
const FIELDS = [
  'givenNameLatin',
  'familyNameLatin',
  'givenNameKm',
  'familyNameKm',
  'birthDate',
  'nationalId',
  'phone',
  'relationToHead',
  'address',
] as const;
type CorrectableField = (typeof FIELDS)[number];

/** Proposes a life event or a correction; it applies once the approvers of each level agree. */
export function LifeEventForm({ household }: { household: Household }) {
  const { t } = useTranslation('registry');
  const propose = useProposeAny();
  const active = household.members.filter((m) => m.status === 'active');
  const notHeads = active.filter((m) => m.relationToHead !== 'head');
  const [kind, setKind] = useState<Kind>('correct_field');
  const [memberId, setMemberId] = useState(active[0]?.id ?? '');
  const [field, setField] = useState<CorrectableField>('givenNameLatin');
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [person, setPerson] = useState(emptyMember('child'));
  const [why, setWhy] = useState<'moved_out' | 'registered_in_error'>('moved_out');
  const [otherRef, setOtherRef] = useState('');
  const [relation, setRelation] = useState<string>('other_relative');
  const [splitIds, setSplitIds] = useState<string[]>([]);
  const [newHeadId, setNewHeadId] = useState('');
  const [relations, setRelations] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [lookupError, setLookupError] = useState<unknown>(null);
  const error = lookupError ?? propose.error;
  const errors = fieldErrorsOf(error);
  const isMemberKind = kind === 'record_death' || kind === 'remove_member' || kind === 'move_member';
  const memberChoices = kind === 'correct_field' || kind === 'record_death' ? active : notHeads;
  // Who joins another head: in a split, those who leave but the new head; in a merge, the other
  // household's active members (looked up by its reference).
  const mergingIn = useActiveMembersOfRef(kind === 'merge_households' ? otherRef : '');
  const joining =
    kind === 'split_household'
      ? notHeads.filter((m) => splitIds.includes(m.id) && m.id !== newHeadId)
      : kind === 'merge_households'
        ? mergingIn
        : [];

  async function change(): Promise<Record<string, unknown>> {
    const base = { kind, householdId: household.id };
    switch (kind) {
      case 'correct_field':
        return field === 'address' ? { ...base, field, value } : { ...base, memberId, field, value };
      case 'record_death':
        return { ...base, memberId, deathDate: date };
      case 'record_birth':
        return { ...base, member: memberPayload({ ...person, relationToHead: 'child' }) };
      case 'add_member':
        return { ...base, member: memberPayload(person) };
      case 'remove_member':
        return { ...base, memberId, why };
      case 'move_member':
        return {
          ...base,
          memberId,
          toHouseholdId: await householdIdOfRef(otherRef, 'change.toHouseholdId'),
          relationToHead: relation,
        };
      case 'move_household':
        return { ...base, toVillageCode: value.trim() };
      case 'split_household':
        return {
          ...base,
          newHouseholdRef: otherRef.trim(),
          memberIds: splitIds,
          newHeadMemberId: newHeadId,
          ...(value.trim() ? { villageCode: value.trim() } : {}),
          relationsToHead: chosenRelations(joining, relations),
        };
      case 'merge_households':
        return {
          ...base,
          otherHouseholdId: await householdIdOfRef(otherRef, 'change.otherHouseholdId'),
          relationsToHead: chosenRelations(joining, relations),
        };
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setLookupError(null);
    propose.reset();
    try {
      // A clean form once proposed (the success message stays), so a second click cannot
      // propose the same change twice.
      propose.mutate({ change: await change(), reason }, { onSuccess: clear });
    } catch (e) {
      setLookupError(e);
    }
  }

  function clear() {
    setValue('');
    setDate('');
    setPerson(emptyMember('child'));
    setOtherRef('');
    setSplitIds([]);
    setNewHeadId('');
    setRelations({});
    setReason('');
  }

  function chooseKind(next: Kind) {
    setKind(next);
    setValue('');
    setOtherRef('');
    setRelations({});
    setLookupError(null);
    propose.reset();
    const choices = next === 'correct_field' || next === 'record_death' ? active : notHeads;
    if (!choices.some((m) => m.id === memberId)) setMemberId(choices[0]?.id ?? '');
  }

  const memberLabel = (m: Household['members'][number]) =>
    `${m.familyNameKm} ${m.givenNameKm} (${m.memberRef})`;
  const fieldLabels = {
    'change.value': t('event.value'),
    'change.memberId': t('event.member'),
    'change.toHouseholdId': t('event.toHousehold'),
    'change.otherHouseholdId': t('event.otherHousehold'),
    'change.newHouseholdRef': t('event.newHouseholdRef'),
    'change.memberIds': t('event.splitMembers'),
    'change.newHeadMemberId': t('event.newHead'),
    'change.toVillageCode': t('event.village'),
    'change.deathDate': t('event.deathDate'),
    reason: t('event.reason'),
    ...memberFieldLabels(t, 'change.member', t('kinds.add_member')),
    ...Object.fromEntries(
      joining.map((m) => [relationField(m.id), t('event.relationOf', { member: memberLabel(m) })]),
    ),
  };
  const relationFields = (legend: string) => (
    <RelationsToHeadFields
      legend={legend}
      members={joining}
      value={relations}
      onChange={setRelations}
      errors={errors}
      labelOf={memberLabel}
    />
  );

  return (
    <form className="card" onSubmit={submit} aria-labelledby="event-title">
      <h2 id="event-title">{t('event.title')}</h2>
      <p className="muted">{t('event.hint')}</p>
      <Field label={t('event.kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => chooseKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(isMemberKind || (kind === 'correct_field' && field !== 'address')) && (
        <Field label={t('event.member')} error={errors['change.memberId']}>
          {(control) => (
            <select {...control} value={memberId} onChange={(e) => setMemberId(e.target.value)}>
              {memberChoices.map((m) => (
                <option key={m.id} value={m.id}>
                  {memberLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {kind === 'correct_field' && (
        <>
          <Field label={t('event.field')}>
            {(control) => (
              <select
                {...control}
                value={field}
                onChange={(e) => setField(e.target.value as CorrectableField)}
              >
                {FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(`fields.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('event.value')} error={errors['change.value']}>
            {(control) =>
              field === 'relationToHead' ? (
                <select {...control} value={value} onChange={(e) => setValue(e.target.value)}>
                  <option value="">—</option>
                  <RelationOptions relations={RELATION_CODES} />
                </select>
              ) : (
                <input {...control} value={value} onChange={(e) => setValue(e.target.value)} />
              )
            }
          </Field>
        </>
      )}
      {kind === 'remove_member' && (
        <Field label={t('event.why')}>
          {(control) => (
            <select
              {...control}
              value={why}
              onChange={(e) =>
                setWhy(e.target.value === 'registered_in_error' ? e.target.value : 'moved_out')
              }
            >
              <option value="moved_out">{t('event.whyMovedOut')}</option>
              <option value="registered_in_error">{t('event.whyError')}</option>
            </select>
          )}
        </Field>
      )}
      {kind === 'move_member' && (
        <>
          <Field
            label={t('event.toHousehold')}
            hint={t('event.refHint')}
            error={errors['change.toHouseholdId']}
          >
            {(control) => (
              <input {...control} value={otherRef} onChange={(e) => setOtherRef(e.target.value)} />
            )}
          </Field>
          <Field label={t('event.newRelation')} error={errors['change.relationToHead']}>
            {(control) => (
              <select {...control} value={relation} onChange={(e) => setRelation(e.target.value)}>
                <RelationOptions relations={NOT_HEAD_RELATIONS} />
              </select>
            )}
          </Field>
        </>
      )}
      {kind === 'merge_households' && (
        <Field
          label={t('event.otherHousehold')}
          hint={t('event.mergeHint')}
          error={errors['change.otherHouseholdId']}
        >
          {(control) => <input {...control} value={otherRef} onChange={(e) => setOtherRef(e.target.value)} />}
        </Field>
      )}
      {kind === 'merge_households' && relationFields(t('event.mergeRelations'))}
      {(kind === 'move_household' || kind === 'split_household') && (
        <Field
          label={kind === 'split_household' ? t('event.splitVillage') : t('event.village')}
          hint={t('event.villageHint')}
          error={errors['change.toVillageCode'] ?? errors['change.villageCode']}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
      )}
      {kind === 'split_household' && (
        <>
          <Field label={t('event.newHouseholdRef')} error={errors['change.newHouseholdRef']}>
            {(control) => (
              <input {...control} value={otherRef} onChange={(e) => setOtherRef(e.target.value)} />
            )}
          </Field>
          <fieldset>
            <legend>{t('event.splitMembers')}</legend>
            {errors['change.memberIds'] && <p className="field__error">{errors['change.memberIds']}</p>}
            <ul className="checkbox-list choices">
              {notHeads.map((m) => (
                <li key={m.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={splitIds.includes(m.id)}
                      onChange={(e) =>
                        setSplitIds(
                          e.target.checked ? [...splitIds, m.id] : splitIds.filter((id) => id !== m.id),
                        )
                      }
                    />{' '}
                    {memberLabel(m)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <Field label={t('event.newHead')} error={errors['change.newHeadMemberId']}>
            {(control) => (
              <select {...control} value={newHeadId} onChange={(e) => setNewHeadId(e.target.value)}>
                <option value="">—</option>
                {notHeads
                  .filter((m) => splitIds.includes(m.id))
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {memberLabel(m)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {relationFields(t('event.splitRelations'))}
        </>
      )}
      {(kind === 'add_member' || kind === 'record_birth') && (
        <MemberFields
          value={person}
          onChange={setPerson}
          errors={errors}
          prefix="change.member"
          relations={kind === 'record_birth' ? ['child'] : NOT_HEAD_RELATIONS}
        />
      )}
      {kind === 'record_death' && (
        <Field label={t('event.deathDate')} error={errors['change.deathDate']}>
          {(control) => (
            <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
      )}
      <Field label={t('event.reason')} error={errors.reason}>
        {(control) => <textarea {...control} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={propose.isPending}>
        {t('event.submit')}
      </button>
      <ErrorMessage error={error} fieldLabels={fieldLabels} />
      {propose.data && (
        <p role="status" className="alert alert--success">
          {t('event.proposed', { levels: propose.data.levels.map((l) => t(`levels.${l}`)).join(' → ') })}
        </p>
      )}
    </form>
  );
}
