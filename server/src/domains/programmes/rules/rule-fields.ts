/**
 * The fields an eligibility rule may name. Household fields are columns of the household
 * facts relation, member fields columns of the member facts relation (both given to the SQL
 * compiler by name), so the catalogue is the one contract between rules and the registry.
 */
export type FieldType = 'number' | 'text' | 'boolean';

export interface FieldSpec {
  type: FieldType;
  /** Allowed values for enumerated text fields; validated when a rule is saved. */
  values?: readonly string[];
  /** Pattern for free text fields such as area codes. */
  pattern?: RegExp;
  description: { en: string; km: string };
}

export const HOUSEHOLD_FIELDS: Record<string, FieldSpec> = {
  location_class: {
    type: 'text',
    values: ['phnom_penh_urban', 'other_urban', 'rural'],
    description: { en: 'location class of the village', km: 'ប្រភេទទីតាំងភូមិ' },
  },
  province: { type: 'text', pattern: /^[0-9]{2}$/, description: { en: 'province code', km: 'លេខកូដខេត្ត' } },
  district: { type: 'text', pattern: /^[0-9]{4}$/, description: { en: 'district code', km: 'លេខកូដស្រុក' } },
  commune: { type: 'text', pattern: /^[0-9]{6}$/, description: { en: 'commune code', km: 'លេខកូដឃុំ' } },
  village: { type: 'text', pattern: /^[0-9]{8}$/, description: { en: 'village code', km: 'លេខកូដភូមិ' } },
  poverty_level: {
    type: 'number',
    description: { en: 'IDPoor level (1 very poor, 2 poor)', km: 'កម្រិតក្រីក្រ' },
  },
  card_status: {
    type: 'text',
    values: ['active', 'expired', 'revoked', 'superseded', 'none'],
    description: { en: 'Equity Card status', km: 'ស្ថានភាពប័ណ្ណសមធម៌' },
  },
  is_at_risk: { type: 'boolean', description: { en: 'classified at risk (near-poor)', km: 'ងាយរងគ្រោះ' } },
  member_count: { type: 'number', description: { en: 'number of living members', km: 'ចំនួនសមាជិក' } },
  head_sex: {
    type: 'text',
    values: ['F', 'M'],
    description: { en: 'sex of the household head', km: 'ភេទមេគ្រួសារ' },
  },
};

export const MEMBER_FIELDS: Record<string, FieldSpec> = {
  age: { type: 'number', description: { en: 'age in full years', km: 'អាយុ (ឆ្នាំ)' } },
  age_months: { type: 'number', description: { en: 'age in full months', km: 'អាយុ (ខែ)' } },
  sex: { type: 'text', values: ['F', 'M'], description: { en: 'sex', km: 'ភេទ' } },
  has_disability: {
    type: 'boolean',
    description: { en: 'has a disability (any Washington Group domain)', km: 'មានពិការភាព' },
  },
  chronic_illness: { type: 'boolean', description: { en: 'has a chronic illness', km: 'មានជំងឺរ៉ាំរ៉ៃ' } },
  is_pregnant: { type: 'boolean', description: { en: 'is pregnant', km: 'មានផ្ទៃពោះ' } },
  relation: {
    type: 'text',
    values: ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other_relative', 'non_relative'],
    description: { en: 'relation to the head', km: 'ទំនាក់ទំនងជាមួយមេគ្រួសារ' },
  },
};

/** Member facts the engine reads; age and age_months are derived from birth_date. */
export interface MemberFacts {
  member_ref: string;
  birth_date: string | null;
  sex: string;
  has_disability: boolean;
  chronic_illness: boolean | null;
  is_pregnant: boolean;
  relation: string;
}

export interface HouseholdFacts {
  household_ref: string;
  location_class: string | null;
  province: string;
  district: string;
  commune: string;
  village: string;
  poverty_level: number | null;
  card_status: string;
  is_at_risk: boolean;
  member_count: number;
  head_sex: string | null;
  members: MemberFacts[];
}

/**
 * Full months from birth to the reference date: the month difference, less one when the day
 * of the month is not yet reached. The SQL compiler uses the same arithmetic, so both agree
 * on every date (PostgreSQL's age() borrows days differently at month ends).
 */
export function ageInMonths(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = onDate.split('-').map(Number) as [number, number, number];
  return (ry - by) * 12 + (rm - bm) - (rd < bd ? 1 : 0);
}
