import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { SYSTEM_ACTOR } from '../../../platform/actor';
import { createTestDatabase, ENGINES } from '../../../testing/test-database';
import { applyImport, prepareImport } from '../import/import.service';
import { type DedupCheckpoint, detectDuplicates } from './dedup.service';

const H = 'household_ref,village_code,address,phone';
const M =
  'member_ref,household_ref,family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,relation_to_head,national_id,phone,disability,chronic_illness';

async function load(database: Database, households: string[], members: string[]) {
  const { runId } = await prepareImport({
    database,
    actor: SYSTEM_ACTOR,
    input: {
      households: { text: `${[H, ...households].join('\n')}\n` },
      members: { text: `${[M, ...members].join('\n')}\n` },
      householdsName: 'households.csv',
      membersName: 'members.csv',
    },
  });
  const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId });
  expect(summary.rejected).toBe(0);
}

async function pairs(database: Database): Promise<Map<string, string[]>> {
  const rows = await database.db
    .selectFrom('duplicate_candidate as d')
    .innerJoin('member as a', 'a.id', 'd.member_a_id')
    .innerJoin('member as b', 'b.id', 'd.member_b_id')
    .select(['a.member_ref as a', 'b.member_ref as b', 'd.reasons'])
    .where('d.status', '=', 'open')
    .execute();
  return new Map(rows.map((r) => [[r.a, r.b].sort().join(','), r.reasons]));
}

async function leftoverSchemas(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name LIKE 'dedup_run_%'`.execute(
    database.db,
  );
  return r.rows[0]?.n ?? 0;
}

describe.each(ENGINES)('duplicate detection on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // 20 namesakes of one common name, born the same year in one commune, each with their own ID.
    const households: string[] = [];
    const members: string[] = [];
    for (let i = 0; i < 20; i++) {
      households.push(`NS-${i},0201010${1 + (i % 2)},,`);
      members.push(`NS-${i}a,NS-${i},សុខ,ដារា,Sok,Dara,M,1980,head,${String(100000000 + i)},,,`);
    }
    households.push(
      'DD-1,02010101,,',
      'DD-2,02010102,,',
      'DD-3,12010101,,',
      'DD-4,02010101,,',
      'DD-5,02010101,,',
      'DD-6,02010102,,',
    );
    members.push(
      // One woman registered twice in the same commune: a full date and the year alone.
      'DD-1a,DD-1,ឈួន,ស្រីមុំ,Chhuon,Sreymom,F,1988-03-12,head,,,,',
      'DD-2a,DD-2,ឈួន,ស្រី\u200Bមុំ,Chuon,Srey Mom,F,1988,head,,,,',
      // The same national ID in another province: the identifier carries the match.
      'DD-3a,DD-3,ចាន់,ធីតា,Chan,Tida,F,1975-06-01,head,200000001,,,',
      'DD-4a,DD-4,ចាន់,ធីតា,Chan,Thida,F,1975,head,200000001,,,',
      // Her namesake, born the same year but on another day: two people.
      'DD-4b,DD-4,ចាន់,ធីតា,Chan,Thida,F,1975-11-20,other_relative,,,,',
      // A dropped sign in Khmer and no Latin family name: a spelling variant, still found.
      'DD-5a,DD-5,ម៉ែន,ធីណុ,Men,Thinu,F,1984-02-03,head,,,,',
      'DD-6a,DD-6,មែន,ធីណុ,,Tinu,F,1984-02,head,,,,',
    );
    await load(database, households, members);
  });
  afterAll(async () => database?.close());

  it('weighs corroboration: a common name and year alone is not enough; full dates that differ rule out', async () => {
    await detectDuplicates({ database });
    const found = await pairs(database);
    expect(found.get('DD-1a,DD-2a')).toEqual(
      expect.arrayContaining(['same_khmer_name', 'birth_same_year', 'near_commune']),
    );
    expect(found.get('DD-3a,DD-4a')).toEqual(expect.arrayContaining(['same_national_id', 'near_far']));
    expect(found.get('DD-5a,DD-6a')).toEqual(
      expect.arrayContaining(['khmer_spelling_variant', 'birth_same_month']),
    );
    // Namesakes with different national IDs are never proposed, nor two full dates that differ.
    expect([...found.keys()].some((k) => k.startsWith('NS-'))).toBe(false);
    expect(found.has('DD-3a,DD-4b')).toBe(false);
    expect(await leftoverSchemas(database)).toBe(0);
  });

  it('lets two runs overlap without colliding, and leaves no working tables behind', async () => {
    const before = await pairs(database);
    const [x, y] = await Promise.all([detectDuplicates({ database }), detectDuplicates({ database })]);
    expect(x.candidates).toBe(y.candidates);
    expect(await pairs(database)).toEqual(before);
    expect(await leftoverSchemas(database)).toBe(0);
  });

  it('resumes an interrupted run at its checkpoint', async () => {
    const before = await pairs(database);
    await database.db.deleteFrom('duplicate_candidate').execute();
    let saved: DedupCheckpoint | null = null;
    await expect(
      detectDuplicates({
        database,
        saveProgress: async (_trx, checkpoint) => {
          if (checkpoint.next === checkpoint.nameChunks + 1) throw new Error('stopped');
          saved = checkpoint;
        },
      }),
    ).rejects.toThrow('stopped');
    expect(saved).not.toBeNull();
    expect(await leftoverSchemas(database)).toBe(1);
    const resumed = await detectDuplicates({ database, checkpoint: saved });
    expect(resumed.chunks).toBe(2);
    expect(await pairs(database)).toEqual(before);
    expect(await leftoverSchemas(database)).toBe(0);
  });
});
