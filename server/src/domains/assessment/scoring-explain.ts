import type {
  Answers,
  PovertyLevel,
  QuestionnaireFile,
  ScoreExplanation,
  ScoringModelFile,
  ScoringRule,
} from '@mlob/contracts';

/** Level from a score: at or below a cut-off is that level; lower scores are poorer. */
export function levelOf(score: number, cutoffs: ScoringModelFile['cutoffs']): PovertyLevel | null {
  if (score <= cutoffs.level1) return 1;
  if (score <= cutoffs.level2) return 2;
  return null;
}

function rulePoints(rule: ScoringRule, answer: Answers[string] | undefined): { points: number; why: string } {
  switch (rule.kind) {
    case 'choice': {
      const value = String(answer);
      return { points: rule.points[value] ?? 0, why: `"${value}"` };
    }
    case 'multi': {
      const values = Array.isArray(answer) ? answer : [];
      const sum = values.reduce((s, v) => s + (rule.points[v] ?? 0), 0);
      const points = rule.cap === undefined ? sum : Math.min(rule.cap, sum);
      const capped = points !== sum ? ` (sum ${sum} capped at ${rule.cap})` : '';
      return { points, why: `${values.length === 0 ? 'none' : values.join(' + ')}${capped}` };
    }
    case 'bands': {
      const value = Number(answer);
      // The last band whose lower bound the value reaches; bands were validated ascending.
      let chosen = rule.bands[0]!;
      for (const band of rule.bands) if (value >= band.from) chosen = band;
      return { points: chosen.points, why: `${value} is in the band from ${chosen.from}` };
    }
    case 'boolean':
      return answer === true ? { points: rule.ifTrue, why: 'yes' } : { points: rule.ifFalse, why: 'no' };
  }
}

/**
 * The per-household explanation: points for every answer, the special-circumstance
 * adjustments, the score and the cut-off that decided the level. The set-based SQL scorer
 * (scoring-sql.ts) must agree with this for every household; a property test proves it.
 */
export function explainScore(
  model: ScoringModelFile,
  questionnaire: QuestionnaireFile,
  answers: Answers,
): ScoreExplanation {
  const sectionOf = new Map(questionnaire.questions.map((q) => [q.key, q.section]));
  const lines = model.rules.map((rule) => {
    const answer = answers[rule.question] ?? null;
    const { points, why } = rulePoints(rule, answer ?? undefined);
    return {
      question: rule.question,
      section: sectionOf.get(rule.question) ?? 'housing',
      answer: answer ?? '',
      points,
      why,
    };
  });
  const basePoints = lines.reduce((s, l) => s + l.points, 0);
  const adjustments = model.adjustments
    .filter((a) => answers[a.question] === true)
    .map((a) => ({ question: a.question, points: a.points }));
  const adjustmentSum = adjustments.reduce((s, a) => s + a.points, 0);
  const adjustmentTotal = Math.max(model.maxTotalAdjustment, adjustmentSum);
  const score = basePoints + adjustmentTotal;
  const level = levelOf(score, model.cutoffs);
  const { level1, level2 } = model.cutoffs;
  const decidedBy =
    level === 1
      ? `score ${score} ≤ level-1 cut-off ${level1}`
      : level === 2
        ? `score ${score} > level-1 cut-off ${level1} and ≤ level-2 cut-off ${level2}`
        : `score ${score} > level-2 cut-off ${level2}: not poor`;
  return {
    modelCode: model.code,
    isIllustrative: model.isIllustrative,
    lines,
    basePoints,
    adjustments,
    adjustmentTotal,
    score,
    level,
    decidedBy,
    cutoffs: model.cutoffs,
  };
}
