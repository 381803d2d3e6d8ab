import { ROLE_NAMES } from '@mlob/contracts';

/**
 * Every role named in PRODUCT.md; the list itself lives in the contracts, which the web app
 * shares. The scope kind says what a user of that role is limited to.
 */
export const ROLES = ROLE_NAMES;

export type Role = (typeof ROLES)[number];

export type ScopeKind = 'national' | 'areas' | 'facility' | 'lab' | 'school';

/** The scope each role is normally given; create-user checks a user's scope against it. */
export const SCOPE_KIND_BY_ROLE: Record<Role, readonly ScopeKind[]> = {
  admin: ['national'],
  national_officer: ['national'],
  provincial_officer: ['areas'],
  commune_officer: ['areas'],
  village_chief: ['areas'],
  programme_officer: ['national'],
  payment_officer: ['national'],
  facility_clerk: ['facility'],
  pca_officer: ['national', 'areas'],
  regulator_analyst: ['national'],
  lab_quality_manager: ['lab', 'national'],
  lab_auditor: ['lab', 'national'],
  curriculum_coordinator: ['school', 'national'],
  assessor: ['school', 'areas'],
  learner: ['school'],
};

/** Area level an area-scoped role works at (code length / 2), for checks on create-user. */
export const AREA_LEVEL_BY_ROLE: Partial<Record<Role, number>> = {
  provincial_officer: 1,
  commune_officer: 3,
  village_chief: 4,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
