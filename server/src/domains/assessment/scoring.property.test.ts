import type { QuestionnaireFile, ScoringModelFile } from '@mlob/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { validateQuestionnaire, validateScoringModel } from './model-validation';
import { readShippedFile } from './models.service';
import { scoreAnswersInSql } from './scoring.repo';
import { explainScore } from './scoring-explain';
import { answersArbitrary, modelArbitrary } from './testing/arbitraries';

const PAIRS = [
  ['questionnaire-rural-2026.json', 'model-illustrative-rural-2026.json'],
  ['questionnaire-urban-2026.json', 'model-illustrative-urban-2026.json'],
] as const;

const loaded = PAIRS.map(([q, m]) => {
  const questionnaire: QuestionnaireFile = validateQuestionnaire(readShippedFile(q));
  const model: ScoringModelFile = validateScoringModel(readShippedFile(m), questionnaire);
  return { questionnaire, model };
});

describe.each(ENGINES)('SQL scoring agrees with the explanation on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it.each(loaded.map((l) => [l.model.code, l] as const))(
    'gives the same score and level for random households (%s)',
    async (_code, { questionnaire, model }) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(answersArbitrary(questionnaire), { minLength: 1, maxLength: 40 }),
          async (households) => {
            const fromSql = await scoreAnswersInSql(database.db, model, households);
            const fromTs = households.map((a) => {
              const e = explainScore(model, questionnaire, a);
              return { score: e.score, level: e.level };
            });
            expect(fromSql).toEqual(fromTs);
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it('agrees for random models too (weights, caps, cut-offs)', async () => {
    const { questionnaire, model } = loaded[0]!;
    await fc.assert(
      fc.asyncProperty(
        modelArbitrary(model),
        fc.array(answersArbitrary(questionnaire), { minLength: 1, maxLength: 20 }),
        async (randomModel, households) => {
          validateScoringModel(randomModel, questionnaire);
          const fromSql = await scoreAnswersInSql(database.db, randomModel, households);
          const fromTs = households.map((a) => {
            const e = explainScore(randomModel, questionnaire, a);
            expect(e.lines.reduce((s, l) => s + l.points, 0) + e.adjustmentTotal).toBe(e.score);
            return { score: e.score, level: e.level };
          });
          expect(fromSql).toEqual(fromTs);
        },
      ),
      { numRuns: 25 },
    );
  });
});
