import type { Answers, Question, QuestionnaireFile, ScoringModelFile } from '@mlob/contracts';
import fc from 'fast-check';

function answerOf(q: Question): fc.Arbitrary<Answers[string]> {
  switch (q.type) {
    case 'choice':
      return fc.constantFrom(...q.options.map((o) => o.value));
    case 'multi':
      return fc.subarray(q.options.map((o) => o.value)).map((v) => [...v].sort());
    case 'number':
      return q.isInteger
        ? fc.integer({ min: q.min, max: q.max })
        : // Hundredths, as an interviewer writes them (0.37 ha), including exact band bounds.
          fc.integer({ min: Math.round(q.min * 100), max: Math.round(q.max * 100) }).map((n) => n / 100);
    case 'boolean':
      return fc.boolean();
  }
}

/** A random, valid household answer set for the questionnaire. */
export function answersArbitrary(questionnaire: QuestionnaireFile): fc.Arbitrary<Answers> {
  return fc.record(Object.fromEntries(questionnaire.questions.map((q) => [q.key, answerOf(q)])));
}

/** The model with every weight, cap and cut-off replaced by random values (still valid). */
export function modelArbitrary(model: ScoringModelFile): fc.Arbitrary<ScoringModelFile> {
  const points = fc.integer({ min: -20, max: 20 });
  return fc
    .record({
      seeds: fc.array(points, { minLength: 200, maxLength: 200 }),
      level1: fc.integer({ min: -10, max: 40 }),
      gap: fc.integer({ min: 1, max: 30 }),
      maxAdj: fc.integer({ min: -30, max: 0 }),
    })
    .map(({ seeds, level1, gap, maxAdj }) => {
      let i = 0;
      const next = () => seeds[i++ % seeds.length]!;
      const copy = JSON.parse(JSON.stringify(model)) as ScoringModelFile;
      for (const rule of copy.rules) {
        if (rule.kind === 'choice' || rule.kind === 'multi')
          for (const k of Object.keys(rule.points)) rule.points[k] = next();
        if (rule.kind === 'multi' && rule.cap !== undefined) rule.cap = Math.abs(next());
        if (rule.kind === 'bands') for (const b of rule.bands) b.points = next();
        if (rule.kind === 'boolean') Object.assign(rule, { ifTrue: next(), ifFalse: next() });
      }
      for (const a of copy.adjustments) a.points = -Math.abs(next());
      copy.maxTotalAdjustment = maxAdj;
      copy.cutoffs = { level1, level2: level1 + gap };
      return copy;
    });
}
