import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import {
  emptyMember,
  type MemberDraft,
  MemberFields,
  memberFieldLabels,
  memberPayload,
} from './member-fields';
import { fieldErrorsOf, useProposeAny } from './registry-admin.api';
import { RegistryNav } from './registry-nav';
import './registry.css';

type Draft = MemberDraft & { draftKey: number };

/** Proposes a new household with its members; it is created when each approval level agrees. */
export function NewHouseholdPage() {
  const { t } = useTranslation('registry');
  usePageTitle(t('newHousehold.title'));
  const propose = useProposeAny();
  const [household, setHousehold] = useState({ householdRef: '', villageCode: '', address: '', phones: '' });
  const [members, setMembers] = useState<Draft[]>([{ ...emptyMember('head'), draftKey: 0 }]);
  const [nextKey, setNextKey] = useState(1);
  const [reason, setReason] = useState('');
  const errors = fieldErrorsOf(propose.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const phones = household.phones
      .split(/[,;]/)
      .map((p) => p.trim())
      .filter(Boolean);
    propose.mutate(
      {
        change: {
          kind: 'new_household',
          householdRef: household.householdRef.trim(),
          villageCode: household.villageCode.trim(),
          ...(household.address.trim() ? { address: household.address.trim() } : {}),
          phones,
          members: members.map(memberPayload),
        },
        reason,
      },
      {
        // A clean form once proposed, so a second click cannot propose the same household twice.
        onSuccess: () => {
          setHousehold({ householdRef: '', villageCode: '', address: '', phones: '' });
          setMembers([{ ...emptyMember('head'), draftKey: nextKey }]);
          setNextKey(nextKey + 1);
          setReason('');
        },
      },
    );
  }

  const text = (key: 'householdRef' | 'villageCode' | 'address' | 'phones', hint?: string) => (
    <Field label={t(`newHousehold.${key}`)} hint={hint} error={errors[`change.${key}`]}>
      {(control) => (
        <input
          {...control}
          name={key}
          inputMode={key === 'villageCode' ? 'numeric' : undefined}
          value={household[key]}
          onChange={(e) => setHousehold({ ...household, [key]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <>
      <h1>{t('newHousehold.title')}</h1>
      <RegistryNav />
      <p className="muted">{t('newHousehold.hint')}</p>
      <form className="card" onSubmit={submit} aria-label={t('newHousehold.title')}>
        <div className="form-grid">
          {text('householdRef')}
          {text('villageCode', t('event.villageHint'))}
          {text('address')}
          {text('phones', t('newHousehold.phonesHint'))}
        </div>
        {errors['change.members'] && (
          <p className="field__error" role="alert">
            {errors['change.members']}
          </p>
        )}
        {members.map((m, i) => (
          <fieldset className="member-block" key={m.draftKey}>
            <legend>{t('newHousehold.memberN', { n: i + 1 })}</legend>
            <MemberFields
              value={m}
              onChange={(next) =>
                setMembers(members.map((old, j) => (j === i ? { ...next, draftKey: old.draftKey } : old)))
              }
              errors={errors}
              prefix={`change.members.${i}`}
            />
            {members.length > 1 && (
              <button
                type="button"
                className="button"
                onClick={() => setMembers(members.filter((_, j) => j !== i))}
              >
                {t('newHousehold.removeMember', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setMembers([
                ...members,
                { ...emptyMember(members.length === 1 ? 'spouse' : 'child'), draftKey: nextKey },
              ]);
              setNextKey(nextKey + 1);
            }}
          >
            {t('newHousehold.addMember')}
          </button>
        </p>
        <Field label={t('event.reason')} error={errors.reason}>
          {(control) => (
            <textarea {...control} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={propose.isPending}>
          {t('newHousehold.submit')}
        </button>
        <ErrorMessage
          error={propose.error}
          fieldLabels={{
            reason: t('event.reason'),
            'change.householdRef': t('newHousehold.householdRef'),
            'change.villageCode': t('newHousehold.villageCode'),
            'change.address': t('newHousehold.address'),
            'change.phones': t('newHousehold.phones'),
            'change.members': t('newHousehold.members'),
            ...Object.assign(
              {},
              ...members.map((_, i) =>
                memberFieldLabels(t, `change.members.${i}`, t('newHousehold.memberN', { n: i + 1 })),
              ),
            ),
          }}
        />
        {propose.data && (
          <p role="status" className="alert alert--success">
            {t('event.proposed', { levels: propose.data.levels.map((l) => t(`levels.${l}`)).join(' → ') })}{' '}
            <Link to="/registry/changes">{t('queue.title')}</Link>
          </p>
        )}
      </form>
    </>
  );
}
