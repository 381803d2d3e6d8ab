import type { Household } from '@mlob/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { Field } from '../../components/field';
import { NOT_HEAD_RELATIONS, RelationOptions } from './member-fields';

type Person = Household['members'][number];

/** Where the server names a member's missing or wrong relation (`change.relationsToHead.<id>`). */
export function relationField(memberId: string): string {
  return `change.relationsToHead.${memberId}`;
}

/**
 * The relations chosen for these members only: a member unticked since, or of a household typed
 * before, is not sent (the server refuses a relation for someone who does not move), and one
 * left at "—" is not sent either, so the server names that member as missing one.
 */
export function chosenRelations(
  members: Person[],
  relations: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of members) {
    const relation = relations[m.id];
    if (relation) out[m.id] = relation;
  }
  return out;
}

/**
 * One select per member who joins another head in a split or a merge: their relation to that
 * head. Nothing is preselected: the old relation named the former head, and a guess would be
 * stored as fact. One column on a phone (form-grid).
 */
export function RelationsToHeadFields({
  legend,
  members,
  value,
  onChange,
  errors,
  labelOf,
}: {
  legend: string;
  members: Person[];
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  errors: Record<string, string>;
  labelOf: (member: Person) => string;
}) {
  const { t } = useTranslation('registry');
  if (members.length === 0) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <p className="field__hint">{t('event.relationsHint')}</p>
      <div className="form-grid">
        {members.map((m) => (
          <Field
            key={m.id}
            label={labelOf(m)}
            hint={t('event.formerRelation', { relation: t(`relation.${m.relationToHead}`) })}
            error={errors[relationField(m.id)]}
          >
            {(control) => (
              <select
                {...control}
                value={value[m.id] ?? ''}
                onChange={(e) => onChange({ ...value, [m.id]: e.target.value })}
              >
                <option value="">—</option>
                <RelationOptions relations={NOT_HEAD_RELATIONS} />
              </select>
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The active members of the household with this reference (in scope), looked up once typing
 * pauses, for the merge form to ask each one's relation. Empty while unknown.
 */
export function useActiveMembersOfRef(ref: string): Person[] {
  const [settled, setSettled] = useState(ref.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(ref.trim()), 300);
    return () => clearTimeout(timer);
  }, [ref]);
  const found = useQuery({
    queryKey: ['registry', 'households-by-ref', settled],
    queryFn: ({ signal }) =>
      apiGet<{ items: { id: string; householdRef: string; villageCode: string; status: string }[] }>(
        '/api/registry/households',
        { ref: settled },
        signal,
      ),
    enabled: settled !== '',
  });
  const id = settled === '' ? '' : (found.data?.items[0]?.id ?? '');
  const household = useQuery({
    queryKey: ['registry', 'household', id, ''],
    queryFn: ({ signal }) => apiGet<Household>(`/api/registry/households/${id}`, undefined, signal),
    enabled: id !== '',
  });
  return id === '' ? [] : (household.data?.members.filter((m) => m.status === 'active') ?? []);
}
