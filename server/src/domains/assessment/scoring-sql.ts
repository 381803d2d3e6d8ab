import type { ScoringModelFile, ScoringRule } from '@mlob/contracts';

/**
 * Compiles a validated scoring model into SQL expressions over a jsonb `answers` column, so
 * that a whole round (or the registry) is scored by one set-based statement. The model stays
 * data: this is generated from the stored model version on each run, never written by hand.
 *
 * Only validated material reaches the text: question keys and option values match
 * [a-z0-9_]+ (contracts), points are integers and band bounds finite numbers. Literals are
 * still quoted defensively.
 */

const SAFE_NAME = /^[a-z0-9][a-z0-9_]*$/;

function text(value: string): string {
  if (!SAFE_NAME.test(value)) throw new Error(`unsafe name in scoring model: ${value}`);
  return `'${value}'`;
}

function int(value: number): string {
  if (!Number.isInteger(value)) throw new Error(`points must be integers: ${value}`);
  return String(value);
}

function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`band bounds must be finite: ${value}`);
  return String(value);
}

function ruleSql(rule: ScoringRule, answers: string): string {
  const field = `${answers}->>${text(rule.question)}`;
  switch (rule.kind) {
    case 'choice': {
      const whens = Object.entries(rule.points).map(([v, p]) => `WHEN ${text(v)} THEN ${int(p)}`);
      return `(CASE ${field} ${whens.join(' ')} ELSE 0 END)`;
    }
    case 'multi': {
      const array = `${answers}->${text(rule.question)}`;
      const terms = Object.entries(rule.points)
        .filter(([, p]) => p !== 0)
        .map(([v, p]) => `(CASE WHEN ${array} ? ${text(v)} THEN ${int(p)} ELSE 0 END)`);
      const sum = terms.length === 0 ? '0' : terms.join(' + ');
      return rule.cap === undefined ? `(${sum})` : `LEAST(${int(rule.cap)}, ${sum})`;
    }
    case 'bands': {
      // Highest band first: the first bound the value reaches decides.
      const [first, ...rest] = rule.bands;
      const whens = rest
        .reverse()
        .map((b) => `WHEN (${field})::numeric >= ${num(b.from)} THEN ${int(b.points)}`);
      return whens.length === 0
        ? `(${int(first!.points)})`
        : `(CASE ${whens.join(' ')} ELSE ${int(first!.points)} END)`;
    }
    case 'boolean':
      return `(CASE WHEN (${field})::boolean THEN ${int(rule.ifTrue)} ELSE ${int(rule.ifFalse)} END)`;
  }
}

export interface CompiledModel {
  /** Integer expression: points from the rules. */
  base: string;
  /** Integer expression: the special-circumstance adjustments, limited by the model's maximum. */
  adjustment: string;
  /** Integer expression: base + adjustment. */
  score: string;
  /** Level from a score expression (1, 2 or NULL). */
  levelOf(scoreSql: string): string;
}

/** SQL expressions for one model over `answers` (a jsonb column reference, e.g. `a.answers`). */
export function compileModel(model: ScoringModelFile, answers: string): CompiledModel {
  if (!/^[a-z_][a-z0-9_.]*$/.test(answers)) throw new Error(`unsafe column reference: ${answers}`);
  const base = model.rules.length === 0 ? '0' : model.rules.map((r) => ruleSql(r, answers)).join(' + ');
  const adjustmentTerms = model.adjustments.map(
    (a) => `(CASE WHEN (${answers}->>${text(a.question)})::boolean THEN ${int(a.points)} ELSE 0 END)`,
  );
  const adjustment =
    adjustmentTerms.length === 0
      ? '0'
      : `GREATEST(${int(model.maxTotalAdjustment)}, ${adjustmentTerms.join(' + ')})`;
  return {
    base: `(${base})`,
    adjustment: `(${adjustment})`,
    score: `((${base}) + (${adjustment}))`,
    levelOf: (scoreSql) =>
      `(CASE WHEN ${scoreSql} <= ${int(model.cutoffs.level1)} THEN 1 WHEN ${scoreSql} <= ${int(model.cutoffs.level2)} THEN 2 END)`,
  };
}
