import type { BenefitComponent, Programme } from '@mlob/contracts';
import type { Selectable } from 'kysely';
import type { DB } from '../../db/schema';

type ProgrammeRow = Selectable<DB['programme']>;
type VersionRow = Selectable<DB['programme_version']>;
type BenefitRow = Selectable<DB['benefit_component']>;

export function presentBenefit(b: BenefitRow): BenefitComponent {
  return {
    component: b.component as BenefitComponent['component'],
    categoryCode: b.category_code,
    categoryRule: b.category_rule,
    locationClass: b.location_class as BenefitComponent['locationClass'],
    povertyLevel: b.poverty_level as 1 | 2 | null,
    amountRiel: b.amount_riel,
    isConfirmed: b.is_confirmed,
    note: b.note,
  };
}

export function presentProgramme(p: ProgrammeRow, versions: VersionRow[], benefits: BenefitRow[]): Programme {
  return {
    id: p.id,
    code: p.code,
    kind: p.kind as Programme['kind'],
    name: { en: p.name_en, km: p.name_km },
    description: { en: p.description_en, km: p.description_km },
    versions: versions
      .filter((v) => v.programme_id === p.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status as 'draft' | 'active' | 'retired',
        eligibilityRule: v.eligibility_rule,
        effectiveFrom: v.effective_from,
        effectiveUntil: v.effective_until,
        schedule: v.schedule,
        providers: v.providers,
        withdrawalDays: v.withdrawal_days,
        approvalRoles: v.approval_roles,
        benefits: benefits.filter((b) => b.programme_version_id === v.id).map(presentBenefit),
      })),
  };
}
