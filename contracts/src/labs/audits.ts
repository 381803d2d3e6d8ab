import { z } from 'zod';
import { ZAuditAnswer } from './checklist';
import { LABS_REFUSALS } from './refusals';

export const ZLabCode = z.string().regex(/^[A-Z0-9-]{2,20}$/, LABS_REFUSALS.lab_code_format.en);

export const ZLab = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameKm: z.string(),
  provinceCode: z.string().nullable(),
  kind: z.enum(['national', 'provincial']),
  latestStars: z.number().nullable(),
  latestPercent: z.number().nullable(),
  latestPublishedOn: z.string().nullable(),
});
export type Lab = z.infer<typeof ZLab>;

export const ZCreateLabRequest = z.object({
  code: ZLabCode,
  nameEn: z.string().trim().min(3).max(200),
  nameKm: z.string().trim().min(2).max(200),
  provinceCode: z
    .string()
    .regex(/^[0-9]{2}$/, LABS_REFUSALS.province_code_format.en)
    .nullable()
    .default(null),
  kind: z.enum(['national', 'provincial']),
});

export const AUDIT_KINDS = ['internal', 'peer', 'external'] as const;
export const AUDIT_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export const ZAuditKind = z.enum(AUDIT_KINDS);
export const ZAuditStatus = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof ZAuditStatus>;

export const ZCreateAuditRequest = z.object({
  labCode: ZLabCode,
  checklistVersionId: z.uuid(),
  kind: ZAuditKind,
  auditingLabCode: ZLabCode.nullable().optional(),
  auditDate: z.iso.date('Use a date as YYYY-MM-DD'),
  title: z.string().trim().min(3).max(200).optional(),
});

export const ZAuditSectionScore = z.object({
  number: z.number(),
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
});

export const ZAuditSummary = z.object({
  id: z.string(),
  labCode: z.string(),
  labNameEn: z.string(),
  labNameKm: z.string(),
  kind: ZAuditKind,
  auditingLabCode: z.string().nullable(),
  checklistVersionId: z.string(),
  title: z.string(),
  auditDate: z.string(),
  status: ZAuditStatus,
  leadAuditorName: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
  stars: z.number(),
  starsByPercent: z.number(),
  proficiency: z.enum(['not_checked', 'met', 'not_met']),
  revision: z.number(),
  updatedAt: z.string(),
});
export type AuditSummary = z.infer<typeof ZAuditSummary>;

export const ZAuditAnswerView = z.object({
  itemId: z.string(),
  answer: ZAuditAnswer,
  comment: z.string().nullable(),
  naJustification: z.string().nullable(),
  clientChangeId: z.string(),
  clientAt: z.string(),
  updatedAt: z.string(),
});

export const ZAuditDetail = ZAuditSummary.extend({
  sections: z.array(ZAuditSectionScore),
  questions: z.array(
    z.object({
      id: z.string(),
      sectionNumber: z.number(),
      answer: ZAuditAnswer.nullable(),
      points: z.number(),
      maxPoints: z.number(),
    }),
  ),
  answers: z.array(ZAuditAnswerView),
  checklistInconsistencies: z.array(z.string()),
  transitions: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      reason: z.string().nullable(),
      byName: z.string(),
      at: z.string(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number(),
    }),
  ),
});
export type AuditDetail = z.infer<typeof ZAuditDetail>;

/**
 * One answer change from a device. `changeId` is generated on the device once per edit, so
 * a batch replayed after a lost connection is recognised; `clientAt` orders edits of the same
 * item from several devices (the latest wins, the other is kept as stale).
 */
export const ZAnswerChange = z.object({
  changeId: z.uuid(),
  itemId: z.string().min(1).max(60),
  answer: ZAuditAnswer.nullable(),
  comment: z.string().max(4000).nullable().optional(),
  naJustification: z.string().max(4000).nullable().optional(),
  clientAt: z.iso.datetime({ offset: true }),
});
export type AnswerChange = z.infer<typeof ZAnswerChange>;

export const ZAnswerSyncRequest = z.object({ changes: z.array(ZAnswerChange).min(1).max(1000) });
export const ZAnswerSyncResponse = z.object({
  results: z.array(
    z.object({
      changeId: z.string(),
      outcome: z.enum(['applied', 'duplicate', 'stale', 'rejected']),
      message: z.string().optional(),
    }),
  ),
  revision: z.number(),
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
  stars: z.number(),
});

export const ZReasonRequest = z.object({
  reason: z.string().trim().min(5, LABS_REFUSALS.say_why.en).max(2000),
});
export const ZOptionalReasonRequest = z.object({ reason: z.string().trim().max(2000).optional() });

export const ZEvidenceUpload = z.object({
  itemId: z.string().min(1).max(60),
  fileName: z.string().trim().min(1).max(200),
  contentType: z.string().min(3).max(100),
  contentBase64: z.string().min(1).max(7_000_000, LABS_REFUSALS.evidence_limit.en),
});
