import { z } from 'zod';

/**
 * Questionnaire versions and scoring model versions are data, shipped as JSON files and
 * loaded into the database. These schemas check their shape; the server checks the rules
 * that tie a model to its questionnaire (every question covered, cut-offs ordered).
 */

export const ZBilingual = z.object({ en: z.string().min(1), km: z.string().min(1) });
export type Bilingual = z.infer<typeof ZBilingual>;

export const SETTINGS = ['rural', 'urban'] as const;
export const ZSetting = z.enum(SETTINGS);
export type Setting = z.infer<typeof ZSetting>;

export const SECTIONS = [
  'housing',
  'land',
  'income',
  'food',
  'assets',
  'dependants',
  'circumstances',
] as const;
export const ZSection = z.enum(SECTIONS);

/** Keys and option values end up in compiled SQL: keep them to a safe alphabet. */
export const ZQuestionKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'Use lower-case letters, digits, _');
export const ZOptionValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,62}$/, 'Use lower-case letters, digits, _');
export const ZVersionCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,80}$/, 'Use lower-case letters, digits, -');

/** What the server derives from the household's members on the interview date. */
export const COMPUTED_FROM_MEMBERS = ['member_count', 'dependant_count', 'dependency_ratio_pct'] as const;

const questionBase = {
  key: ZQuestionKey,
  section: ZSection,
  label: ZBilingual,
  help: ZBilingual.optional(),
};
const ZOption = z.object({ value: ZOptionValue, label: ZBilingual });

export const ZQuestion = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('choice'), options: z.array(ZOption).min(2) }),
  z.object({ ...questionBase, type: z.literal('multi'), options: z.array(ZOption).min(1) }),
  z.object({
    ...questionBase,
    type: z.literal('number'),
    min: z.number(),
    max: z.number(),
    isInteger: z.boolean().default(true),
    unit: ZBilingual.optional(),
    computed: z.enum(COMPUTED_FROM_MEMBERS).optional(),
  }),
  z.object({ ...questionBase, type: z.literal('boolean') }),
]);
export type Question = z.infer<typeof ZQuestion>;

export const ZQuestionnaireFile = z.object({
  code: ZVersionCode,
  setting: ZSetting,
  title: ZBilingual,
  isIllustrative: z.boolean(),
  questions: z.array(ZQuestion).min(1),
});
export type QuestionnaireFile = z.infer<typeof ZQuestionnaireFile>;

const ZPoints = z.number().int().min(-1000).max(1000);

export const ZScoringRule = z.discriminatedUnion('kind', [
  /** One option chosen: its points. */
  z.object({ kind: z.literal('choice'), question: ZQuestionKey, points: z.record(ZOptionValue, ZPoints) }),
  /** Several options: the sum of the chosen options' points, at most `cap`. */
  z.object({
    kind: z.literal('multi'),
    question: ZQuestionKey,
    points: z.record(ZOptionValue, ZPoints),
    cap: ZPoints.optional(),
  }),
  /** A number: the points of the band it falls in; a band runs from `from` to the next band's `from`. */
  z.object({
    kind: z.literal('bands'),
    question: ZQuestionKey,
    bands: z.array(z.object({ from: z.number(), points: ZPoints })).min(1),
  }),
  z.object({ kind: z.literal('boolean'), question: ZQuestionKey, ifTrue: ZPoints, ifFalse: ZPoints }),
]);
export type ScoringRule = z.infer<typeof ZScoringRule>;

/** A special circumstance (a yes/no question) that moves the household down (negative points). */
export const ZAdjustment = z.object({ question: ZQuestionKey, points: ZPoints });

export const ZScoringModelFile = z.object({
  code: ZVersionCode,
  questionnaire: ZVersionCode,
  title: ZBilingual,
  isIllustrative: z.boolean(),
  description: ZBilingual,
  rules: z.array(ZScoringRule),
  adjustments: z.array(ZAdjustment),
  /** The adjustments together move a household by at most this much (a negative number). */
  maxTotalAdjustment: ZPoints.max(0),
  /** Score ≤ level1 → level 1 (very poor); score ≤ level2 → level 2 (poor); above → not poor. */
  cutoffs: z.object({ level1: z.number().int(), level2: z.number().int() }),
});
export type ScoringModelFile = z.infer<typeof ZScoringModelFile>;

/** Answers as stored: option value, option values, number or yes/no, keyed by question. */
export const ZAnswerValue = z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]);
export const ZAnswers = z.record(ZQuestionKey, ZAnswerValue);
export type Answers = z.infer<typeof ZAnswers>;

export const POVERTY_LEVELS = [1, 2] as const;
export type PovertyLevel = (typeof POVERTY_LEVELS)[number];

export const ZScoreLine = z.object({
  question: z.string(),
  section: ZSection,
  answer: ZAnswerValue,
  points: z.number().int(),
  /** How the points were found, e.g. "band from 20". */
  why: z.string(),
});

export const ZScoreExplanation = z.object({
  modelCode: z.string(),
  isIllustrative: z.boolean(),
  lines: z.array(ZScoreLine),
  basePoints: z.number().int(),
  adjustments: z.array(z.object({ question: z.string(), points: z.number().int() })),
  /** Sum of the adjustments after the model's maximum was applied. */
  adjustmentTotal: z.number().int(),
  score: z.number().int(),
  level: z.union([z.literal(1), z.literal(2)]).nullable(),
  /** The comparison that decided the level, e.g. "score 31 ≤ level-2 cut-off 40". */
  decidedBy: z.string(),
  cutoffs: z.object({ level1: z.number().int(), level2: z.number().int() }),
});
export type ScoreExplanation = z.infer<typeof ZScoreExplanation>;
