import { z } from 'zod';
import { ZLabCode } from './audits';
import { LABS_REFUSALS } from './refusals';

export const NC_SOURCES = [
  'audit',
  'internal_qc',
  'eqa',
  'complaint',
  'incident',
  'indicator',
  'equipment',
] as const;
export const NC_STAGES = ['reported', 'analysis', 'action', 'verification', 'closed'] as const;
export const RISK_GRADES = ['low', 'medium', 'high', 'critical'] as const;
export const LINK_TYPES = [
  'audit',
  'audit_question',
  'equipment',
  'document',
  'eqa_result',
  'personnel',
  'other',
] as const;
export const ZNcSource = z.enum(NC_SOURCES);
export const ZNcStage = z.enum(NC_STAGES);
export type NcStage = z.infer<typeof ZNcStage>;
export const ZRiskGrade = z.enum(RISK_GRADES);

const ZLongText = z.string().trim().min(3, LABS_REFUSALS.few_words.en).max(8000);

export const ZCreateNcRequest = z.object({
  labCode: ZLabCode,
  source: ZNcSource,
  title: z.string().trim().min(3).max(300),
  description: ZLongText,
  evidence: z.string().trim().max(8000).optional(),
  immediateCorrection: z.string().trim().max(8000).optional(),
  severity: z.number().int().min(1).max(5).optional(),
  likelihood: z.number().int().min(1).max(5).optional(),
  links: z
    .array(
      z.object({
        entityType: z.enum(LINK_TYPES),
        entityId: z.string().min(1).max(200),
        label: z.string().max(300).optional(),
      }),
    )
    .max(20)
    .optional(),
});

export const ZCorrectionRequest = z.object({
  immediateCorrection: ZLongText,
  correctedOn: z.iso.date(),
});

export const ZRiskRequest = z.object({
  severity: z.number().int().min(1).max(5),
  likelihood: z.number().int().min(1).max(5),
});

export const FISHBONE_CATEGORIES = [
  'people',
  'methods',
  'equipment',
  'materials',
  'environment',
  'measurement',
] as const;

/** Root cause by 5-why (one to five whys, then the root cause) or fishbone (causes by category). */
export const ZRootCauseRequest = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('five_whys'),
    whys: z.array(z.string().trim().min(2).max(2000)).min(1).max(5),
    summary: ZLongText,
  }),
  z.object({
    method: z.literal('fishbone'),
    causes: z.partialRecord(z.enum(FISHBONE_CATEGORIES), z.array(z.string().trim().min(2).max(2000)).max(10)),
    summary: ZLongText,
  }),
]);

export const ZAddActionRequest = z.object({
  kind: z.enum(['corrective', 'preventive']),
  description: ZLongText,
  ownerName: z.string().trim().min(2).max(200),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: z.iso.date(),
});

export const ZCompleteActionRequest = z.object({
  doneOn: z.iso.date(),
  note: z.string().trim().min(3).max(4000),
});

export const ZEffectivenessRequest = z.object({
  checkedOn: z.iso.date(),
  isEffective: z.boolean(),
  evidence: ZLongText,
});

export const ZAddLinkRequest = z.object({
  entityType: z.enum(LINK_TYPES),
  entityId: z.string().min(1).max(200),
  label: z.string().max(300).optional(),
});

export const ZNcSummary = z.object({
  id: z.string(),
  number: z.string(),
  labCode: z.string(),
  source: ZNcSource,
  title: z.string(),
  stage: ZNcStage,
  riskGrade: ZRiskGrade.nullable(),
  raisedAt: z.string(),
  openActions: z.number(),
  overdueActions: z.number(),
  nextDueOn: z.string().nullable(),
  auditId: z.string().nullable(),
  auditItemId: z.string().nullable(),
});
export type NcSummary = z.infer<typeof ZNcSummary>;

export const ZNcAction = z.object({
  id: z.string(),
  kind: z.enum(['corrective', 'preventive']),
  description: z.string(),
  ownerName: z.string(),
  ownerUserId: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  isOverdue: z.boolean(),
});

export const ZNcDetail = ZNcSummary.extend({
  description: z.string(),
  evidence: z.string().nullable(),
  immediateCorrection: z.string().nullable(),
  correctedOn: z.string().nullable(),
  severity: z.number().nullable(),
  likelihood: z.number().nullable(),
  rootCause: ZRootCauseRequest.nullable(),
  raisedByName: z.string(),
  closedAt: z.string().nullable(),
  actions: z.array(ZNcAction),
  links: z.array(z.object({ entityType: z.string(), entityId: z.string(), label: z.string().nullable() })),
  effectivenessChecks: z.array(
    z.object({ checkedOn: z.string(), isEffective: z.boolean(), evidence: z.string(), byName: z.string() }),
  ),
});
export type NcDetail = z.infer<typeof ZNcDetail>;

export const ZNcBoard = z.object({
  columns: z.array(z.object({ stage: ZNcStage, items: z.array(ZNcSummary) })),
});

export const ZDueAction = z.object({
  actionId: z.string(),
  ncId: z.string(),
  ncNumber: z.string(),
  labCode: z.string(),
  description: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  state: z.enum(['due_soon', 'overdue']),
});
export type DueAction = z.infer<typeof ZDueAction>;
