import type { RoleName } from '@mlob/contracts';

// Keyed by the contract's union so a role added there fails the type-check here until listed
// (importing the contract's runtime list would pull zod into the bundle).
const ROLE_SET: Record<RoleName, true> = {
  admin: true,
  national_officer: true,
  provincial_officer: true,
  commune_officer: true,
  village_chief: true,
  programme_officer: true,
  payment_officer: true,
  facility_clerk: true,
  pca_officer: true,
  regulator_analyst: true,
  lab_quality_manager: true,
  lab_auditor: true,
  curriculum_coordinator: true,
  assessor: true,
  learner: true,
};

/** Every role, in the order PRODUCT.md lists them. */
export const ROLES = Object.keys(ROLE_SET) as RoleName[];
