import type { ChangeRequestSubjects } from '@mlob/contracts';
import { useTranslation } from 'react-i18next';

type Payload = Record<string, unknown> & { kind?: string };

/** Values an approver reads as-is (ids are shown only in the technical details). */
const SHOWN_KEYS: Record<string, string> = {
  householdRef: 'newHousehold.householdRef',
  villageCode: 'newHousehold.villageCode',
  address: 'newHousehold.address',
  phones: 'newHousehold.phones',
  field: 'event.field',
  value: 'event.value',
  deathDate: 'event.deathDate',
  why: 'event.why',
  toVillageCode: 'event.village',
  newHouseholdRef: 'event.newHouseholdRef',
  relationToHead: 'event.newRelation',
  typeCode: 'identifiers.type',
};

function personLine(member: Record<string, unknown>): string {
  const km = [member.familyNameKm, member.givenNameKm].filter(Boolean).join(' ');
  const latin = [member.familyNameLatin, member.givenNameLatin].filter(Boolean).join(' ');
  return [member.memberRef, km, latin && `(${latin})`, member.birthDate].filter(Boolean).join(' · ');
}

/** Payload keys naming a household or members by id, and the label of each. */
const HOUSEHOLD_KEYS: Record<string, string> = {
  householdId: 'household.ref',
  toHouseholdId: 'event.toHousehold',
  otherHouseholdId: 'event.otherHousehold',
};
const MEMBER_KEYS: Record<string, string> = {
  memberId: 'event.member',
  memberIds: 'event.splitMembers',
  newHeadMemberId: 'event.newHead',
};

/** The households and members a change names by id, by reference and name (from `subjects`). */
function namedSubjects(change: Payload, subjects: ChangeRequestSubjects | undefined) {
  if (!subjects) return [];
  const rows: { key: string; label: string; text: string }[] = [];
  for (const [key, label] of Object.entries(HOUSEHOLD_KEYS)) {
    const household = subjects.households.find((h) => h.id === change[key]);
    if (household) rows.push({ key, label, text: household.householdRef });
  }
  for (const [key, label] of Object.entries(MEMBER_KEYS)) {
    const ids = Array.isArray(change[key]) ? (change[key] as unknown[]) : [change[key]];
    const people = subjects.members.filter((m) => ids.includes(m.id));
    if (people.length > 0) rows.push({ key, label, text: people.map((m) => personLine(m)).join('; ') });
  }
  return rows;
}

/** A change request's payload as an approver reads it: labelled values and the people concerned. */
export function ChangeSummary({ payload, subjects }: { payload: unknown; subjects?: ChangeRequestSubjects }) {
  const { t } = useTranslation('registry');
  if (typeof payload !== 'object' || payload === null) return null;
  const change = payload as Payload;
  const named = namedSubjects(change, subjects);
  // A split's or merge's new relations, person by person (the approver checks the family).
  const relations =
    typeof change.relationsToHead === 'object' && change.relationsToHead !== null
      ? Object.entries(change.relationsToHead as Record<string, unknown>).map(([id, relation]) => {
          const person = subjects?.members.find((m) => m.id === id);
          return `${person ? personLine(person) : id} — ${t(`relation.${String(relation)}`)}`;
        })
      : [];
  if (relations.length > 0)
    named.push({ key: 'relationsToHead', label: 'event.relationsToHead', text: relations.join('; ') });
  const members = Array.isArray(change.members)
    ? (change.members as Record<string, unknown>[])
    : change.member && typeof change.member === 'object'
      ? [change.member as Record<string, unknown>]
      : [];
  const rows = Object.entries(SHOWN_KEYS).filter(([key]) => {
    const v = change[key];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  const display = (key: string, v: unknown): string => {
    if (key === 'field') return t(`fields.${String(v)}`, { defaultValue: String(v) });
    if (key === 'relationToHead') return t(`relation.${String(v)}`, { defaultValue: String(v) });
    if (key === 'why') return v === 'registered_in_error' ? t('event.whyError') : t('event.whyMovedOut');
    return Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return (
    <>
      {rows.length + named.length > 0 && (
        <dl className="facts">
          {named.map((row) => (
            <div key={row.key}>
              <dt>{t(row.label)}</dt>
              <dd lang="km">{row.text}</dd>
            </div>
          ))}
          {rows.map(([key, label]) => (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd>{display(key, change[key])}</dd>
            </div>
          ))}
        </dl>
      )}
      {members.length > 0 && (
        <ul>
          {members.map((m, i) => (
            <li key={String(m.memberRef ?? i)}>
              <span lang="km">{personLine(m)}</span>
              {m.relationToHead ? ` — ${t(`relation.${String(m.relationToHead)}`)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('queue.details')}</summary>
        <pre className="small">{JSON.stringify(payload, null, 1)}</pre>
      </details>
    </>
  );
}
