import type { NcStage } from '@mlob/contracts';

/**
 * Risk grade from severity × likelihood (each 1–5), the usual 5×5 laboratory risk matrix:
 * up to 4 low, up to 9 medium, up to 16 high, above that critical.
 */
export const RISK_MATRIX = [
  { maxScore: 4, grade: 'low' },
  { maxScore: 9, grade: 'medium' },
  { maxScore: 16, grade: 'high' },
  { maxScore: 25, grade: 'critical' },
] as const;

export function riskGrade(severity: number, likelihood: number): (typeof RISK_MATRIX)[number]['grade'] {
  const score = severity * likelihood;
  return RISK_MATRIX.find((r) => score <= r.maxScore)?.grade ?? 'critical';
}

export interface StageFacts {
  closedAt: Date | string | null;
  hasRootCause: boolean;
  hasCorrectionOrRisk: boolean;
  needsNewAction: boolean;
  actionStatuses: readonly string[];
}

/**
 * Where a nonconformity stands, from its facts: reported → analysis (triaged: corrected or
 * risk-graded) → action (root cause known, actions under way) → verification (every action
 * done, awaiting the effectiveness check) → closed. An ineffective check sends it back to
 * action until a new action is added and done.
 */
export function deriveStage(facts: StageFacts): NcStage {
  if (facts.closedAt !== null) return 'closed';
  if (!facts.hasRootCause) return facts.hasCorrectionOrRisk ? 'analysis' : 'reported';
  const isAllDone = facts.actionStatuses.length > 0 && facts.actionStatuses.every((s) => s === 'done');
  return isAllDone && !facts.needsNewAction ? 'verification' : 'action';
}

/** Days from `today` to `dueOn` (negative when overdue); both YYYY-MM-DD. */
export function daysUntil(today: string, dueOn: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
