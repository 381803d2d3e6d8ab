import { AUDIT_ANSWERS, type AuditAnswer } from '@mlob/contracts';
import type { ErrorDetail } from '../../../platform/errors';
import type { ChecklistModel, QuestionModel } from './checklist-model';

/**
 * The scoring engine: pure functions over a loaded checklist version, exactly as the SLIPTA
 * file's notes describe it. Yes earns the question's points, partial and no the checklist's
 * fixed scores (1 and 0, never above the question's own points), N/A leaves the denominator.
 * A question with sub-questions rolls up: every applicable one yes → yes, every applicable
 * one no → no, all N/A → N/A, any other mix → partial. Unanswered items score 0 and stay
 * in the denominator, so an unfinished audit never looks better than it is.
 */

export type ProficiencyStatus = 'not_checked' | 'met' | 'not_met';

export interface QuestionScore {
  id: string;
  sectionNumber: number;
  /** The question's answer after roll-up; null when nothing was answered. */
  answer: AuditAnswer | null;
  points: number;
  maxPoints: number;
}

export interface AuditScore {
  points: number;
  maxPoints: number;
  percent: number;
  stars: number;
  /** Stars the percentage alone earns, before the proficiency-testing rule. */
  starsByPercent: number;
  proficiency: ProficiencyStatus;
  sections: { number: number; points: number; maxPoints: number; percent: number }[];
  questions: QuestionScore[];
}

export interface ScoreOptions {
  /** The lab's proficiency-test (EQA) percentages, newest first; absent: the rule is not checked. */
  proficiencyPercents?: readonly number[] | undefined;
}

/** Rolls sub-question answers up to the question's answer (null: none answered). */
export function rollUp(subAnswers: readonly (AuditAnswer | undefined)[]): AuditAnswer | null {
  if (subAnswers.every((a) => a === undefined)) return null;
  // An unanswered sub-question next to answered ones counts as not met.
  const given = subAnswers.map((a) => a ?? 'no');
  const applicable = given.filter((a) => a !== 'na');
  if (applicable.length === 0) return 'na';
  if (applicable.every((a) => a === 'yes')) return 'yes';
  if (applicable.every((a) => a === 'no')) return 'no';
  return 'partial';
}

function questionAnswer(
  q: QuestionModel,
  answers: Readonly<Record<string, AuditAnswer>>,
): AuditAnswer | null {
  const direct = answers[q.id];
  if (direct !== undefined || q.subQuestions.length === 0) return direct ?? null;
  return rollUp(q.subQuestions.map((s) => answers[s.id]));
}

function pointsFor(model: ChecklistModel, q: QuestionModel, answer: AuditAnswer | null): number {
  switch (answer) {
    case 'yes':
      return q.points;
    case 'partial':
      return Math.min(model.answerScores.partial, q.points);
    case 'no':
      return Math.min(model.answerScores.no, q.points);
    case 'na':
    case null:
      return 0;
  }
}

/** Percentage with two decimals; 0 when nothing is scorable. */
export function percentOf(points: number, maxPoints: number): number {
  return maxPoints > 0 ? Math.round((points * 10000) / maxPoints) / 100 : 0;
}

/** Stars for points out of maxPoints; compares exactly (no rounding), minPercent inclusive. */
export function starsFor(model: ChecklistModel, points: number, maxPoints: number): number {
  let stars = 0;
  for (const band of model.starBands)
    if (maxPoints > 0 && points * 100 >= band.minPercent * maxPoints) stars = Math.max(stars, band.stars);
  return stars;
}

/** The proficiency-testing rule: each of the latest N results must reach the minimum. */
export function proficiencyStatus(
  model: ChecklistModel,
  percents: readonly number[] | undefined,
): ProficiencyStatus {
  if (percents === undefined) return 'not_checked';
  const { latestTests, minPercent } = model.proficiencyTestRule;
  const latest = percents.slice(0, latestTests);
  return latest.length === latestTests && latest.every((p) => p >= minPercent) ? 'met' : 'not_met';
}

/** Scores a set of answers (question or sub-question id → answer) against a checklist version. */
export function scoreAudit(
  model: ChecklistModel,
  answers: Readonly<Record<string, AuditAnswer>>,
  options: ScoreOptions = {},
): AuditScore {
  const questions: QuestionScore[] = [];
  const sections = model.sections.map((section) => {
    let points = 0;
    let maxPoints = 0;
    for (const q of section.questions) {
      const answer = questionAnswer(q, answers);
      const earned = pointsFor(model, q, answer);
      const max = answer === 'na' ? 0 : q.points;
      points += earned;
      maxPoints += max;
      questions.push({ id: q.id, sectionNumber: section.number, answer, points: earned, maxPoints: max });
    }
    return { number: section.number, points, maxPoints, percent: percentOf(points, maxPoints) };
  });
  const points = sections.reduce((t, s) => t + s.points, 0);
  const maxPoints = sections.reduce((t, s) => t + s.maxPoints, 0);
  const starsByPercent = starsFor(model, points, maxPoints);
  const proficiency = proficiencyStatus(model, options.proficiencyPercents);
  return {
    points,
    maxPoints,
    percent: percentOf(points, maxPoints),
    stars: proficiency === 'not_met' ? 0 : starsByPercent,
    starsByPercent,
    proficiency,
    sections,
    questions,
  };
}

/** Where each answerable id lives, with the options it offers. */
export function answerableItems(
  model: ChecklistModel,
): Map<string, { answers: AuditAnswer[]; parentId: string | null }> {
  const items = new Map<string, { answers: AuditAnswer[]; parentId: string | null }>();
  for (const section of model.sections)
    for (const q of section.questions) {
      items.set(q.id, { answers: q.answers, parentId: null });
      for (const s of q.subQuestions) items.set(s.id, { answers: s.answers, parentId: q.id });
    }
  return items;
}

/**
 * Checks raw answers (e.g. an answers file): every id must exist, every answer must be one the
 * item offers, and a question may be answered directly or through its sub-questions, not both.
 */
export function validateAnswers(
  model: ChecklistModel,
  raw: Readonly<Record<string, unknown>>,
): { answers: Record<string, AuditAnswer>; problems: ErrorDetail[] } {
  const items = answerableItems(model);
  const problems: ErrorDetail[] = [];
  const answers: Record<string, AuditAnswer> = {};
  for (const [id, value] of Object.entries(raw)) {
    const item = items.get(id);
    if (!item) {
      problems.push({
        path: [id],
        message: `unknown question id "${id}" in ${model.checklist} ${model.version}`,
      });
      continue;
    }
    if (typeof value !== 'string' || !(AUDIT_ANSWERS as readonly string[]).includes(value)) {
      problems.push({
        path: [id],
        message: `unknown answer ${JSON.stringify(value)}; use one of ${AUDIT_ANSWERS.join(', ')}`,
        value,
      });
      continue;
    }
    const answer = value as AuditAnswer;
    if (!item.answers.includes(answer)) {
      problems.push({
        path: [id],
        message: `"${answer}" is not offered for ${id}; it offers ${item.answers.join(', ')}`,
        value,
      });
      continue;
    }
    if (item.parentId !== null && raw[item.parentId] !== undefined)
      problems.push({
        path: [id],
        message: `${item.parentId} is answered directly; answer it or its sub-questions, not both`,
      });
    answers[id] = answer;
  }
  return { answers, problems };
}

/** The CLI's printed shape: {points, maxPoints, percent, stars, sections[{number, points, maxPoints, percent}]}. */
export function toScoreResult(score: AuditScore) {
  return {
    points: score.points,
    maxPoints: score.maxPoints,
    percent: score.percent,
    stars: score.stars,
    sections: score.sections.map((s) => ({
      number: s.number,
      points: s.points,
      maxPoints: s.maxPoints,
      percent: s.percent,
    })),
  };
}
