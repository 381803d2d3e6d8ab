import type { Household } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { useProposeChange } from './registry.api';

type Kind = 'correct_field' | 'record_death' | 'record_birth' | 'remove_member' | 'move_household';
const FIELDS = [
  'givenNameLatin',
  'familyNameLatin',
  'givenNameKm',
  'familyNameKm',
  'birthDate',
  'nationalId',
  'phone',
  'relationToHead',
] as const;

/** Proposes a life event or a correction; it applies once the approvers of each level agree. */
export function LifeEventForm({ household }: { household: Household }) {
  const { t } = useTranslation('registry');
  const propose = useProposeChange();
  const active = household.members.filter((m) => m.status === 'active');
  const [kind, setKind] = useState<Kind>('correct_field');
  const [memberId, setMemberId] = useState(active[0]?.id ?? '');
  const [field, setField] = useState<(typeof FIELDS)[number]>('givenNameLatin');
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [baby, setBaby] = useState({ memberRef: '', familyNameKm: '', givenNameKm: '', sex: 'F' });
  const [reason, setReason] = useState('');
  const errors =
    propose.error && 'fieldErrors' in propose.error
      ? (propose.error as { fieldErrors(): Record<string, string> }).fieldErrors()
      : {};

  function change(): Record<string, unknown> {
    const base = { kind, householdId: household.id };
    switch (kind) {
      case 'correct_field':
        return { ...base, memberId, field, value };
      case 'record_death':
        return { ...base, memberId, deathDate: date };
      case 'record_birth':
        return { ...base, member: { ...baby, birthDate: date, relationToHead: 'child' } };
      case 'remove_member':
        return { ...base, memberId, why: 'moved_out' };
      case 'move_household':
        return { ...base, toVillageCode: value };
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    propose.mutate({ change: change(), reason });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="event-title">
      <h2 id="event-title">{t('event.title')}</h2>
      <p className="muted">{t('event.hint')}</p>
      <Field label={t('event.kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(
              ['correct_field', 'record_death', 'record_birth', 'remove_member', 'move_household'] as const
            ).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(kind === 'correct_field' || kind === 'record_death' || kind === 'remove_member') && (
        <Field label={t('event.member')}>
          {(control) => (
            <select {...control} value={memberId} onChange={(e) => setMemberId(e.target.value)}>
              {active.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.familyNameKm} {m.givenNameKm} ({m.memberRef})
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
                onChange={(e) => setField(e.target.value as (typeof FIELDS)[number])}
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
            {(control) => <input {...control} value={value} onChange={(e) => setValue(e.target.value)} />}
          </Field>
        </>
      )}
      {kind === 'move_household' && (
        <Field label={t('event.village')}>
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
      {kind === 'record_birth' && (
        <>
          <Field label={t('member.ref')}>
            {(control) => (
              <input
                {...control}
                value={baby.memberRef}
                onChange={(e) => setBaby({ ...baby, memberRef: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('fields.familyNameKm')}>
            {(control) => (
              <input
                {...control}
                lang="km"
                value={baby.familyNameKm}
                onChange={(e) => setBaby({ ...baby, familyNameKm: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('fields.givenNameKm')}>
            {(control) => (
              <input
                {...control}
                lang="km"
                value={baby.givenNameKm}
                onChange={(e) => setBaby({ ...baby, givenNameKm: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('member.sex')}>
            {(control) => (
              <select
                {...control}
                value={baby.sex}
                onChange={(e) => setBaby({ ...baby, sex: e.target.value })}
              >
                <option value="F">{t('sex.F')}</option>
                <option value="M">{t('sex.M')}</option>
              </select>
            )}
          </Field>
        </>
      )}
      {(kind === 'record_death' || kind === 'record_birth') && (
        <Field label={kind === 'record_death' ? t('event.deathDate') : t('member.birthDate')}>
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
      <ErrorMessage error={propose.error} />
      {propose.data && (
        <p role="status" className="alert alert--success">
          {t('event.proposed', { levels: propose.data.levels.map((l) => t(`levels.${l}`)).join(' → ') })}
        </p>
      )}
    </form>
  );
}
