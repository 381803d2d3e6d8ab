import type { QuestionnaireFile, ScoringModelFile } from '@mlob/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { validateAnswers, validateQuestionnaire, validateScoringModel } from './model-validation';
import { readShippedFile, SHIPPED_VERSIONS } from './models.service';

const rural = validateQuestionnaire(readShippedFile('questionnaire-rural-2026.json'));
const ruralModel = readShippedFile('model-illustrative-rural-2026.json') as ScoringModelFile;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.details.map((d) => `${d.path.join('.')}: ${d.message}`);
    throw error;
  }
  return [];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('shipped versions', () => {
  it.each(SHIPPED_VERSIONS.models)(
    '%s is valid against its questionnaire and labelled illustrative',
    (file) => {
      const model = readShippedFile(file) as ScoringModelFile;
      const qFile = SHIPPED_VERSIONS.questionnaires.find(
        (q) => (readShippedFile(q) as QuestionnaireFile).code === model.questionnaire,
      )!;
      const questionnaire = validateQuestionnaire(readShippedFile(qFile));
      expect(validateScoringModel(model, questionnaire).isIllustrative).toBe(true);
      expect(model.title.en).toMatch(/ILLUSTRATIVE/);
      expect(questionnaire.title.en).toMatch(/ILLUSTRATIVE/);
    },
  );

  it('has rural and urban questionnaires that differ', () => {
    const urban = validateQuestionnaire(readShippedFile('questionnaire-urban-2026.json'));
    expect(urban.setting).toBe('urban');
    expect(rural.questions.map((q) => q.key)).toContain('agricultural_land_ha');
    expect(urban.questions.map((q) => q.key)).not.toContain('agricultural_land_ha');
    expect(urban.questions.map((q) => q.key)).toContain('housing_tenure');
  });
});

describe('scoring model validation', () => {
  it('names a question no rule covers', () => {
    const model = clone(ruralModel);
    model.rules = model.rules.filter((r) => r.question !== 'roof_material');
    expect(problemsOf(() => validateScoringModel(model, rural))).toContain(
      'rules: Question "roof_material" is not covered by any rule or adjustment',
    );
  });

  it('refuses cut-offs out of order', () => {
    const model = clone(ruralModel);
    model.cutoffs = { level1: 30, level2: 30 };
    expect(problemsOf(() => validateScoringModel(model, rural))).toEqual([
      'cutoffs: The level-1 cut-off (30) must be below the level-2 cut-off (30)',
    ]);
  });

  it('refuses an unpriced option, an unknown option and a question covered twice', () => {
    const model = clone(ruralModel);
    const roof = model.rules.find((r) => r.question === 'roof_material')!;
    if (roof.kind !== 'choice') throw new Error('fixture');
    delete roof.points.tile;
    roof.points.gold = 99;
    model.rules.push({ kind: 'boolean', question: 'heavy_debt', ifTrue: 0, ifFalse: 0 });
    const problems = problemsOf(() => validateScoringModel(model, rural));
    expect(problems).toContain('rules.0.points: Option "tile" has no points');
    expect(problems).toContain('rules.0.points.gold: "gold" is not an option of "roof_material"');
    expect(problems.some((p) => p.includes('"heavy_debt" is covered twice'))).toBe(true);
  });

  it('refuses bands out of order, a rule kind that does not fit, and an unknown question', () => {
    const model = clone(ruralModel);
    model.rules[2] = {
      kind: 'bands',
      question: 'floor_area_m2',
      bands: [
        { from: 0, points: 0 },
        { from: 0, points: 1 },
      ],
    };
    model.rules[3] = { kind: 'bands', question: 'house_condition', bands: [{ from: 0, points: 0 }] };
    model.adjustments.push({ question: 'lottery_win', points: -1 });
    const problems = problemsOf(() => validateScoringModel(model, rural));
    expect(problems).toContain('rules.2.bands.1.from: Bands must be in ascending order');
    expect(problems).toContain('rules.3.kind: "house_condition" is a choice question: use a choice rule');
    expect(problems).toContain('adjustments.5.question: No question "lottery_win" in the questionnaire');
  });

  it('refuses a malformed file with the field path', () => {
    const problems = problemsOf(() =>
      validateScoringModel({ ...ruralModel, cutoffs: { level1: 'x' } }, rural),
    );
    expect(problems.some((p) => p.startsWith('cutoffs.level1'))).toBe(true);
  });
});

describe('answer validation', () => {
  it('names every missing or out-of-range answer', () => {
    const problems = problemsOf(() =>
      validateAnswers(rural, {
        roof_material: 'gold',
        floor_area_m2: -3,
        food_shortage_months: 2.5,
        extra: 1,
      }),
    );
    expect(problems).toContain('answers.extra: Not a question of this questionnaire');
    expect(problems).toContain('answers.roof_material: Choose one of: thatch, salvaged, tin, tile, concrete');
    expect(problems).toContain('answers.floor_area_m2: Give a number from 0 to 1000');
    expect(problems).toContain('answers.food_shortage_months: Give a whole number');
    expect(problems).toContain('answers.heavy_debt: Answer this question');
  });

  it('names each problem by its catalogued sentence, so an assessor reads it in Khmer', () => {
    let error: unknown;
    try {
      validateAnswers(rural, { roof_material: 'gold', floor_area_m2: -3, extra: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const { reason, details } = error as AppError;
    expect(reason).toEqual({ code: 'assessment.answers_invalid', params: {} });
    const byField = new Map(details.map((d) => [d.path.join('.'), { code: d.code, params: d.params }]));
    expect(byField.get('answers.extra')).toEqual({ code: 'assessment.not_a_question', params: {} });
    expect(byField.get('answers.roof_material')).toEqual({
      code: 'assessment.choose_one',
      params: { options: 'thatch, salvaged, tin, tile, concrete' },
    });
    expect(byField.get('answers.floor_area_m2')).toEqual({
      code: 'assessment.number_in_range',
      params: { min: 0, max: 1000 },
    });
    expect(byField.get('answers.heavy_debt')).toEqual({ code: 'assessment.answer_needed', params: {} });
  });
});
