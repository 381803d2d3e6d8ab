import { definePolicy } from '../../platform/policy';
import type { Role } from '../../platform/roles';

/** The lab network's own roles; the Bureau's staff hold them with national scope. */
export const LAB_ROLES: readonly Role[] = ['admin', 'lab_quality_manager', 'lab_auditor'];

export const labsPolicies = {
  read: definePolicy({ name: 'labs.read', allow: LAB_ROLES, scope: 'lab' }),
  manageLabs: definePolicy({ name: 'labs.manage', allow: ['admin'], scope: 'none' }),
  importChecklist: definePolicy({ name: 'labs.checklist.import', allow: ['admin'], scope: 'none' }),
  readChecklists: definePolicy({ name: 'labs.checklist.read', allow: LAB_ROLES, scope: 'none' }),
  auditCreate: definePolicy({ name: 'labs.audit.create', allow: LAB_ROLES, scope: 'lab' }),
  auditConduct: definePolicy({ name: 'labs.audit.conduct', allow: LAB_ROLES, scope: 'lab' }),
  auditReview: definePolicy({ name: 'labs.audit.review', allow: LAB_ROLES, scope: 'lab' }),
  ncWrite: definePolicy({ name: 'labs.nc.write', allow: LAB_ROLES, scope: 'lab' }),
  qualityWrite: definePolicy({ name: 'labs.quality.write', allow: LAB_ROLES, scope: 'lab' }),
};
