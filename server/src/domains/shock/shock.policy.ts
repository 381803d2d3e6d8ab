import { definePolicy } from '../../platform/policy';

/** Shock events are declared nationally; responses are programmes, run by programme officers. */
export const shockPolicies = {
  read: definePolicy({
    name: 'shock.read',
    allow: ['admin', 'programme_officer', 'payment_officer', 'national_officer', 'regulator_analyst'],
    scope: 'none',
  }),
  declare: definePolicy({
    name: 'shock.declare',
    allow: ['admin', 'programme_officer', 'national_officer'],
    scope: 'none',
  }),
  respond: definePolicy({ name: 'shock.respond', allow: ['admin', 'programme_officer'], scope: 'none' }),
  unassessed: definePolicy({
    name: 'shock.unassessed.read',
    allow: ['admin', 'programme_officer', 'national_officer'],
    scope: 'none',
  }),
};
