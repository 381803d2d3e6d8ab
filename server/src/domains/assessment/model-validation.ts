import {
  type Answers,
  type AssessmentRefusalCode,
  type Question,
  type QuestionnaireFile,
  type ScoringModelFile,
  type SentenceArgs,
  ZQuestionnaireFile,
  ZScoringModelFile,
} from '@mlob/contracts';
import type { ErrorDetail } from '../../platform/errors';
import { reasonOf, refused, textOf } from './refusals';

/** Turns zod issues into the one error shape, naming the file and the field. */
function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  file: string,
  what: 'questionnaire' | 'scoring model',
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw refused('validation_failed', what === 'questionnaire' ? 'questionnaire_invalid' : 'model_invalid', {
    details: parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
      file,
    })),
  });
}

/** Parses a questionnaire file and checks it is internally consistent (unique keys and options). */
export function validateQuestionnaire(value: unknown, file = 'questionnaire'): QuestionnaireFile {
  const q = parseOrThrow(ZQuestionnaireFile, value, file, 'questionnaire');
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  q.questions.forEach((question, i) => {
    if (seen.has(question.key))
      problems.push({
        path: ['questions', i, 'key'],
        message: `Question "${question.key}" appears twice`,
        file,
      });
    seen.add(question.key);
    if (question.type === 'choice' || question.type === 'multi') {
      const values = question.options.map((o) => o.value);
      if (new Set(values).size !== values.length)
        problems.push({ path: ['questions', i, 'options'], message: 'Option values must be unique', file });
    }
    if (question.type === 'number' && question.min > question.max)
      problems.push({ path: ['questions', i, 'min'], message: 'min is above max', file });
    if (question.section === 'circumstances' && question.type !== 'boolean')
      problems.push({
        path: ['questions', i, 'type'],
        message: 'A special circumstance is a yes/no question',
        file,
      });
  });
  if (problems.length > 0) throw refused('validation_failed', 'questionnaire_invalid', { details: problems });
  return q;
}

/**
 * Parses a scoring model and checks it against its questionnaire: every question covered
 * exactly once (a rule, or an adjustment for a special circumstance), rule kinds matching
 * question types, every option priced, bands ascending from the question's minimum, cut-offs
 * ordered. A model that fails is never loaded.
 */
export function validateScoringModel(
  value: unknown,
  questionnaire: QuestionnaireFile,
  file = 'model',
): ScoringModelFile {
  const model = parseOrThrow(ZScoringModelFile, value, file, 'scoring model');
  const problems: ErrorDetail[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message, file });
  if (model.questionnaire !== questionnaire.code)
    add(['questionnaire'], `The model is for "${model.questionnaire}", not "${questionnaire.code}"`);
  const byKey = new Map(questionnaire.questions.map((q) => [q.key, q]));
  const covered = new Map<string, string>();
  const cover = (key: string, path: (string | number)[]) => {
    if (covered.has(key)) add(path, `Question "${key}" is covered twice (also by ${covered.get(key)})`);
    covered.set(key, path.join('.'));
  };
  for (const [i, rule] of model.rules.entries()) {
    const path = ['rules', i];
    cover(rule.question, [...path, 'question']);
    const question = byKey.get(rule.question);
    if (!question) {
      add([...path, 'question'], `No question "${rule.question}" in the questionnaire`);
      continue;
    }
    if (question.section === 'circumstances')
      add([...path, 'question'], `"${rule.question}" is a special circumstance: give it an adjustment`);
    const expected = { choice: 'choice', multi: 'multi', number: 'bands', boolean: 'boolean' }[question.type];
    if (rule.kind !== expected) {
      add([...path, 'kind'], `"${rule.question}" is a ${question.type} question: use a ${expected} rule`);
      continue;
    }
    if (rule.kind === 'choice' || rule.kind === 'multi') checkOptions(question, rule.points, path, add);
    if (rule.kind === 'bands' && question.type === 'number') checkBands(question, rule.bands, path, add);
  }
  for (const [i, adjustment] of model.adjustments.entries()) {
    const path = ['adjustments', i, 'question'];
    cover(adjustment.question, path);
    const question = byKey.get(adjustment.question);
    if (!question) add(path, `No question "${adjustment.question}" in the questionnaire`);
    else if (question.type !== 'boolean') add(path, `"${adjustment.question}" is not a yes/no question`);
  }
  for (const q of questionnaire.questions) {
    if (!covered.has(q.key)) add(['rules'], `Question "${q.key}" is not covered by any rule or adjustment`);
  }
  if (model.cutoffs.level1 >= model.cutoffs.level2)
    add(
      ['cutoffs'],
      `The level-1 cut-off (${model.cutoffs.level1}) must be below the level-2 cut-off (${model.cutoffs.level2})`,
    );
  if (problems.length > 0) throw refused('validation_failed', 'model_invalid', { details: problems });
  return model;
}

function checkOptions(
  question: Question,
  points: Record<string, number>,
  path: (string | number)[],
  add: (path: (string | number)[], message: string) => void,
) {
  if (question.type !== 'choice' && question.type !== 'multi') return;
  const values = new Set(question.options.map((o) => o.value));
  for (const v of values) if (!(v in points)) add([...path, 'points'], `Option "${v}" has no points`);
  for (const v of Object.keys(points))
    if (!values.has(v)) add([...path, 'points', v], `"${v}" is not an option of "${question.key}"`);
}

function checkBands(
  question: Extract<Question, { type: 'number' }>,
  bands: { from: number }[],
  path: (string | number)[],
  add: (path: (string | number)[], message: string) => void,
) {
  if (bands[0] && bands[0].from > question.min)
    add([...path, 'bands', 0, 'from'], `The first band must start at or below ${question.min}`);
  for (let i = 1; i < bands.length; i += 1) {
    if (bands[i]!.from <= bands[i - 1]!.from)
      add([...path, 'bands', i, 'from'], 'Bands must be in ascending order');
  }
}

/**
 * Checks an interview's answers against the questionnaire: every question answered with a
 * value of its type and range. Computed questions are filled by the server beforehand.
 */
export function validateAnswers(questionnaire: QuestionnaireFile, answers: Answers): Answers {
  const problems: ErrorDetail[] = [];
  // Each problem is a catalogued sentence, so the assessor reads it in Khmer on the question.
  const add = (key: string, code: AssessmentRefusalCode, value?: unknown, args: SentenceArgs = {}) =>
    problems.push({ path: ['answers', key], message: textOf(code, args), value, ...reasonOf(code, args) });
  const known = new Set(questionnaire.questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) add(key, 'not_a_question');
  const clean: Answers = {};
  for (const q of questionnaire.questions) {
    const value = answers[q.key];
    if (value === undefined) {
      add(q.key, 'answer_needed');
      continue;
    }
    switch (q.type) {
      case 'choice':
        if (typeof value !== 'string' || !q.options.some((o) => o.value === value))
          add(q.key, 'choose_one', value, { options: q.options.map((o) => o.value).join(', ') });
        break;
      case 'multi':
        if (!Array.isArray(value) || value.some((v) => !q.options.some((o) => o.value === v)))
          add(q.key, 'choose_any', value, { options: q.options.map((o) => o.value).join(', ') });
        else if (new Set(value).size !== value.length) add(q.key, 'option_twice', value);
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < q.min || value > q.max)
          add(q.key, 'number_in_range', value, { min: q.min, max: q.max });
        else if (q.isInteger && !Number.isInteger(value)) add(q.key, 'whole_number', value);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') add(q.key, 'yes_or_no', value);
        break;
    }
    clean[q.key] = Array.isArray(value) ? [...value].sort() : value;
  }
  if (problems.length > 0) throw refused('validation_failed', 'answers_invalid', { details: problems });
  return clean;
}
