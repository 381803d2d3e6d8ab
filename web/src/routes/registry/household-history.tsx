import type { HistoryEntry } from '@mlob/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message';
import { languageOfText } from '../../i18n';
import { useHouseholdHistory } from './registry.api';

/** The label of each stored field, as the rest of the registry screens name it. */
const FIELD_LABEL: Record<string, string> = {
  household_ref: 'newHousehold.householdRef',
  village_code: 'newHousehold.villageCode',
  address: 'newHousehold.address',
  phones: 'newHousehold.phones',
  status: 'member.status',
  merged_into_household_id: 'history.field.mergedIntoHousehold',
  member_ref: 'member.ref',
  household_id: 'household.ref',
  family_name_km: 'newMember.familyNameKm',
  given_name_km: 'newMember.givenNameKm',
  family_name_latin: 'newMember.familyNameLatin',
  given_name_latin: 'newMember.givenNameLatin',
  sex: 'member.sex',
  birth_date: 'member.birthDate',
  birth_precision: 'history.field.birthPrecision',
  relation_to_head: 'member.relation',
  national_id: 'member.nationalId',
  phone: 'newMember.phone',
  disability: 'history.field.disability',
  chronic_illness: 'history.field.chronicIllness',
  is_pregnant: 'history.field.isPregnant',
  death_date: 'event.deathDate',
  merged_into_member_id: 'history.field.mergedIntoMember',
};

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * One stored value as a person reads it: codes translated (status, relation, sex, disability
 * domains), yes/no, lists joined, and a household named by a link instead of its id.
 */
export function historyValue(
  t: T,
  options: { entityType: HistoryEntry['entityType']; field: string; value: unknown; householdId: string },
): ReactNode {
  const { field, value } = options;
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return field === 'disability'
      ? value.map((d) => t(`disability.${String(d)}`, { defaultValue: String(d) })).join(', ')
      : value.join(', ');
  }
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  const text = String(value);
  switch (field) {
    case 'status':
      return options.entityType === 'household'
        ? t(`householdStatus.${text}`, { defaultValue: text })
        : t(`memberStatus.${text}`, { defaultValue: text });
    case 'relation_to_head':
      return t(`relation.${text}`, { defaultValue: text });
    case 'sex':
      return t(`sex.${text}`, { defaultValue: text });
    case 'birth_precision':
      return t(`history.precision.${text}`, { defaultValue: text });
    case 'household_id':
    case 'merged_into_household_id':
      return text === options.householdId ? (
        t('history.thisHousehold')
      ) : (
        <Link to={`/registry/households/${text}`}>{t('history.anotherHousehold')}</Link>
      );
    case 'merged_into_member_id':
      return t('history.anotherRecord');
    case 'family_name_km':
    case 'given_name_km':
      return <span lang="km">{text}</span>;
    default:
      return text;
  }
}

/** Every change to the household and its members, newest first, with who changed what and why. */
export function HouseholdHistory({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation('registry');
  const history = useHouseholdHistory(householdId);
  const isKm = i18n.language === 'km';
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <ErrorMessage error={history.error} />
      <ol className="history">
        {history.data?.items.map((entry) => (
          <li key={`${entry.changeId}-${entry.entityType}-${entry.ref}`}>
            <p>
              <strong>{new Date(entry.at).toLocaleString(isKm ? 'km-KH' : 'en-GB')}</strong> ·{' '}
              {entry.source === 'change_request'
                ? t('history.approvedChange', {
                    kind: t(`kinds.${entry.kind}`, { defaultValue: entry.kind }),
                  })
                : t(`source.${entry.source}`, { defaultValue: entry.source })}{' '}
              · {entry.ref} · <span lang={languageOfText(entry.reason)}>{entry.reason}</span>
            </p>
            <ul>
              {entry.changes.map((c) => {
                const label = FIELD_LABEL[c.field];
                const shown = (value: unknown) =>
                  historyValue(t, { entityType: entry.entityType, field: c.field, value, householdId });
                return (
                  <li key={c.field}>
                    {label ? t(label) : c.field}: {shown(c.before)} → {shown(c.after)}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
