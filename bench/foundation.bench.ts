import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../server/src/platform/actor';
import { recordAudit } from '../server/src/platform/audit/audit';
import { openBenchDatabase } from './db';
import { measure, percentile, recordResult } from './harness';

const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 50_000);
const BATCH = 1000;
const SEARCHES = 200;

/**
 * Foundation figures: (1) audit-trail appends (hash-chained, under the chain lock) against a
 * raw multi-row INSERT of the same rows into an unchained copy of the table; (2) gazetteer
 * name search p95 through the API's repository against the same SQL sent raw.
 */
export async function run(): Promise<void> {
  const database = await openBenchDatabase('foundation');
  const engine = database.engine;
  try {
    const { db } = database;
    const entries = (offset: number) =>
      Array.from({ length: BATCH }, (_, i) => ({
        action: 'bench.write',
        entityType: 'household',
        entityId: String(offset + i),
        before: { status: 'active', members: 4 },
        after: { status: 'active', members: 5 },
        reason: 'benchmark',
      }));
    const subject = await measure(`recordAudit ${AUDIT_ROWS} rows`, async () => {
      for (let i = 0; i < AUDIT_ROWS; i += BATCH) {
        await db.transaction().execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR }, entries(i)));
      }
    });
    await database.execScript('CREATE TABLE bench_audit_floor (LIKE audit_log INCLUDING DEFAULTS)');
    const floor = await measure(`raw INSERT ${AUDIT_ROWS} rows`, async () => {
      for (let i = 0; i < AUDIT_ROWS; i += BATCH) {
        await sql`INSERT INTO bench_audit_floor (seq, at, actor_kind, actor_id, action, entity_type, entity_id, before, after, reason, prev_hash, hash)
                  SELECT g, now(), 'system', 'system', 'bench.write', 'household', g::text,
                         '{"status":"active","members":4}'::jsonb, '{"status":"active","members":5}'::jsonb, 'benchmark',
                         md5(g::text) || md5(g::text), md5((g + 1)::text) || md5((g + 1)::text)
                  FROM generate_series(${i + 1}::int, ${i + BATCH}::int) g`.execute(db);
      }
    });
    recordResult({
      name: 'foundation.audit_append',
      description: 'hash-chained audit appends, 1,000 per transaction',
      figure: AUDIT_ROWS / subject.seconds,
      unit: 'rows/s',
      floor: AUDIT_ROWS / floor.seconds,
      ratio: subject.seconds / floor.seconds,
      ratioMeaning: 'time vs raw INSERT of the same rows (lower is better)',
      context: { engine, rows: AUDIT_ROWS, batch: BATCH },
    });

    const terms = ['batt', 'phnum', 'kampong', 'svay', 'ស្រុក', 'ភូមិ', 'tuol', 'prey', 'chrey', 'ta'];
    const { searchAreas } = await import('../server/src/domains/geography/geography.repo');
    const timings: number[] = [];
    const floorTimings: number[] = [];
    for (let i = 0; i < SEARCHES; i += 1) {
      const q = terms[i % terms.length]!;
      let start = performance.now();
      await searchAreas(db, { q, limit: 20, scopePrefixes: null, onDate: '2026-11-21' });
      timings.push(performance.now() - start);
      start = performance.now();
      await sql`SELECT code, name_km, name_latin FROM area
                WHERE lower(name_latin) LIKE ${`%${q}%`} OR name_km LIKE ${`%${q}%`} OR code LIKE ${`${q}%`}
                ORDER BY similarity(lower(name_latin), ${q}) DESC, level, code LIMIT 20`.execute(db);
      floorTimings.push(performance.now() - start);
    }
    const p95 = percentile(timings, 95);
    const floorP95 = percentile(floorTimings, 95);
    recordResult({
      name: 'foundation.area_search_p95',
      description: 'gazetteer name search (Latin or Khmer), p95 over 200 queries',
      figure: p95,
      unit: 'ms',
      floor: floorP95,
      ratio: p95 / floorP95,
      ratioMeaning: 'p95 vs the bare SQL without location class and child counts (lower is better)',
      context: { engine, areas: 16465, queries: SEARCHES },
    });
  } finally {
    await database.close();
  }
}
