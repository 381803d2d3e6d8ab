import fs from 'node:fs';
import type { AuditAnswer } from '@mlob/contracts';
import { parseChecklistText } from './checklist-file';
import type { ChecklistModel } from './checklist-model';

export const SLIPTA_V2_FILE = new URL('../data/slipta-v2-checklist.json', import.meta.url).pathname;
export const V3_FIXTURE_FILE = new URL('./fixtures/slipta-v3-shaped.json', import.meta.url).pathname;

/** The real SLIPTA v2 checklist, parsed (it is well-formed; its inconsistencies are listed). */
export function realV2() {
  const parsed = parseChecklistText(fs.readFileSync(SLIPTA_V2_FILE, 'utf8'));
  if (!parsed.isWellFormed) throw new Error('the real SLIPTA v2 file should be well-formed');
  return parsed;
}

/** Yes to every answerable item (sub-questions where a question has them). */
export function allYes(model: ChecklistModel): Record<string, AuditAnswer> {
  const answers: Record<string, AuditAnswer> = {};
  for (const s of model.sections)
    for (const q of s.questions) {
      if (q.subQuestions.length === 0) answers[q.id] = 'yes';
      for (const sub of q.subQuestions) answers[sub.id] = 'yes';
    }
  return answers;
}

/** Direct answers per question (no sub-questions) that reach exactly `target` points of the full total. */
export function answersScoring(model: ChecklistModel, target: number): Record<string, AuditAnswer> {
  const answers: Record<string, AuditAnswer> = {};
  const questions = model.sections.flatMap((s) => s.questions);
  let total = questions.reduce((t, q) => t + q.points, 0);
  for (const q of questions) {
    answers[q.id] = 'yes';
    if (total - q.points >= target && q.points > 0) {
      answers[q.id] = 'no';
      total -= q.points;
    }
  }
  for (const q of questions) {
    const drop = q.points - model.answerScores.partial;
    if (answers[q.id] === 'yes' && drop > 0 && total - drop >= target) {
      answers[q.id] = 'partial';
      total -= drop;
    }
  }
  if (total !== target) throw new Error(`could not reach ${target} (stuck at ${total})`);
  return answers;
}
