import type { AuditAnswer } from '@mlob/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { loadModelWith } from '../checklist/checklist.service';
import { type AuditScore, scoreAudit } from '../checklist/scoring';
import { proficiencyPercentsOf } from '../quality/proficiency';
import type { AnswerRow } from './audits.repo';

type Db = Kysely<DB> | Transaction<DB>;

/** Scores an audit's stored answers with its checklist version and the lab's latest PT results. */
export async function scoreStoredAnswers(
  db: Db,
  audit: { checklist_version_id: string; lab_code: string },
  answers: readonly AnswerRow[],
): Promise<AuditScore> {
  const model = await loadModelWith(db, audit.checklist_version_id);
  const byItem: Record<string, AuditAnswer> = {};
  for (const a of answers) byItem[a.item_id] = a.answer as AuditAnswer;
  return scoreAudit(model, byItem, { proficiencyPercents: await proficiencyPercentsOf(db, audit.lab_code) });
}

/** Recomputes and stores an audit's score (after answers change, at submission and publication). */
export async function refreshAuditScore(
  trx: Transaction<DB>,
  audit: { id: string; checklist_version_id: string; lab_code: string },
) {
  const answers = await trx
    .selectFrom('lab_audit_answer')
    .selectAll()
    .where('audit_id', '=', audit.id)
    .execute();
  const score = await scoreStoredAnswers(trx, audit, answers);
  await trx
    .updateTable('lab_audit')
    .set({
      points: score.points,
      max_points: score.maxPoints,
      percent: score.percent,
      stars: score.stars,
      stars_by_percent: score.starsByPercent,
      proficiency: score.proficiency,
      section_scores: JSON.stringify(score.sections),
      updated_at: new Date(),
    })
    .where('id', '=', audit.id)
    .execute();
  return score;
}
