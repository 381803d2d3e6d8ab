import { definePolicy } from '../../platform/policy';

/** Payment officers run payrolls, provider files and reconciliation; programme officers read. */
export const paymentPolicies = {
  read: definePolicy({
    name: 'payments.read',
    allow: ['admin', 'payment_officer', 'programme_officer', 'regulator_analyst'],
    scope: 'none',
  }),
  generate: definePolicy({
    name: 'payments.payroll.generate',
    allow: ['admin', 'payment_officer'],
    scope: 'none',
  }),
  exportFile: definePolicy({
    name: 'payments.file.export',
    allow: ['admin', 'payment_officer'],
    scope: 'none',
  }),
  reconcile: definePolicy({ name: 'payments.reconcile', allow: ['admin', 'payment_officer'], scope: 'none' }),
};
