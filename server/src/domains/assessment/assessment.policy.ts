import { definePolicy } from '../../platform/policy';
import type { Role } from '../../platform/roles';

/** IDPoor officers at every level, and the village chief for his own village. */
const FIELD: readonly Role[] = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
];
const CARD_READERS: readonly Role[] = [...FIELD, 'programme_officer'];

/**
 * Who does which step of IDPoor. Community validation follows the real order of roles:
 * the commune officer drafts and posts the list, the village chief and the commune record
 * objections, the commune council (commune officer) decides them and approves, and the
 * provincial planning department publishes, which issues the Equity Cards.
 */
export const assessmentPolicies = {
  readModels: definePolicy({
    name: 'assessment.models.read',
    allow: [...FIELD, 'programme_officer', 'regulator_analyst'],
    scope: 'none',
  }),
  loadModel: definePolicy({
    name: 'assessment.models.load',
    allow: ['admin', 'national_officer'],
    scope: 'none',
  }),
  readRounds: definePolicy({ name: 'assessment.rounds.read', allow: FIELD, scope: 'none' }),
  manageRounds: definePolicy({
    name: 'assessment.rounds.manage',
    allow: ['admin', 'national_officer'],
    scope: 'none',
  }),
  rescore: definePolicy({ name: 'assessment.rescore', allow: ['admin', 'national_officer'], scope: 'none' }),
  request: definePolicy({ name: 'assessment.request', allow: FIELD, scope: 'area' }),
  record: definePolicy({ name: 'assessment.record', allow: FIELD, scope: 'area' }),
  read: definePolicy({ name: 'assessment.read', allow: FIELD, scope: 'area' }),
  draftList: definePolicy({
    name: 'assessment.list.draft',
    allow: ['admin', 'national_officer', 'provincial_officer', 'commune_officer'],
    scope: 'area',
  }),
  readList: definePolicy({ name: 'assessment.list.read', allow: FIELD, scope: 'area' }),
  displayList: definePolicy({ name: 'assessment.list.display', allow: ['commune_officer'], scope: 'area' }),
  recordObjection: definePolicy({
    name: 'assessment.objection.record',
    allow: ['village_chief', 'commune_officer'],
    scope: 'area',
  }),
  decideObjection: definePolicy({
    name: 'assessment.objection.decide',
    allow: ['commune_officer'],
    scope: 'area',
  }),
  approveList: definePolicy({ name: 'assessment.list.approve', allow: ['commune_officer'], scope: 'area' }),
  publishList: definePolicy({
    name: 'assessment.list.publish',
    allow: ['provincial_officer', 'national_officer'],
    scope: 'area',
  }),
  readCards: definePolicy({ name: 'assessment.cards.read', allow: CARD_READERS, scope: 'area' }),
  warnCard: definePolicy({
    name: 'assessment.cards.warn',
    allow: ['commune_officer', 'provincial_officer'],
    scope: 'area',
  }),
  revokeCard: definePolicy({
    name: 'assessment.cards.revoke',
    allow: ['provincial_officer', 'national_officer'],
    scope: 'area',
  }),
  expireCards: definePolicy({
    name: 'assessment.cards.expire',
    allow: ['admin', 'national_officer'],
    scope: 'none',
  }),
  verifyCard: definePolicy({ name: 'assessment.cards.verify', allow: 'public', scope: 'none' }),
  atRisk: definePolicy({
    name: 'assessment.at_risk.read',
    allow: [...CARD_READERS],
    scope: 'area',
  }),
};
