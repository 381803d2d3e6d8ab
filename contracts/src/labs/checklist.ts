import { z } from 'zod';

/** The four answers an audit item can take; "na" leaves the denominator. */
export const AUDIT_ANSWERS = ['yes', 'partial', 'no', 'na'] as const;
export const ZAuditAnswer = z.enum(AUDIT_ANSWERS);
export type AuditAnswer = z.infer<typeof ZAuditAnswer>;

const ZItemId = z.string().regex(/^\d+(\.[A-Za-z0-9-]+)+$/, 'an id looks like "1.2" or "1.2.a"');
const ZText = z.string().trim().min(1, 'must not be empty');

export const ZChecklistFileSubQuestion = z.strictObject({
  id: ZItemId,
  title: ZText.optional(),
  text: ZText,
  answers: z.array(ZAuditAnswer).min(1, 'must offer at least one answer'),
});

export const ZChecklistFileQuestion = z.strictObject({
  id: ZItemId,
  title: ZText.optional(),
  text: ZText,
  points: z.number().int('must be a whole number').min(0, 'must not be negative'),
  answers: z.array(ZAuditAnswer).min(1, 'must offer at least one answer').optional(),
  subQuestions: z.array(ZChecklistFileSubQuestion).min(1).optional(),
});

export const ZChecklistFileSection = z.strictObject({
  number: z.number().int().min(1),
  title: ZText,
  points: z.number().int('must be a whole number').min(0, 'must not be negative'),
  questions: z.array(ZChecklistFileQuestion).min(1, 'a section needs at least one question'),
});

export const ZStarBand = z.strictObject({
  stars: z.number().int().min(0).max(5),
  minPercent: z.number().min(0).max(100),
});

/**
 * The checklist file format of `slipta-v2-checklist.json` (WHO AFRO SLIPTA, extracted from
 * ilabafrica/checklist). `proficiencyTestRule` is optional: when absent, the SLIPTA
 * certification rule (two latest PT rounds at 80% or better) applies.
 */
export const ZChecklistFile = z.strictObject({
  checklist: ZText,
  version: ZText,
  source: z.string().optional(),
  sourceCommit: z.string().optional(),
  answerScores: z.strictObject({
    yes: z.literal('full points'),
    partial: z.number().int().min(0),
    no: z.number().int().min(0),
    na: z.literal('excluded from the denominator'),
  }),
  starBands: z.array(ZStarBand).min(1),
  proficiencyTestRule: z
    .strictObject({ latestTests: z.number().int().min(1), minPercent: z.number().min(0).max(100) })
    .optional(),
  notes: z.array(z.string()).optional(),
  checks: z
    .strictObject({
      declaredTotalPoints: z.number().int().min(0),
      questionPointsTotal: z.number().int().min(0).optional(),
      questions: z.number().int().min(0).optional(),
      subQuestions: z.number().int().min(0).optional(),
      perSection: z
        .array(
          z.strictObject({
            number: z.number().int(),
            declaredPoints: z.number().int(),
            questionPointsSum: z.number().int(),
          }),
        )
        .optional(),
      problems: z.array(z.string()).optional(),
    })
    .optional(),
  sections: z.array(ZChecklistFileSection).min(1, 'a checklist needs at least one section'),
});
export type ChecklistFile = z.infer<typeof ZChecklistFile>;

/** The `mlob labs score` answers file: question or sub-question id → answer. */
export const ZAnswersFile = z.record(z.string(), z.string());

export const ZScoreSection = z.object({
  number: z.number(),
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
});
export const ZScoreResult = z.object({
  points: z.number(),
  maxPoints: z.number(),
  percent: z.number(),
  stars: z.number(),
  sections: z.array(ZScoreSection),
});
export type ScoreResult = z.infer<typeof ZScoreResult>;

export const ZChecklistVersionSummary = z.object({
  id: z.string(),
  checklist: z.string(),
  version: z.string(),
  source: z.string().nullable(),
  totalPoints: z.number(),
  declaredTotalPoints: z.number(),
  questionCount: z.number(),
  subQuestionCount: z.number(),
  inconsistencies: z.array(z.string()),
  loadedAt: z.string(),
});
export type ChecklistVersionSummary = z.infer<typeof ZChecklistVersionSummary>;

export const ZChecklistItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  sectionNumber: z.number(),
  title: z.string().nullable(),
  text: z.string(),
  shortEn: z.string().nullable(),
  shortKm: z.string().nullable(),
  points: z.number().nullable(),
  answers: z.array(ZAuditAnswer),
});

export const ZChecklistVersionDetail = ZChecklistVersionSummary.extend({
  starBands: z.array(z.object({ stars: z.number(), minPercent: z.number() })),
  proficiencyTestRule: z.object({ latestTests: z.number(), minPercent: z.number() }),
  sections: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      titleKm: z.string().nullable(),
      declaredPoints: z.number(),
      points: z.number(),
      items: z.array(ZChecklistItem),
    }),
  ),
});
export type ChecklistVersionDetail = z.infer<typeof ZChecklistVersionDetail>;
