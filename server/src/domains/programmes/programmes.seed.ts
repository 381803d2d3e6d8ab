import type { BenefitComponent, VersionInput } from '@mlob/contracts';
import type { Database } from '../../db/database';
import type { AuditContext } from '../../platform/audit/audit';
import * as repo from './programmes.repo';
import { activateVersion, createProgramme } from './programmes.service';

type Row = Omit<BenefitComponent, 'categoryCode' | 'categoryRule' | 'note'> &
  Partial<Pick<BenefitComponent, 'categoryCode' | 'categoryRule' | 'note'>>;

const row = (r: Row): BenefitComponent => ({ categoryCode: null, categoryRule: null, note: '', ...r });
const VULNERABLE = 'age <= 5 or has_disability = true or age >= 60';
const VULNERABLE_NOTE = 'child 0–5, disability, 60+; HIV is not recorded in the registry, so not counted';

/**
 * COVID-19 cash transfer (Sub-Decree 88, 2020–2024), monthly riel per household, from
 * PRODUCT.md. The rural level-1 per-member rate is not confirmed: it is configured here
 * (20,000) and marked is_confirmed = false, so every cycle counts the households it affects.
 */
export const COVID_VERSION: VersionInput = {
  eligibilityRule: "poverty_level in (1, 2) and card_status = 'active'",
  effectiveFrom: '2020-06-01',
  effectiveUntil: '2024-12-31',
  schedule: 'monthly',
  providers: ['wing'],
  withdrawalDays: 30,
  approvalRoles: ['programme_officer', 'payment_officer'],
  note: 'Sub-Decree 88 (2020); paid through Wing agents after an SMS alert.',
  benefits: [
    row({
      component: 'household',
      locationClass: 'phnom_penh_urban',
      povertyLevel: null,
      amountRiel: 120_000,
      isConfirmed: true,
    }),
    row({
      component: 'household',
      locationClass: 'other_urban',
      povertyLevel: null,
      amountRiel: 120_000,
      isConfirmed: true,
    }),
    row({
      component: 'household',
      locationClass: 'rural',
      povertyLevel: null,
      amountRiel: 80_000,
      isConfirmed: true,
    }),
    row({
      component: 'per_member',
      locationClass: 'phnom_penh_urban',
      povertyLevel: 1,
      amountRiel: 52_000,
      isConfirmed: true,
    }),
    row({
      component: 'per_member',
      locationClass: 'phnom_penh_urban',
      povertyLevel: 2,
      amountRiel: 36_000,
      isConfirmed: true,
    }),
    row({
      component: 'per_member',
      locationClass: 'other_urban',
      povertyLevel: 1,
      amountRiel: 40_000,
      isConfirmed: true,
    }),
    row({
      component: 'per_member',
      locationClass: 'other_urban',
      povertyLevel: 2,
      amountRiel: 28_000,
      isConfirmed: true,
    }),
    row({
      component: 'per_member',
      locationClass: 'rural',
      povertyLevel: 1,
      amountRiel: 20_000,
      isConfirmed: false,
      note: 'UNCONFIRMED: rural level-1 per-member rate not confirmed; configure before paying',
    }),
    row({
      component: 'per_member',
      locationClass: 'rural',
      povertyLevel: 2,
      amountRiel: 12_000,
      isConfirmed: true,
    }),
    ...(['phnom_penh_urban', 'other_urban'] as const).flatMap((locationClass) => [
      row({
        component: 'per_member_in_category',
        categoryCode: 'vulnerable',
        categoryRule: VULNERABLE,
        locationClass,
        povertyLevel: 1,
        amountRiel: 40_000,
        isConfirmed: true,
        note: VULNERABLE_NOTE,
      }),
      row({
        component: 'per_member_in_category',
        categoryCode: 'vulnerable',
        categoryRule: VULNERABLE,
        locationClass,
        povertyLevel: 2,
        amountRiel: 28_000,
        isConfirmed: true,
        note: VULNERABLE_NOTE,
      }),
    ]),
    row({
      component: 'per_member_in_category',
      categoryCode: 'vulnerable',
      categoryRule: VULNERABLE,
      locationClass: 'rural',
      povertyLevel: 1,
      amountRiel: 24_000,
      isConfirmed: true,
      note: VULNERABLE_NOTE,
    }),
    row({
      component: 'per_member_in_category',
      categoryCode: 'vulnerable',
      categoryRule: VULNERABLE,
      locationClass: 'rural',
      povertyLevel: 2,
      amountRiel: 16_000,
      isConfirmed: true,
      note: VULNERABLE_NOTE,
    }),
  ],
};

/**
 * Family Package (2024–): pregnant women and children under 2 in Equity Card households.
 * The real programme pays per antenatal visit, delivery and post-natal visit; PRODUCT.md gives
 * no amounts, so the monthly per-person amounts here are illustrative and marked unconfirmed.
 */
export const FAMILY_PACKAGE_VERSION: VersionInput = {
  eligibilityRule:
    "card_status = 'active' and count(members where is_pregnant = true or age_months < 24) >= 1",
  effectiveFrom: '2024-01-01',
  effectiveUntil: null,
  schedule: 'monthly',
  providers: ['wing'],
  withdrawalDays: 30,
  approvalRoles: ['programme_officer', 'payment_officer'],
  note: 'Family Package: pregnant women and children under 2. Amounts illustrative.',
  benefits: [
    row({
      component: 'per_member_in_category',
      categoryCode: 'pregnant_woman',
      categoryRule: 'is_pregnant = true',
      locationClass: null,
      povertyLevel: null,
      amountRiel: 40_000,
      isConfirmed: false,
      note: 'illustrative: paid per antenatal visit in reality',
    }),
    row({
      component: 'per_member_in_category',
      categoryCode: 'child_under_2',
      categoryRule: 'age_months < 24',
      locationClass: null,
      povertyLevel: null,
      amountRiel: 40_000,
      isConfirmed: false,
      note: 'illustrative: paid per vaccination/growth-check visit in reality',
    }),
  ],
};

/** Seeds the two example programmes (idempotent). */
export async function seedProgrammes(options: { database: Database; audit: AuditContext }): Promise<void> {
  const examples = [
    {
      code: 'covid19-cash-transfer',
      name: { en: 'COVID-19 cash transfer', km: 'កម្មវិធីឧបត្ថម្ភសាច់ប្រាក់ជូនគ្រួសារក្រីក្រ និងងាយរងហានិភ័យ ក្នុងគ្រាកូវីដ-១៩' },
      description: {
        en: 'Monthly cash for Equity Card households, 2020–2024 (Sub-Decree 88).',
        km: 'ប្រាក់ឧបត្ថម្ភប្រចាំខែសម្រាប់គ្រួសារមានប័ណ្ណសមធម៌ ឆ្នាំ២០២០–២០២៤ (អនុក្រឹត្យលេខ ៨៨)។',
      },
      version: COVID_VERSION,
    },
    {
      code: 'family-package-mch',
      name: {
        en: 'Family Package: pregnant women and children under 2',
        km: 'កញ្ចប់គ្រួសារ៖ ស្ត្រីមានផ្ទៃពោះ និងកុមារអាយុក្រោម ២ឆ្នាំ',
      },
      description: {
        en: 'Cash for pregnant women and young children in Equity Card households.',
        km: 'ប្រាក់ឧបត្ថម្ភសម្រាប់ស្ត្រីមានផ្ទៃពោះ និងកុមារតូចៗ ក្នុងគ្រួសារមានប័ណ្ណសមធម៌។',
      },
      version: FAMILY_PACKAGE_VERSION,
    },
  ];
  for (const example of examples) {
    if (await repo.findProgrammeByCode(options.database.db, example.code)) continue;
    await createProgramme({ ...options, input: example });
    await activateVersion({ ...options, code: example.code, version: 1 });
  }
}
