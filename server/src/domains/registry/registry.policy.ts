import { definePolicy } from '../../platform/policy';
import type { Role } from '../../platform/roles';

/** Who sees registry data: the officers who keep it, village chiefs, and programme officers who enrol. */
const READERS: readonly Role[] = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
  'programme_officer',
];
const PROPOSERS: readonly Role[] = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
];
const APPROVERS: readonly Role[] = ['admin', 'national_officer', 'provincial_officer', 'commune_officer'];
const IMPORTERS: readonly Role[] = ['admin', 'national_officer', 'provincial_officer'];
const REVIEWERS: readonly Role[] = ['admin', 'national_officer', 'provincial_officer'];

export const registryPolicies = {
  read: definePolicy({ name: 'registry.read', allow: READERS, scope: 'area' }),
  propose: definePolicy({ name: 'registry.change.propose', allow: PROPOSERS, scope: 'area' }),
  decide: definePolicy({ name: 'registry.change.decide', allow: APPROVERS, scope: 'area' }),
  importFiles: definePolicy({ name: 'registry.import', allow: IMPORTERS, scope: 'area' }),
  exportFiles: definePolicy({
    name: 'registry.export',
    allow: READERS.filter((r) => r !== 'village_chief'),
    scope: 'area',
  }),
  dedupRun: definePolicy({ name: 'registry.dedup.run', allow: ['admin', 'national_officer'], scope: 'none' }),
  dedupReview: definePolicy({ name: 'registry.dedup.review', allow: REVIEWERS, scope: 'area' }),
  /** Approval rules are national configuration: everyone who proposes or decides may read them. */
  rulesRead: definePolicy({ name: 'registry.rules.read', allow: PROPOSERS, scope: 'none' }),
  rulesWrite: definePolicy({
    name: 'registry.rules.write',
    allow: ['admin', 'national_officer'],
    scope: 'none',
  }),
  identifierTypes: definePolicy({ name: 'registry.identifier_types.read', allow: READERS, scope: 'none' }),
};
