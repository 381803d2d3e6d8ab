import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { type BatchCounts, memberColumns, nameVocabularyInsert } from './import-apply';
import { anyReferenceTaken, derivedTables, plannedMembersSelect } from './import-derive';
import { stageTable } from './import-files';

/**
 * Writes a planned run whose households and members are all new to the registry (the first
 * load of a country or a province) in the caller's transaction, with INSERT … SELECT straight
 * from the staged files (households in one, members in one per piece of the staged file): no
 * per-batch copy of 15.6 M planned members is written and read back, and no row pays for an
 * upsert that cannot conflict.
 *
 * The tables are locked against other writers (SHARE ROW EXCLUSIVE: reads go on, writes
 * wait) and "all new" is checked again under the lock, so a reference registered since
 * planning cannot slip in; if one did, nothing is written and `null` tells the caller to
 * write batch by batch instead. Everything commits together: an import stopped half-way
 * leaves no household, whole or half.
 */
export async function writeAtOnce(
  trx: Transaction<DB>,
  options: {
    runId: string;
    changeId: () => Promise<string>;
    workMem: string;
    /** Pieces the members are written in (default: one per 256 MB of staged members, at most 10). */
    pieces?: number;
    /** Hears the share of the run written so far (0 to 1) after households and each piece of members. */
    onProgress?: (share: number) => void;
  },
): Promise<BatchCounts | null> {
  const t = derivedTables(options.runId);
  const ok = sql.table(t.households);
  await sql`LOCK TABLE household, member IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  const taken = await sql<{ taken: boolean }>`SELECT ${anyReferenceTaken(options.runId)} AS taken`.execute(
    trx,
  );
  if (taken.rows[0]?.taken) return null;
  const changeId = await options.changeId();
  // The planner needs the memory for its hash joins of every member with its household.
  await sql.raw(`SET LOCAL work_mem = '${options.workMem}'`).execute(trx);
  const households = await sql`
    INSERT INTO household (id, household_ref, village_code, address, phones, change_id)
    SELECT k.household_id, k.household_ref, k.village_code, k.address, k.phones, ${changeId}::uuid
    FROM ${ok} k`.execute(trx);
  // The members, a range of the staged file's pages at a time so the progress bar moves
  // (each piece hashes the valid households again: no visible cost at 1 M households), with the distinct
  // names they bring to the search vocabulary (0206). Still one transaction: all or nothing.
  const staged = stageTable(options.runId, 'members');
  const size = await sql<{ pages: number }>`
    SELECT greatest(pg_relation_size(${staged}::regclass) / current_setting('block_size')::int, 1)::int AS pages`.execute(
    trx,
  );
  const pages = size.rows[0]?.pages ?? 1;
  const pieces = Math.min(pages, options.pieces ?? Math.min(10, Math.ceil(pages / PAGES_PER_PIECE)));
  // Households are the smaller part of the work (31 s against 488 s for members nationally);
  // a tenth of the bar keeps it moving at once.
  options.onProgress?.(0.1);
  for (let piece = 0; piece < pieces; piece++) {
    const from = Math.floor((pages * piece) / pieces);
    const to = Math.floor((pages * (piece + 1)) / pieces);
    // The last piece is open-ended: pages added since the size was read are not missed.
    const range = `s.ctid >= '(${from},0)'::tid${piece === pieces - 1 ? '' : ` AND s.ctid < '(${to},0)'::tid`}`;
    await sql`
      WITH written AS (
        INSERT INTO member (${memberColumns()}, change_id)
        SELECT ${memberColumns('p')}, ${changeId}::uuid
        FROM (${sql.raw(plannedMembersSelect(options.runId, { isAllNew: true, where: range }))}) p
        RETURNING name_km_key, name_latin_key)
      ${nameVocabularyInsert(sql`written`)}`.execute(trx);
    options.onProgress?.(0.1 + (0.9 * (piece + 1)) / pieces);
  }
  return { imported: Number(households.numAffectedRows ?? 0), updated: 0, unchanged: 0 };
}

/** 256 MB of staged members per piece of the at-once write. */
const PAGES_PER_PIECE = 32_768;
