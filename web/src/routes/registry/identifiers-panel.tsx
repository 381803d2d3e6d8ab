import type { Household, IdentifierType } from '@mlob/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import {
  fieldErrorsOf,
  useHouseholdIdentifiers,
  useIdentifierTypes,
  useProposeAny,
} from './registry-admin.api';

/** The value as the server stores it: spaces dropped, upper case. */
function normalise(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Typed identifiers of the household and its members (current and closed), and a form to add,
 * correct or withdraw one — checked against the type's own pattern before it is proposed.
 */
export function IdentifiersPanel({ household, canPropose }: { household: Household; canPropose: boolean }) {
  const { t, i18n } = useTranslation('registry');
  const isKm = i18n.language === 'km';
  const types = useIdentifierTypes();
  const list = useHouseholdIdentifiers(household.id);
  const typeByCode = new Map((types.data?.items ?? []).map((ty) => [ty.code, ty]));
  const label = (code: string) => {
    const type = typeByCode.get(code);
    return type ? (isKm ? type.labelKm : type.labelEn) : code;
  };
  const memberName = (id: string | null) => {
    if (!id) return t('identifiers.household');
    const m = household.members.find((x) => x.id === id);
    return m ? `${m.familyNameKm} ${m.givenNameKm} (${m.memberRef})` : id;
  };
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

  return (
    <section className="card" aria-labelledby="identifiers-title">
      <h2 id="identifiers-title">{t('identifiers.title')}</h2>
      <ErrorMessage error={list.error ?? types.error} />
      {list.data && list.data.items.length === 0 && <p>{t('identifiers.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('identifiers.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identifiers.type')}</th>
                <th scope="col">{t('identifiers.holder')}</th>
                <th scope="col">{t('identifiers.value')}</th>
                <th scope="col">{t('identifiers.since')}</th>
                <th scope="col">{t('identifiers.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item, i) => (
                <tr key={item.id ?? `record-${i}`} className={item.validTo ? 'muted' : undefined}>
                  <td>{label(item.typeCode)}</td>
                  <td lang="km">{memberName(item.memberId)}</td>
                  <td className="code">{item.value}</td>
                  <td>{day(item.validFrom)}</td>
                  <td>
                    {item.source === 'member_record'
                      ? t('identifiers.onRecord')
                      : item.validTo
                        ? t('identifiers.closed', { date: day(item.validTo) })
                        : t('identifiers.current')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canPropose && household.status === 'active' && types.data && (
        <IdentifierForm household={household} types={types.data.items} label={label} />
      )}
    </section>
  );
}

function IdentifierForm({
  household,
  types,
  label,
}: {
  household: Household;
  types: IdentifierType[];
  label: (code: string) => string;
}) {
  const { t } = useTranslation('registry');
  const propose = useProposeAny();
  const active = household.members.filter((m) => m.status === 'active');
  const [typeCode, setTypeCode] = useState(types[0]?.code ?? '');
  const [memberId, setMemberId] = useState(active[0]?.id ?? '');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const type = types.find((ty) => ty.code === typeCode);
  const isForMember = type?.appliesTo === 'member';
  const errors = fieldErrorsOf(propose.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    propose.reset();
    const normalised = normalise(value);
    if (type && normalised !== '' && !new RegExp(type.pattern).test(normalised)) {
      setLocalError(t('identifiers.badValue', { label: label(type.code), example: type.example }));
      return;
    }
    setLocalError(undefined);
    propose.mutate({
      change: {
        kind: 'set_identifier',
        householdId: household.id,
        ...(isForMember ? { memberId } : {}),
        typeCode,
        value: normalised,
      },
      reason,
    });
  }

  return (
    <form onSubmit={submit} aria-labelledby="identifier-form-title">
      <h3 id="identifier-form-title">{t('identifiers.add')}</h3>
      <div className="form-grid">
        <Field label={t('identifiers.type')} error={errors['change.typeCode']}>
          {(control) => (
            <select
              {...control}
              name="typeCode"
              value={typeCode}
              onChange={(e) => {
                setTypeCode(e.target.value);
                setLocalError(undefined);
              }}
            >
              {types.map((ty) => (
                <option key={ty.code} value={ty.code}>
                  {label(ty.code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {isForMember && (
          <Field label={t('identifiers.holder')} error={errors['change.memberId']}>
            {(control) => (
              <select
                {...control}
                name="memberId"
                value={memberId}
                onChange={(e) => setMemberId(e.target.value)}
              >
                {active.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.familyNameKm} {m.givenNameKm} ({m.memberRef})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={t('identifiers.value')}
          hint={type ? t('identifiers.valueHint', { example: type.example }) : undefined}
          error={
            localError ??
            (errors['change.value']
              ? t('identifiers.badValue', { label: label(typeCode), example: type?.example ?? '' })
              : undefined)
          }
        >
          {(control) => (
            <input
              {...control}
              name="identifierValue"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setLocalError(undefined);
              }}
            />
          )}
        </Field>
      </div>
      <Field label={t('identifiers.reason')} error={errors.reason}>
        {(control) => (
          <textarea
            {...control}
            name="identifierReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={propose.isPending}>
        {t('identifiers.submit')}
      </button>
      <ErrorMessage
        error={propose.error}
        fieldLabels={{ 'change.value': t('identifiers.value'), reason: t('identifiers.reason') }}
      />
      {propose.data && (
        <p role="status" className="alert alert--success">
          {t('event.proposed', { levels: propose.data.levels.map((l) => t(`levels.${l}`)).join(' → ') })}
        </p>
      )}
    </form>
  );
}
