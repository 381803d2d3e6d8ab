import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { LoadedModel } from './models.service';
import { compileModel } from './scoring-sql';

type Db = Kysely<DB> | Transaction<DB>;

export interface ScoreFilter {
  /** Only this round's assessments. */
  roundId?: string | null | undefined;
  /** Only these assessments. */
  assessmentIds?: readonly string[] | undefined;
  /** A chunk of the table's physical order: blocks [fromBlock, toBlock). */
  fromBlock?: number | undefined;
  toBlock?: number | undefined;
}

function whereSql(model: LoadedModel, filter: ScoreFilter) {
  const parts = [sql`a.questionnaire_version_id = ${model.questionnaireVersionId}`];
  if (filter.roundId) parts.push(sql`a.round_id = ${filter.roundId}`);
  if (filter.assessmentIds) parts.push(sql`a.id = ANY(${[...filter.assessmentIds]}::uuid[])`);
  // A TID range scan reads each chunk's pages once, in order, like one sequential scan would.
  if (filter.fromBlock !== undefined) parts.push(sql`a.ctid >= ${`(${filter.fromBlock},0)`}::tid`);
  if (filter.toBlock !== undefined) parts.push(sql`a.ctid < ${`(${filter.toBlock},0)`}::tid`);
  return sql.join(parts, sql` AND `);
}

/**
 * Scores every matching assessment with the model in ONE statement: the model is compiled
 * into SQL expressions (scoring-sql.ts) and the scores are upserted into assessment_score.
 * Only assessments taken on the model's questionnaire can be scored by it.
 */
export async function scoreSet(db: Db, model: LoadedModel, filter: ScoreFilter): Promise<number> {
  const compiled = compileModel(model.model, 'a.answers');
  const result = await sql`
    INSERT INTO assessment_score (assessment_id, model_version_id, base_points, adjustment, score, level, scored_at)
    SELECT s.id, ${model.id}::integer, s.base, s.adj, s.base + s.adj, ${sql.raw(compiled.levelOf('(s.base + s.adj)'))}, now()
    FROM (
      SELECT a.id, ${sql.raw(compiled.base)} AS base, ${sql.raw(compiled.adjustment)} AS adj
      FROM assessment a
      WHERE ${whereSql(model, filter)}
    ) s
    ON CONFLICT (assessment_id, model_version_id) DO UPDATE SET
      base_points = EXCLUDED.base_points, adjustment = EXCLUDED.adjustment,
      score = EXCLUDED.score, level = EXCLUDED.level, scored_at = EXCLUDED.scored_at`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * How many assessments a re-scoring run will touch, for its progress bar: counted for a round
 * (through its index), estimated from the table statistics for the whole registry.
 */
export async function estimateScorable(db: Db, roundId: string | null): Promise<number> {
  if (roundId) {
    const row = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM assessment a WHERE a.round_id = ${roundId}`.execute(db);
    return row.rows[0]?.n ?? 0;
  }
  const row = await sql<{ n: number }>`
    SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'assessment'::regclass`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The table's size in blocks and its rows per block (for chunking by physical order). */
export async function tableBlocks(db: Db): Promise<{ blocks: number; rowsPerBlock: number }> {
  const row = await sql<{ blocks: number; tuples: number; pages: number }>`
    SELECT (pg_relation_size('assessment') / current_setting('block_size')::int)::bigint AS blocks,
           greatest(reltuples, 0)::bigint AS tuples, relpages::bigint AS pages
    FROM pg_class WHERE oid = 'assessment'::regclass`.execute(db);
  const r = row.rows[0]!;
  const rowsPerBlock = Number(r.pages) > 0 && Number(r.tuples) > 0 ? Number(r.tuples) / Number(r.pages) : 10;
  return { blocks: Number(r.blocks), rowsPerBlock };
}

/**
 * Scores answers given as values, without touching tables: used by the property test to
 * run the exact compiled SQL on generated households.
 */
export async function scoreAnswersInSql(
  db: Db,
  model: LoadedModel['model'],
  answersList: readonly unknown[],
): Promise<{ score: number; level: number | null }[]> {
  const compiled = compileModel(model, 'a.answers');
  const result = await sql<{ i: number; score: number; level: number | null }>`
    SELECT a.i::int AS i, ${sql.raw(compiled.score)} AS score, ${sql.raw(compiled.levelOf(compiled.score))} AS level
    FROM jsonb_array_elements(${JSON.stringify(answersList)}::jsonb) WITH ORDINALITY AS a(answers, i)
    ORDER BY a.i`.execute(db);
  return result.rows.map((r) => ({
    score: Number(r.score),
    level: r.level === null ? null : Number(r.level),
  }));
}
