import { type ChecklistFile, ZChecklistFile } from '@mlob/contracts';
import type { ErrorDetail } from '../../../platform/errors';
import { type ChecklistModel, parentAnswers, SLIPTA_PROFICIENCY_TEST_RULE } from './checklist-model';

/** What reading a checklist file gives: either problems (malformed) or the checklist and its inconsistencies. */
export type ParsedChecklist =
  | { isWellFormed: false; problems: ErrorDetail[] }
  | { isWellFormed: true; file: ChecklistFile; model: ChecklistModel; inconsistencies: string[] };

/** "$.sections[2].questions[0].points" for a path like ['sections', 2, 'questions', 0, 'points']. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/**
 * Reads a checklist file's text. Malformed means it cannot be used at all: not JSON, not the
 * documented shape, duplicate or misplaced ids, bands out of order. Each problem names its JSON
 * path. A well-formed file may still be inconsistent (declared points that its questions do not
 * add up to): those are listed, one line each, for an administrator to accept or refuse.
 */
export function parseChecklistText(text: string, fileName?: string): ParsedChecklist {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      isWellFormed: false,
      problems: [{ path: ['$'], message: `not valid JSON: ${(error as Error).message}`, file: fileName }],
    };
  }
  return parseChecklistValue(raw, fileName);
}

export function parseChecklistValue(raw: unknown, fileName?: string): ParsedChecklist {
  const parsed = ZChecklistFile.safeParse(raw);
  if (!parsed.success) {
    return {
      isWellFormed: false,
      problems: parsed.error.issues.map((issue) => ({
        path: [jsonPath(issue.path)],
        message: /received undefined$/.test(issue.message)
          ? `is missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`
          : issue.message,
        file: fileName,
      })),
    };
  }
  const file = parsed.data;
  const problems = structuralProblems(file).map((p) => ({ ...p, file: fileName }));
  if (problems.length > 0) return { isWellFormed: false, problems };
  return { isWellFormed: true, file, model: toModel(file), inconsistencies: findInconsistencies(file) };
}

function problem(path: PropertyKey[], message: string): ErrorDetail {
  return { path: [jsonPath(path)], message };
}

function structuralProblems(file: ChecklistFile): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seenSections = new Set<number>();
  const seenIds = new Set<string>();
  file.sections.forEach((section, s) => {
    if (seenSections.has(section.number))
      problems.push(problem(['sections', s, 'number'], `section ${section.number} appears twice`));
    seenSections.add(section.number);
    section.questions.forEach((question, q) => {
      const at = ['sections', s, 'questions', q];
      if (!new RegExp(`^${section.number}\\.\\d+$`).test(question.id))
        problems.push(
          problem([...at, 'id'], `question id "${question.id}" must be "${section.number}.<number>"`),
        );
      if (seenIds.has(question.id))
        problems.push(problem([...at, 'id'], `id "${question.id}" appears twice`));
      seenIds.add(question.id);
      const hasOptions = question.answers !== undefined;
      const hasSubs = question.subQuestions !== undefined;
      if (hasOptions === hasSubs)
        problems.push(
          problem(
            at,
            hasOptions
              ? `question ${question.id} has both answers and subQuestions; a question with sub-questions is scored from them`
              : `question ${question.id} has neither answers nor subQuestions`,
          ),
        );
      if (question.answers) problems.push(...duplicateAnswers(question.answers, [...at, 'answers']));
      question.subQuestions?.forEach((sub, k) => {
        const subAt = [...at, 'subQuestions', k];
        if (!sub.id.startsWith(`${question.id}.`))
          problems.push(
            problem([...subAt, 'id'], `sub-question id "${sub.id}" must start with "${question.id}."`),
          );
        if (seenIds.has(sub.id)) problems.push(problem([...subAt, 'id'], `id "${sub.id}" appears twice`));
        seenIds.add(sub.id);
        problems.push(...duplicateAnswers(sub.answers, [...subAt, 'answers']));
      });
    });
  });
  file.starBands.forEach((band, i) => {
    if (i === 0 && band.minPercent !== 0)
      problems.push(problem(['starBands', 0, 'minPercent'], 'the first band must start at 0%'));
    const previous = file.starBands[i - 1];
    if (previous && (band.minPercent <= previous.minPercent || band.stars <= previous.stars))
      problems.push(
        problem(['starBands', i], 'bands must rise: each minPercent and stars above the band before'),
      );
  });
  return problems;
}

function duplicateAnswers(answers: readonly string[], path: PropertyKey[]): ErrorDetail[] {
  return new Set(answers).size === answers.length ? [] : [problem(path, 'an answer option is listed twice')];
}

function toModel(file: ChecklistFile): ChecklistModel {
  return {
    checklist: file.checklist,
    version: file.version,
    answerScores: { partial: file.answerScores.partial, no: file.answerScores.no },
    starBands: file.starBands.map((b) => ({ stars: b.stars, minPercent: b.minPercent })),
    proficiencyTestRule: file.proficiencyTestRule ?? { ...SLIPTA_PROFICIENCY_TEST_RULE },
    sections: file.sections.map((section) => ({
      number: section.number,
      title: section.title,
      declaredPoints: section.points,
      questions: section.questions.map((q) => {
        const subQuestions = (q.subQuestions ?? []).map((s) => ({ id: s.id, answers: [...s.answers] }));
        return {
          id: q.id,
          points: q.points,
          answers: q.answers ? [...q.answers] : parentAnswers(subQuestions),
          subQuestions,
        };
      }),
    })),
  };
}

/** Every place where the file's declared points or counts disagree with its own questions, by section. */
export function findInconsistencies(file: ChecklistFile): string[] {
  const lines: string[] = [];
  let questionTotal = 0;
  let questionCount = 0;
  let subQuestionCount = 0;
  const sums = new Map<number, number>();
  for (const section of file.sections) {
    const sum = section.questions.reduce((total, q) => total + q.points, 0);
    sums.set(section.number, sum);
    questionTotal += sum;
    questionCount += section.questions.length;
    for (const q of section.questions) {
      subQuestionCount += q.subQuestions?.length ?? 0;
      if (q.points === 0)
        lines.push(`section ${section.number}: question ${q.id} carries 0 points (it can never score)`);
    }
    if (sum !== section.points)
      lines.push(
        `section ${section.number}: question points sum to ${sum} but the section declares ${section.points}`,
      );
  }
  const sectionTotal = file.sections.reduce((total, s) => total + s.points, 0);
  const declaredTotal = file.checks?.declaredTotalPoints ?? sectionTotal;
  if (questionTotal !== declaredTotal)
    lines.push(`total: question points sum to ${questionTotal} but the checklist declares ${declaredTotal}`);
  if (sectionTotal !== declaredTotal)
    lines.push(`total: section points sum to ${sectionTotal} but the checklist declares ${declaredTotal}`);
  const checks = file.checks;
  if (checks) {
    const counted: [string, number | undefined, number][] = [
      ['checks.questionPointsTotal', checks.questionPointsTotal, questionTotal],
      ['checks.questions', checks.questions, questionCount],
      ['checks.subQuestions', checks.subQuestions, subQuestionCount],
    ];
    for (const [name, stated, actual] of counted)
      if (stated !== undefined && stated !== actual)
        lines.push(`checks: ${name} states ${stated} but the file holds ${actual}`);
    for (const row of checks.perSection ?? []) {
      const section = file.sections.find((s) => s.number === row.number);
      if (!section) lines.push(`checks: perSection names section ${row.number}, which the file lacks`);
      else if (row.declaredPoints !== section.points || row.questionPointsSum !== sums.get(row.number))
        lines.push(`section ${row.number}: checks.perSection disagrees with the section's own points`);
    }
  }
  return lines;
}

/** Sum of loaded question points: the denominator before any N/A. */
export function totalQuestionPoints(model: ChecklistModel): number {
  return model.sections.reduce((t, s) => t + s.questions.reduce((u, q) => u + q.points, 0), 0);
}
