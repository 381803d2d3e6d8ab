import { z } from 'zod';
import { ZVillageCode } from '../geography/index';
import {
  ZAnswers,
  ZBilingual,
  ZQuestionnaireFile,
  ZScoreExplanation,
  ZScoringModelFile,
  ZSetting,
} from './model-files';

const ZDate = z.iso.date('Use a date as YYYY-MM-DD');
const ZLevel = z.union([z.literal(1), z.literal(2)]);
const ZReason = z.string().trim().min(3, 'Say why').max(1000);

export const ZModelSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  title: ZBilingual,
  isIllustrative: z.boolean(),
  questionnaireId: z.number().int(),
  questionnaireCode: z.string(),
  setting: ZSetting,
  cutoffs: z.object({ level1: z.number().int(), level2: z.number().int() }),
});
export type ModelSummary = z.infer<typeof ZModelSummary>;

export const ZModelDetail = ZModelSummary.extend({
  definition: ZScoringModelFile,
  questionnaire: ZQuestionnaireFile,
});
export type ModelDetail = z.infer<typeof ZModelDetail>;

/** A new version from files or the screen; checked in full on the server (field paths in errors). */
export const ZLoadModelRequest = z.object({
  questionnaire: z.unknown().optional(),
  model: z.unknown(),
});

export const ZCreateRoundRequest = z.object({
  setting: ZSetting,
  title: z.string().trim().min(3).max(200),
  startsOn: ZDate,
  endsOn: ZDate,
  modelVersionId: z.number().int().positive(),
  cardValidMonths: z.number().int().min(1).max(120).default(36),
  villageCodes: z.array(ZVillageCode).min(1, 'A round covers at least one village').max(20_000),
});

export const ZRound = z.object({
  id: z.string(),
  setting: ZSetting,
  number: z.number().int(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  questionnaireVersionId: z.number().int(),
  modelVersionId: z.number().int(),
  cardValidMonths: z.number().int(),
  villageCount: z.number().int(),
});
export type Round = z.infer<typeof ZRound>;

export const REQUESTED_VIA = ['village_chief', 'commune_councillor', 'officer'] as const;

export const ZCreateAssessmentRequest = z.object({
  householdId: z.uuid(),
  requestedVia: z.enum(REQUESTED_VIA),
  requesterName: z.string().trim().min(1).max(200),
  reason: ZReason,
});

export const ZAssessmentRequest = z.object({
  id: z.string(),
  householdId: z.string(),
  villageCode: z.string(),
  requestedVia: z.enum(REQUESTED_VIA),
  requesterName: z.string(),
  reason: z.string(),
  status: z.enum(['open', 'assessed', 'cancelled']),
  createdAt: z.string(),
});

export const ZRecordAssessmentRequest = z
  .object({
    householdId: z.uuid(),
    roundId: z.uuid().nullish(),
    requestId: z.uuid().nullish(),
    /** On-demand only: the model to score with; the latest for the setting when absent. */
    modelVersionId: z.number().int().positive().nullish(),
    interviewerName: z.string().trim().min(1).max(200),
    interviewedOn: ZDate,
    answers: ZAnswers,
  })
  .refine((v) => Boolean(v.roundId) !== Boolean(v.requestId), {
    message: 'Give either a round or an on-demand request',
    path: ['roundId'],
  });
export type RecordAssessmentRequest = z.infer<typeof ZRecordAssessmentRequest>;

export const ZAssessment = z.object({
  id: z.string(),
  householdId: z.string(),
  villageCode: z.string(),
  roundId: z.string().nullable(),
  requestId: z.string().nullable(),
  questionnaireVersionId: z.number().int(),
  modelVersionId: z.number().int(),
  interviewerName: z.string(),
  interviewedOn: z.string(),
  answers: ZAnswers,
  explanation: ZScoreExplanation,
});
export type Assessment = z.infer<typeof ZAssessment>;

export const ZRescoreRequest = z.object({
  modelVersionId: z.number().int().positive(),
  roundId: z.uuid().nullish(),
});

export const LIST_STATUSES = ['draft', 'displayed', 'approved', 'published'] as const;

export const ZDraftListRequest = z.object({ villageCode: ZVillageCode, roundId: z.uuid().nullish() });
export const ZDisplayListRequest = z.object({ objectionUntil: ZDate });
export const ZApproveListRequest = z.object({ councilDecisionRef: z.string().trim().min(1).max(100) });

export const ZObjectionRequest = z.object({
  householdId: z.uuid(),
  lodgedByName: z.string().trim().min(1).max(200),
  reason: ZReason,
  /** The level asked for; null asks that the household be taken off the list. */
  requestedLevel: ZLevel.nullable(),
});
export const ZDecideObjectionRequest = z.object({
  decision: z.enum(['upheld', 'rejected']),
  reason: ZReason,
});

export const ZObjection = z.object({
  id: z.string(),
  listId: z.string(),
  householdId: z.string(),
  lodgedByName: z.string(),
  reason: z.string(),
  requestedLevel: ZLevel.nullable(),
  status: z.enum(['open', 'upheld', 'rejected']),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ZObjection>;

export const ZListEntry = z.object({
  householdId: z.string(),
  householdRef: z.string(),
  headNameKm: z.string().nullable(),
  memberCount: z.number().int(),
  score: z.number().int(),
  proposedLevel: ZLevel.nullable(),
  finalLevel: ZLevel.nullable(),
});

export const ZVillageList = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageNameKm: z.string(),
  villageNameLatin: z.string(),
  roundId: z.string().nullable(),
  status: z.enum(LIST_STATUSES),
  objectionUntil: z.string().nullable(),
  councilDecisionRef: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  entries: z.array(ZListEntry),
  objections: z.array(ZObjection),
});
export type VillageList = z.infer<typeof ZVillageList>;

export const ZVillageListSummary = ZVillageList.omit({ entries: true, objections: true }).extend({
  entryCount: z.number().int(),
});

export const CARD_STATUSES = ['active', 'expired', 'revoked', 'superseded'] as const;

export const ZEquityCard = z.object({
  id: z.string(),
  cardNumber: z.string(),
  householdId: z.string(),
  householdRef: z.string(),
  villageCode: z.string(),
  level: ZLevel,
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(CARD_STATUSES),
  statusReason: z.string().nullable(),
  supersededByCardId: z.string().nullable(),
  warningAt: z.string().nullable(),
  warningReason: z.string().nullable(),
  issuedAt: z.string(),
  qrPayload: z.string(),
});
export type EquityCard = z.infer<typeof ZEquityCard>;

export const ZCardActionRequest = z.object({ reason: ZReason });

/** What the public verification answers: nothing about the household. */
export const ZCardVerification = z.object({
  cardNumber: z.string(),
  isValid: z.boolean(),
  level: ZLevel.nullable(),
  validUntil: z.string().nullable(),
});
export type CardVerification = z.infer<typeof ZCardVerification>;

export const VULNERABILITY_CATEGORIES = [
  'disability',
  'child_under_2',
  'aged_60_plus',
  'female_head',
  'single_woman_head',
  'only_under_18',
] as const;
export type VulnerabilityCategory = (typeof VULNERABILITY_CATEGORIES)[number];

export const ZAtRiskQuery = z.object({
  areaCode: z
    .string()
    .regex(/^([0-9]{2}){1,4}$/, 'An area code has 2, 4, 6 or 8 digits')
    .optional(),
  margin: z.coerce.number().int().min(0).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const ZAtRiskHousehold = z.object({
  householdId: z.string(),
  householdRef: z.string(),
  villageCode: z.string(),
  score: z.number().int(),
  level2Cutoff: z.number().int(),
  categories: z.array(z.enum(VULNERABILITY_CATEGORIES)),
});
export type AtRiskHousehold = z.infer<typeof ZAtRiskHousehold>;

export const ZVillageHousehold = z.object({
  householdId: z.string(),
  householdRef: z.string(),
  headNameKm: z.string().nullable(),
  memberCount: z.number().int(),
  activeCardId: z.string().nullable(),
  activeCardLevel: ZLevel.nullable(),
});
export type VillageHousehold = z.infer<typeof ZVillageHousehold>;
