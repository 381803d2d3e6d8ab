import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from '../actor';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditContext {
  actor: Actor;
  requestId?: string | undefined;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends to the chain; held until the writing transaction commits. */
const AUDIT_LOCK_KEY = 4242002;

/** The fields a hash covers, in a fixed order; `at` at millisecond precision. */
export interface HashedAuditRow {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
}

/**
 * Appends audit records in the caller's transaction. Must be called with the transaction
 * that made the change, so the change and its record commit or roll back together.
 */
export async function recordAudit(
  trx: Transaction<DB>,
  context: AuditContext,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date(Math.floor(Date.now()));
  const rows = list.map((entry) => {
    seq += 1;
    const row: HashedAuditRow = {
      seq,
      at,
      actor_kind: context.actor.kind,
      actor_id: context.actor.id,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: normalizeJson(entry.before),
      after: normalizeJson(entry.after),
      reason: entry.reason ?? null,
      request_id: context.requestId ?? null,
    };
    const hash = hashAuditRow(prevHash, row);
    const insert = {
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return insert;
  });
  // Chunked so a bulk operation's audit rows stay under the protocol's parameter limit.
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

/** sha256 over the previous hash and a canonical JSON of the row. */
export function hashAuditRow(prevHash: string, row: HashedAuditRow): string {
  const canonical = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every depth: jsonb reorders keys, so order must not matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Round-trips through JSON so what is hashed equals what jsonb gives back (dates as strings). */
function normalizeJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

export interface VerifyState {
  /** Last verified seq and its hash; the starting point for the next chunk. */
  lastSeq: number;
  lastHash: string;
  problems: AuditProblem[];
}

/**
 * Verifies the chain from `state` onwards, `chunkSize` rows at a time. Returns the state after
 * the chunk and whether the end was reached, so a job can checkpoint and resume.
 */
export async function verifyAuditChunk(
  db: Kysely<DB>,
  state: VerifyState,
  chunkSize = 5000,
): Promise<{ state: VerifyState; checked: number; isDone: boolean }> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', state.lastSeq)
    .orderBy('seq')
    .limit(chunkSize)
    .execute();
  let { lastSeq, lastHash } = state;
  const problems = [...state.problems];
  for (const row of rows) {
    if (row.seq !== lastSeq + 1) {
      const missing = row.seq - lastSeq - 1;
      problems.push({
        seq: lastSeq + 1,
        problem:
          missing === 1
            ? `row ${lastSeq + 1} is missing (deleted)`
            : `rows ${lastSeq + 1}–${row.seq - 1} are missing (deleted)`,
      });
    }
    if (row.prev_hash !== lastHash && row.seq === lastSeq + 1) {
      problems.push({
        seq: row.seq,
        problem: `row ${row.seq} does not link to row ${lastSeq} (prev_hash differs)`,
      });
    }
    const expected = hashAuditRow(row.prev_hash, {
      seq: row.seq,
      at: row.at,
      actor_kind: row.actor_kind,
      actor_id: row.actor_id,
      action: row.action,
      entity_type: row.entity_type,
      entity_id: row.entity_id,
      before: row.before ?? null,
      after: row.after ?? null,
      reason: row.reason,
      request_id: row.request_id,
    });
    if (expected !== row.hash) {
      problems.push({
        seq: row.seq,
        problem: `row ${row.seq} was edited (its content no longer matches its hash)`,
      });
    }
    lastSeq = row.seq;
    lastHash = row.hash;
  }
  return { state: { lastSeq, lastHash, problems }, checked: rows.length, isDone: rows.length < chunkSize };
}

/** Verifies the whole chain in one go (the CLI without a job, and tests). */
export async function verifyAuditChain(
  db: Kysely<DB>,
): Promise<{ checked: number; problems: AuditProblem[] }> {
  let state: VerifyState = { lastSeq: 0, lastHash: GENESIS_HASH, problems: [] };
  let checked = 0;
  for (;;) {
    const step = await verifyAuditChunk(db, state);
    state = step.state;
    checked += step.checked;
    if (step.isDone) return { checked, problems: state.problems };
  }
}
