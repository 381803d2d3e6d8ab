import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * The lab's proficiency-test (EQA) percentages, newest first, for the SLIPTA star rule;
 * undefined (rule not checked) until the lab has any scored EQA round.
 */
export async function proficiencyPercentsOf(
  db: Kysely<DB> | Transaction<DB>,
  labCode: string,
): Promise<number[] | undefined> {
  const rows = await db
    .selectFrom('lab_eqa_round')
    .select('score_percent')
    .where('lab_code', '=', labCode)
    .where('status', '=', 'scored')
    .orderBy('scored_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  return rows.length === 0 ? undefined : rows.map((r) => Number(r.score_percent));
}
