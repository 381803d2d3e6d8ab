import { definePolicy } from '../../platform/policy';

export const auditPolicies = {
  verify: definePolicy({ name: 'audit.verify', allow: ['admin'], scope: 'none' }),
  read: definePolicy({ name: 'audit.read', allow: ['admin'], scope: 'none' }),
};
