import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field';

// The same list as RELATIONS in @mlob/contracts: the web imports only types from contracts,
// which keeps zod out of the browser bundle.
export const RELATION_CODES = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other_relative',
  'non_relative',
] as const;

/** A person being added, as the form holds it (strings; empty means not given). */
/** Relations a member can have to a head other than themselves. */
export const NOT_HEAD_RELATIONS = RELATION_CODES.filter((r) => r !== 'head');

/** The options of a relation select, in the reader's language. */
export function RelationOptions({ relations }: { relations: readonly string[] }) {
  const { t } = useTranslation('registry');
  return (
    <>
      {relations.map((r) => (
        <option key={r} value={r}>
          {t(`relation.${r}`)}
        </option>
      ))}
    </>
  );
}

export interface MemberDraft {
  memberRef: string;
  familyNameKm: string;
  givenNameKm: string;
  familyNameLatin: string;
  givenNameLatin: string;
  sex: 'F' | 'M';
  birthDate: string;
  relationToHead: string;
  nationalId: string;
  phone: string;
}

export function emptyMember(relationToHead = 'child'): MemberDraft {
  return {
    memberRef: '',
    familyNameKm: '',
    givenNameKm: '',
    familyNameLatin: '',
    givenNameLatin: '',
    sex: 'F',
    birthDate: '',
    relationToHead,
    nationalId: '',
    phone: '',
  };
}

/** The API's NewMember: empty optional values left out. */
export function memberPayload(m: MemberDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    memberRef: m.memberRef.trim(),
    familyNameKm: m.familyNameKm,
    givenNameKm: m.givenNameKm,
    sex: m.sex,
    relationToHead: m.relationToHead,
  };
  for (const key of ['familyNameLatin', 'givenNameLatin', 'birthDate', 'nationalId', 'phone'] as const) {
    if (m[key].trim() !== '') out[key] = m[key].trim();
  }
  return out;
}

/** Names for the error summary: `<prefix>.<field>` → "<title>: <field label>". */
export function memberFieldLabels(
  t: (key: string, options?: Record<string, unknown>) => string,
  prefix: string,
  title: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of TEXT_FIELDS) out[`${prefix}.${key}`] = `${title}: ${t(`newMember.${key}`)}`;
  out[`${prefix}.sex`] = `${title}: ${t('member.sex')}`;
  out[`${prefix}.relationToHead`] = `${title}: ${t('member.relation')}`;
  return out;
}

const TEXT_FIELDS = [
  'memberRef',
  'familyNameKm',
  'givenNameKm',
  'familyNameLatin',
  'givenNameLatin',
  'birthDate',
  'nationalId',
  'phone',
] as const;

/**
 * The inputs of one new member. `errors` are the server's field errors; `prefix` is the
 * member's path in the request (e.g. `change.member` or `change.members.2`).
 */
export function MemberFields({
  value,
  onChange,
  errors,
  prefix,
  relations = RELATION_CODES,
}: {
  value: MemberDraft;
  onChange: (next: MemberDraft) => void;
  errors: Record<string, string>;
  prefix: string;
  relations?: readonly string[];
}) {
  const { t } = useTranslation('registry');
  const error = (key: string) => errors[`${prefix}.${key}`];
  return (
    <div className="form-grid">
      {TEXT_FIELDS.map((key) => (
        <Field
          key={key}
          label={t(`newMember.${key}`)}
          hint={key === 'birthDate' ? t('newMember.birthDateHint') : undefined}
          error={error(key)}
        >
          {(control) => (
            <input
              {...control}
              name={`${prefix}.${key}`}
              lang={key.endsWith('Km') ? 'km' : undefined}
              inputMode={key === 'nationalId' || key === 'phone' ? 'numeric' : undefined}
              value={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field label={t('member.sex')} error={error('sex')}>
        {(control) => (
          <select
            {...control}
            name={`${prefix}.sex`}
            value={value.sex}
            onChange={(e) => onChange({ ...value, sex: e.target.value === 'M' ? 'M' : 'F' })}
          >
            <option value="F">{t('sex.F')}</option>
            <option value="M">{t('sex.M')}</option>
          </select>
        )}
      </Field>
      <Field label={t('member.relation')} error={error('relationToHead')}>
        {(control) => (
          <select
            {...control}
            name={`${prefix}.relationToHead`}
            value={value.relationToHead}
            onChange={(e) => onChange({ ...value, relationToHead: e.target.value })}
          >
            <RelationOptions relations={relations} />
          </select>
        )}
      </Field>
    </div>
  );
}
