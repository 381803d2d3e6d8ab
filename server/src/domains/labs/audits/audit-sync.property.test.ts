import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { setUpNetwork } from '../labs-test-kit';
import { syncAnswers } from './audit-answers.service';
import { createAudit } from './audits.service';

const ITEMS = ['1.1', '1.3', '8.9', '9.4'] as const;
const ANSWERS = ['yes', 'partial', 'no', null] as const;

/**
 * Two tablets edit the same audit offline and sync in any order, in batches that may be lost
 * and replayed. Whatever happens, each item ends with its latest edit (client time, then change
 * id), every change is logged exactly once, and nothing else is stored.
 */
describe.each(ENGINES)('offline answer sync on %s (property)', (engine) => {
  let t: TestApp;
  let net: Awaited<ReturnType<typeof setUpNetwork>>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    net = await setUpNetwork(t);
  }, 240_000);
  afterAll(async () => t?.close());

  it('never loses or duplicates an answer, whatever the delivery order and replays', async () => {
    const actor = {
      kind: 'system',
      id: 'system',
      name: 'sync-property',
      role: 'admin',
      scope: { kind: 'national' },
    } as const;
    const edit = fc.record({
      itemId: fc.constantFrom(...ITEMS),
      answer: fc.constantFrom(...ANSWERS),
      minute: fc.integer({ min: 0, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        async (edits, batchSizes, replays) => {
          const auditId = await createAudit({
            database: t.database,
            audit: { actor },
            input: {
              labCode: 'LAB-01',
              checklistVersionId: net.versionId,
              kind: 'external',
              auditDate: '2026-11-20',
            },
          });
          const changes = edits.map((e) => ({
            changeId: randomUUID(),
            itemId: e.itemId,
            answer: e.answer,
            naJustification: null,
            comment: null,
            clientAt: new Date(Date.UTC(2026, 10, 20, 8, e.minute)).toISOString(),
          }));
          // Deliver in batches (the order the tablets happen to reconnect), replaying some batches.
          let k = 0;
          let b = 0;
          while (k < changes.length) {
            const size = batchSizes[b % batchSizes.length]!;
            const batch = changes.slice(k, k + size);
            await syncAnswers({ database: t.database, audit: { actor }, auditId, changes: batch });
            if (replays[b % replays.length]) {
              const again = await syncAnswers({
                database: t.database,
                audit: { actor },
                auditId,
                changes: batch,
              });
              expect(again.results.every((r) => r.outcome === 'duplicate')).toBe(true);
            }
            k += size;
            b += 1;
          }
          const stored = await t.database.db
            .selectFrom('lab_audit_answer')
            .selectAll()
            .where('audit_id', '=', auditId)
            .execute();
          const logged = await t.database.db
            .selectFrom('lab_audit_answer_change')
            .select('change_id')
            .where('audit_id', '=', auditId)
            .execute();
          expect(logged.length).toBe(changes.length);
          const expected = new Map<string, (typeof changes)[number]>();
          for (const c of changes) {
            const best = expected.get(c.itemId);
            if (
              !best ||
              c.clientAt > best.clientAt ||
              (c.clientAt === best.clientAt && c.changeId > best.changeId)
            )
              expected.set(c.itemId, c);
          }
          const want = [...expected.values()]
            .filter((c) => c.answer !== null)
            .map((c) => `${c.itemId}=${c.answer}`)
            .sort();
          expect(stored.map((a) => `${a.item_id}=${a.answer}`).sort()).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
