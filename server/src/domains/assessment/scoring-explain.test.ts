import type { ScoringModelFile } from '@mlob/contracts';
import { describe, expect, it } from 'vitest';
import { validateQuestionnaire, validateScoringModel } from './model-validation';
import { readShippedFile } from './models.service';
import { explainScore, levelOf } from './scoring-explain';
import { POOR_RURAL } from './testing/answers';

const questionnaire = validateQuestionnaire(readShippedFile('questionnaire-rural-2026.json'));
const model = validateScoringModel(readShippedFile('model-illustrative-rural-2026.json'), questionnaire);

describe('score explanation', () => {
  it('gives points per answer that add up to the score, and names the deciding cut-off', () => {
    const e = explainScore(model, questionnaire, POOR_RURAL);
    // thatch 0, bamboo 1, 24 m² 2, fair 2, small 2, 0.5 ha 3, labour+farming 2, 2 months 3,
    // bicycle 1, none 0, 1 head 2, phone 1, 50 % 1 = 20
    expect(e.lines.map((l) => l.points)).toEqual([0, 1, 2, 2, 2, 3, 2, 3, 1, 0, 2, 1, 1]);
    expect(e.basePoints).toBe(20);
    expect(e.lines.reduce((s, l) => s + l.points, 0) + e.adjustmentTotal).toBe(e.score);
    expect(e.level).toBe(2);
    expect(e.decidedBy).toBe('score 20 > level-1 cut-off 18 and ≤ level-2 cut-off 28');
    expect(e.isIllustrative).toBe(true);
  });

  it('moves a household down for special circumstances, no further than the model allows', () => {
    const one = explainScore(model, questionnaire, { ...POOR_RURAL, serious_illness: true });
    expect(one.adjustments).toEqual([{ question: 'serious_illness', points: -4 }]);
    expect(one.score).toBe(16);
    expect(one.level).toBe(1);
    const all = explainScore(model, questionnaire, {
      ...POOR_RURAL,
      serious_illness: true,
      disability_care: true,
      lost_main_earner: true,
      disaster_loss: true,
    });
    expect(all.adjustments.reduce((s, a) => s + a.points, 0)).toBe(-16);
    expect(all.adjustmentTotal).toBe(-10);
    expect(all.score).toBe(10);
  });

  it('caps multi-choice points and reads bands from their lower bound', () => {
    const rich = explainScore(model, questionnaire, {
      ...POOR_RURAL,
      income_sources: ['salary', 'small_trade', 'remittances'],
      agricultural_land_ha: 5,
    });
    const income = rich.lines.find((l) => l.question === 'income_sources')!;
    expect(income.points).toBe(10);
    expect(income.why).toContain('capped at 10');
    expect(rich.lines.find((l) => l.question === 'agricultural_land_ha')!.points).toBe(10);
    expect(rich.level).toBeNull();
  });

  it('decides levels at the cut-offs inclusively', () => {
    const cutoffs: ScoringModelFile['cutoffs'] = { level1: 18, level2: 28 };
    expect([18, 19, 28, 29].map((s) => levelOf(s, cutoffs))).toEqual([1, 2, 2, null]);
  });
});
