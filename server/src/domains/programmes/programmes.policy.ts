import { definePolicy } from '../../platform/policy';

/**
 * NSAF roles. Programme officers define programmes, enrol and prepare cycles; approval steps
 * name their own roles per version (checked again in the database); payment officers run
 * payrolls, provider files and reconciliation. These roles work nationally, so the routes are
 * not area-scoped.
 */
export const programmePolicies = {
  read: definePolicy({
    name: 'programmes.read',
    allow: ['admin', 'programme_officer', 'payment_officer', 'national_officer', 'regulator_analyst'],
    scope: 'none',
  }),
  define: definePolicy({ name: 'programmes.define', allow: ['admin', 'programme_officer'], scope: 'none' }),
  enrol: definePolicy({ name: 'programmes.enrol', allow: ['admin', 'programme_officer'], scope: 'none' }),
  decide: definePolicy({
    name: 'programmes.enrolment.decide',
    allow: ['admin', 'programme_officer'],
    scope: 'none',
  }),
  prepareCycle: definePolicy({
    name: 'programmes.cycle.prepare',
    allow: ['admin', 'programme_officer'],
    scope: 'none',
  }),
  approveCycle: definePolicy({
    name: 'programmes.cycle.approve',
    allow: ['admin', 'programme_officer', 'payment_officer', 'national_officer'],
    scope: 'none',
  }),
};
