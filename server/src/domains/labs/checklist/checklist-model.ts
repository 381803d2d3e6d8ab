import type { AuditAnswer } from '@mlob/contracts';

/** A checklist version as the scoring engine sees it: points, options, bands and the PT rule. */
export interface ChecklistModel {
  checklist: string;
  version: string;
  /** Points for a "partial" and a "no" answer; "yes" earns the question's points, "na" leaves. */
  answerScores: { partial: number; no: number };
  /** Ascending by minPercent; minPercent is inclusive. */
  starBands: { stars: number; minPercent: number }[];
  /** No stars unless each of the lab's `latestTests` latest PT results reaches `minPercent`. */
  proficiencyTestRule: { latestTests: number; minPercent: number };
  sections: SectionModel[];
}

export interface SectionModel {
  number: number;
  title: string;
  declaredPoints: number;
  questions: QuestionModel[];
}

export interface QuestionModel {
  id: string;
  points: number;
  /** Options offered on the question itself; for a question with sub-questions, derived. */
  answers: AuditAnswer[];
  subQuestions: { id: string; answers: AuditAnswer[] }[];
}

/**
 * The SLIPTA certification rule (file notes: "a laboratory that has not achieved 80% or better
 * on its two most recent ... proficiency tests is awarded no stars"), used when a checklist file
 * does not state its own `proficiencyTestRule`.
 */
export const SLIPTA_PROFICIENCY_TEST_RULE = { latestTests: 2, minPercent: 80 } as const;

/** Options a question with sub-questions may be answered with directly. */
export function parentAnswers(subQuestions: { answers: readonly AuditAnswer[] }[]): AuditAnswer[] {
  const hasNa = subQuestions.some((s) => s.answers.includes('na'));
  return hasNa ? ['yes', 'partial', 'no', 'na'] : ['yes', 'partial', 'no'];
}
