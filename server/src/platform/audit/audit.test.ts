import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { SYSTEM_ACTOR } from '../actor';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit';

async function writeEntries(database: Database, count: number, tag: string) {
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 1) {
      await recordAudit(
        trx,
        { actor: SYSTEM_ACTOR, requestId: `req-${tag}-${i}` },
        {
          action: 'test.write',
          entityType: 'thing',
          entityId: `${tag}-${i}`,
          before: { n: i, nested: { b: 2, a: 1 } },
          after: { n: i + 1, when: new Date('2026-01-02T03:04:05.678Z') },
          reason: 'because',
        },
      );
    }
  });
}

/** Simulates a database administrator bypassing the append-only trigger. */
async function tamper(database: Database, statement: string) {
  await database.execScript(`
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
    ${statement};
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`);
}

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe.each(ENGINES)('audit trail on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('verifies an untouched chain, including rows written by the seed', async () => {
    await writeEntries(database, 25, 'a');
    const result = await verifyAuditChain(database.db);
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(25);
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    await expect(sql`UPDATE audit_log SET reason = 'x' WHERE seq = 1`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('rolls the audit record back with the change it records', async () => {
    const before = await verifyAuditChain(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(
          trx,
          { actor: SYSTEM_ACTOR },
          { action: 'test.rollback', entityType: 'thing', entityId: 'r' },
        );
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const after = await verifyAuditChain(database.db);
    expect(after.checked).toBe(before.checked);
    expect(after.problems).toEqual([]);
  });

  it('names an edited row', async () => {
    const row = await database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', 'a-7')
      .executeTakeFirstOrThrow();
    await tamper(database, `UPDATE audit_log SET after = '{"n": 999}' WHERE seq = ${row.seq}`);
    const result = await verifyAuditChain(database.db);
    expect(result.problems).toEqual([
      { seq: row.seq, problem: `row ${row.seq} was edited (its content no longer matches its hash)` },
    ]);
    await tamper(
      database,
      `UPDATE audit_log SET after = '{"n": 8, "when": "2026-01-02T03:04:05.678Z"}' WHERE seq = ${row.seq}`,
    );
    expect((await verifyAuditChain(database.db)).problems).toEqual([]);
  });

  it('names a deleted row', async () => {
    const row = await database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity_id', '=', 'a-12')
      .executeTakeFirstOrThrow();
    await tamper(database, `DELETE FROM audit_log WHERE seq = ${row.seq}`);
    const result = await verifyAuditChain(database.db);
    expect(result.problems.map((p) => p.seq)).toEqual([row.seq]);
    expect(result.problems[0]?.problem).toBe(`row ${row.seq} is missing (deleted)`);
  });

  it('names a row whose hash was recomputed to hide an edit (the next link breaks)', async () => {
    await writeEntries(database, 3, 'c');
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq'])
      .where('entity_id', 'like', 'c-%')
      .orderBy('seq')
      .execute();
    const target = rows[0]!.seq;
    await tamper(database, `UPDATE audit_log SET hash = repeat('f', 64) WHERE seq = ${target}`);
    const problems = (await verifyAuditChain(database.db)).problems.filter((p) => p.seq >= target);
    expect(problems).toEqual([
      { seq: target, problem: `row ${target} was edited (its content no longer matches its hash)` },
      { seq: target + 1, problem: `row ${target + 1} does not link to row ${target} (prev_hash differs)` },
    ]);
  });
});
