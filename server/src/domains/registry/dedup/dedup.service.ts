import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { areaScopeCondition } from '../../../platform/scope';
import { refused } from '../refusals';
import { replaceHeadOrDissolve } from '../registry.repo';
import { dropRun, prepareRun, runExists, runSchema } from './dedup.repo';
import {
  type Agreement,
  compareChunk,
  createPairTables,
  dropStaleCandidates,
  estimateAgreement,
  writeCandidates,
} from './dedup-score.repo';

/**
 * Lowest probability of being one person for a pair to enter the review queue. The scores are
 * calibrated (see docs/registry.md, Benchmarks), so this is a policy: a missed duplicate is paid
 * twice for years, a dismissed candidate costs an officer a minute.
 */
export const DEFAULT_THRESHOLD = 0.3;

/** Where a run stands: its working schema, the next chunk, and the totals so far. */
export interface DedupCheckpoint {
  schema: string;
  startedAt: string;
  nameChunks: number;
  next: number;
  pairs: number;
  candidates: number;
}

/**
 * Runs duplicate detection over the whole registry: one set-based preparation step, then one
 * transaction per chunk (whole districts for name blocks, then identifiers and phones), each
 * storing its compared pairs together with the checkpoint, so a stopped run resumes at the next
 * chunk; a last step learns from those pairs how true duplicates look (the m's) and writes the
 * candidates. Working tables live in a schema of their own run (concurrent runs never collide);
 * the candidate writes of concurrent runs take turns under one advisory lock.
 */
export async function detectDuplicates(options: {
  database: Database;
  threshold?: number;
  jobId?: string | null;
  checkpoint?: DedupCheckpoint | null;
  saveProgress?: (trx: Transaction<DB>, checkpoint: DedupCheckpoint, total: number) => Promise<void>;
}): Promise<{ pairs: number; candidates: number; chunks: number; agreement: Agreement | null }> {
  const db = options.database.db;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  let state = options.checkpoint ?? null;
  if (!state || !(await runExists(db, state.schema))) {
    const schema = runSchema(options.jobId ?? randomUUID());
    const startedAt = await sql<{ now: Date }>`SELECT now() AS now`.execute(db);
    const { chunks } = await prepareRun(db, schema);
    await createPairTables(db, schema);
    state = {
      schema,
      startedAt: new Date(startedAt.rows[0]?.now ?? Date.now()).toISOString(),
      nameChunks: chunks,
      next: 0,
      pairs: 0,
      candidates: 0,
    };
  }
  // Name chunks, the identifier chunk, then learning the m's and writing the candidates.
  const total = state.nameChunks + 2;
  let agreement: Agreement | null = null;
  try {
    while (state.next < total) {
      const current: DedupCheckpoint = state;
      state = await db.transaction().execute(async (trx) => {
        let { pairs, candidates } = current;
        if (current.next < total - 1) {
          pairs += await compareChunk(trx, {
            schema: current.schema,
            chunk: current.next,
            nameChunks: current.nameChunks,
          });
        } else {
          agreement = (await estimateAgreement(trx, current.schema)).agreement;
          await sql`SELECT pg_advisory_xact_lock(hashtext('registry.dedup'))`.execute(trx);
          candidates = await writeCandidates(trx, {
            schema: current.schema,
            threshold,
            jobId: options.jobId ?? null,
          });
        }
        const next: DedupCheckpoint = { ...current, next: current.next + 1, pairs, candidates };
        await options.saveProgress?.(trx, next, total);
        return next;
      });
    }
    await dropStaleCandidates(db, new Date(state.startedAt));
  } finally {
    if (state.next >= total) await dropRun(db, state.schema);
  }
  return { pairs: state.pairs, candidates: state.candidates, chunks: total, agreement };
}

/** Open candidates as CSV: member_ref_a,member_ref_b,score,reasons (the `mlob dedup` contract). */
export async function candidatesCsv(database: Database): Promise<string> {
  const rows = await database.db
    .selectFrom('duplicate_candidate as d')
    .innerJoin('member as a', 'a.id', 'd.member_a_id')
    .innerJoin('member as b', 'b.id', 'd.member_b_id')
    .select(['a.member_ref as a', 'b.member_ref as b', 'd.score', 'd.reasons'])
    .where('d.status', '=', 'open')
    .orderBy('d.score', 'desc')
    .execute();
  return stringify(
    rows.map((r) => [r.a, r.b, r.score.toFixed(3), r.reasons.join(';')]),
    { header: true, columns: ['member_ref_a', 'member_ref_b', 'score', 'reasons'] },
  );
}

/** The review queue: open candidates whose two members are both inside the scope. */
export async function listCandidates(options: {
  database: Database;
  actor: Actor;
  status: string;
  limit: number;
  offset: number;
}) {
  const { scope } = options.actor;
  return options.database.db
    .selectFrom('duplicate_candidate as d')
    .innerJoin('member as a', 'a.id', 'd.member_a_id')
    .innerJoin('household as ha', 'ha.id', 'a.household_id')
    .innerJoin('member as b', 'b.id', 'd.member_b_id')
    .innerJoin('household as hb', 'hb.id', 'b.household_id')
    .select(['d.id', 'd.score', 'd.reasons', 'd.status', 'd.member_a_id', 'd.member_b_id'])
    .where('d.status', '=', options.status)
    .where((eb) =>
      eb.and([
        areaScopeCondition(eb, 'ha.village_code', scope),
        areaScopeCondition(eb, 'hb.village_code', scope),
      ]),
    )
    .orderBy('d.score', 'desc')
    .orderBy('d.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function findCandidateInScope(database: Database, actor: Actor, id: number) {
  const rows = await listCandidatesById(database, actor, id);
  if (!rows) throw notFound('Duplicate candidate');
  return rows;
}

async function listCandidatesById(database: Database, actor: Actor, id: number) {
  return database.db
    .selectFrom('duplicate_candidate as d')
    .innerJoin('member as a', 'a.id', 'd.member_a_id')
    .innerJoin('household as ha', 'ha.id', 'a.household_id')
    .innerJoin('member as b', 'b.id', 'd.member_b_id')
    .innerJoin('household as hb', 'hb.id', 'b.household_id')
    .selectAll('d')
    .where('d.id', '=', id)
    .where((eb) =>
      eb.and([
        areaScopeCondition(eb, 'ha.village_code', actor.scope),
        areaScopeCondition(eb, 'hb.village_code', actor.scope),
      ]),
    )
    .executeTakeFirst();
}

async function newChange(
  trx: Transaction<DB>,
  actor: Actor,
  kind: string,
  source: 'merge' | 'unmerge',
  reason: string,
) {
  return (
    await trx
      .insertInto('registry_change')
      .values({ kind, source, actor_kind: actor.kind, actor_id: actor.id, reason })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/**
 * Confirms (merge), dismisses, or undoes a merge. A merge marks the duplicate 'merged_away'
 * pointing at the survivor; when the duplicate headed a household, its eldest remaining
 * member (spouse first) takes over, or the household is dissolved. Undoing restores, from
 * history, every row the merge changed, provided none changed since.
 */
export async function decideCandidate(options: {
  database: Database;
  audit: AuditContext;
  id: number;
  decision: 'merge' | 'dismiss' | 'unmerge';
  reason: string;
  survivor: 'a' | 'b';
}) {
  const { database, audit } = options;
  const actor = audit.actor;
  const candidate = await findCandidateInScope(database, actor, options.id);
  return database.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('duplicate_candidate')
      .selectAll()
      .where('id', '=', candidate.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const expected = options.decision === 'unmerge' ? 'merged' : 'open';
    if (current.status !== expected)
      throw refused('conflict', 'candidate_decided', { args: { status: current.status } });
    let status: string =
      options.decision === 'dismiss' ? 'dismissed' : options.decision === 'merge' ? 'merged' : 'unmerged';
    if (options.decision === 'merge') {
      const [survivorId, mergedId] =
        options.survivor === 'a'
          ? [current.member_a_id, current.member_b_id]
          : [current.member_b_id, current.member_a_id];
      const changeId = await newChange(trx, actor, 'merge_duplicate', 'merge', options.reason);
      const merged = await trx
        .selectFrom('member')
        .selectAll()
        .where('id', '=', mergedId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (merged.status !== 'active')
        throw refused('conflict', 'member_not_active', {
          args: { ref: merged.member_ref, status: merged.status },
        });
      await trx
        .updateTable('member')
        .set({
          status: 'merged_away',
          merged_into_member_id: survivorId,
          relation_to_head: merged.relation_to_head === 'head' ? 'other_relative' : merged.relation_to_head,
          change_id: changeId,
        })
        .where('id', '=', mergedId)
        .execute();
      if (merged.relation_to_head === 'head') {
        // The spouse or eldest remaining member takes over, or the household ends with its last member.
        await replaceHeadOrDissolve(trx, merged.household_id, changeId);
      }
      await trx
        .insertInto('member_merge')
        .values({
          candidate_id: current.id,
          survivor_member_id: survivorId,
          merged_member_id: mergedId,
          change_id: changeId,
        })
        .execute();
    } else if (options.decision === 'unmerge') {
      const merge = await trx
        .selectFrom('member_merge')
        .selectAll()
        .where('candidate_id', '=', current.id)
        .where('undone_at', 'is', null)
        .executeTakeFirstOrThrow();
      const changeId = await newChange(trx, actor, 'unmerge_duplicate', 'unmerge', options.reason);
      await undoChange(trx, merge.change_id, changeId);
      await trx
        .updateTable('member_merge')
        .set({ undone_by_change_id: changeId, undone_at: new Date() })
        .where('id', '=', merge.id)
        .execute();
      status = 'open';
    }
    await trx
      .updateTable('duplicate_candidate')
      .set({ status, decided_by: actor.id, decided_at: new Date(), decision_reason: options.reason })
      .where('id', '=', current.id)
      .execute();
    await recordAudit(trx, audit, {
      action: `registry.duplicate.${options.decision}`,
      entityType: 'duplicate_candidate',
      entityId: String(current.id),
      before: { status: current.status },
      after: { status },
      reason: options.reason,
    });
    return { ...current, status };
  });
}

/** Restores the versions a change replaced (status, relation, merge pointer), if untouched since. */
async function undoChange(trx: Transaction<DB>, undoneChangeId: string, changeId: string) {
  const members = await trx
    .selectFrom('member_history')
    .selectAll()
    .where('closed_by_change_id', '=', undoneChangeId)
    .execute();
  const households = await trx
    .selectFrom('household_history')
    .selectAll()
    .where('closed_by_change_id', '=', undoneChangeId)
    .execute();
  for (const old of members) {
    const now = await trx
      .selectFrom('member')
      .select(['change_id', 'member_ref'])
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    if (now.change_id !== undoneChangeId)
      throw refused('conflict', 'changed_after_merge', { args: { ref: now.member_ref } });
  }
  // Heads first step down, so the one-head rule holds at every moment.
  const ordered = [...members].sort(
    (x, y) => Number(x.relation_to_head === 'head') - Number(y.relation_to_head === 'head'),
  );
  for (const old of ordered) {
    await trx
      .updateTable('member')
      .set({
        status: old.status,
        relation_to_head: old.relation_to_head,
        merged_into_member_id: old.merged_into_member_id,
        change_id: changeId,
      })
      .where('id', '=', old.id)
      .execute();
  }
  for (const old of households) {
    await trx
      .updateTable('household')
      .set({ status: old.status, change_id: changeId })
      .where('id', '=', old.id)
      .execute();
  }
}
