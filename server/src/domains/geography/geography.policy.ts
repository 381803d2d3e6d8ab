import { definePolicy } from '../../platform/policy';
import type { Role } from '../../platform/roles';

/** Everyone whose work involves places reads the gazetteer (within their area scope). */
const READERS: readonly Role[] = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
  'programme_officer',
  'payment_officer',
  'facility_clerk',
  'pca_officer',
  'regulator_analyst',
  'lab_quality_manager',
  'lab_auditor',
  'curriculum_coordinator',
  'assessor',
];

export const geographyPolicies = {
  read: definePolicy({ name: 'geography.read', allow: READERS, scope: 'area' }),
  setLocationClass: definePolicy({ name: 'geography.location_class.set', allow: ['admin'], scope: 'area' }),
};
