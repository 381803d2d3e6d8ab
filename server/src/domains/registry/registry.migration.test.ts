import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase, ENGINES } from '../../testing/test-database';

type Row = Record<string, unknown>;

/** The database rules of the registry schema, below any service. */
describe.each(ENGINES)('registry schema on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  async function newChange(): Promise<string> {
    const r = await sql<{ id: string }>`INSERT INTO registry_change (kind, source, actor_kind, reason)
      VALUES ('test', 'correction', 'system', 'test') RETURNING id`.execute(database.db);
    return r.rows[0]!.id;
  }

  async function newHousehold(ref: string): Promise<{ householdId: string; memberId: string }> {
    const change = await newChange();
    const h = await sql<{ id: string }>`INSERT INTO household (household_ref, village_code, change_id)
      VALUES (${ref}, '02010101', ${change}) RETURNING id`.execute(database.db);
    const householdId = h.rows[0]!.id;
    const m = await sql<{
      id: string;
    }>`INSERT INTO member (member_ref, household_id, family_name_km, given_name_km,
        family_name_latin, given_name_latin, sex, relation_to_head, change_id)
      VALUES (${`${ref}-1`}, ${householdId}, 'សុខ', ${'ស្រី\u200Bមុំ'}, 'Chhun', 'Sokh', 'F', 'head', ${change}) RETURNING id`.execute(
      database.db,
    );
    return { householdId, memberId: m.rows[0]!.id };
  }

  it('computes folded Khmer, Latin and phonetic keys', async () => {
    const { memberId } = await newHousehold('KEYS');
    const r =
      await sql<Row>`SELECT name_km_key, name_latin_key, phonetic_key FROM member WHERE id = ${memberId}`.execute(
        database.db,
      );
    expect(r.rows[0]).toEqual({
      name_km_key: 'សុខ ស្រីមុំ',
      name_latin_key: 'chhun sokh',
      phonetic_key: 'can sak',
    });
    const p =
      await sql<Row>`SELECT registry_phonetic('Chhun', 'Vanna') a, registry_phonetic('Chun', 'Wana') b,
      registry_phonetic('Pich', 'Sreymom') c, registry_phonetic('Bich', 'Srei Mom') d,
      registry_fold_km(${'ក្ដី'}) = registry_fold_km(${'ក្តី'}) AS coeng`.execute(database.db);
    expect(p.rows[0]).toEqual({
      a: 'can vana',
      b: 'can vana',
      c: 'pac sramam',
      d: 'pac sramam',
      coeng: true,
    });
  });

  it('keeps every previous version, refuses anonymous updates and deletes, and answers as of a date', async () => {
    const { householdId, memberId } = await newHousehold('HIST');
    // The database's own clock, at full precision: a JavaScript Date is cut to the millisecond
    // and may fall before a version written in the same millisecond.
    const clock = await sql<{ at: string }>`SELECT clock_timestamp()::text AS at`.execute(database.db);
    const before = clock.rows[0]!.at;
    await new Promise((r) => setTimeout(r, 20));
    await expect(
      sql`UPDATE member SET given_name_latin = 'Sok' WHERE id = ${memberId}`.execute(database.db),
    ).rejects.toThrow(/must name a new registry_change/);
    // An update that changes nothing writes nothing, even without a new change.
    await sql`UPDATE member SET given_name_latin = 'Sokh' WHERE id = ${memberId}`.execute(database.db);
    const change = await newChange();
    await sql`UPDATE member SET given_name_latin = 'Sok', change_id = ${change} WHERE id = ${memberId}`.execute(
      database.db,
    );
    const timeline = await sql<Row>`SELECT given_name_latin, version, valid_to IS NULL AS is_current
      FROM member_timeline WHERE id = ${memberId} ORDER BY version`.execute(database.db);
    expect(timeline.rows).toEqual([
      { given_name_latin: 'Sokh', version: 1, is_current: false },
      { given_name_latin: 'Sok', version: 2, is_current: true },
    ]);
    const asOf = await sql<Row>`SELECT given_name_latin FROM member_timeline
      WHERE household_id = ${householdId} AND updated_at <= ${before}::timestamptz AND (valid_to IS NULL OR valid_to > ${before}::timestamptz)`.execute(
      database.db,
    );
    expect(asOf.rows).toEqual([{ given_name_latin: 'Sokh' }]);
    await expect(sql`DELETE FROM member WHERE id = ${memberId}`.execute(database.db)).rejects.toThrow(
      /never deleted/,
    );
  });

  it('allows at most one active head per household', async () => {
    const { householdId } = await newHousehold('HEADS');
    const change = await newChange();
    await expect(
      sql`INSERT INTO member (member_ref, household_id, family_name_km, given_name_km, sex, relation_to_head, change_id)
        VALUES ('HEADS-2', ${householdId}, 'ចាន់', 'ដារា', 'M', 'head', ${change})`.execute(database.db),
    ).rejects.toThrow(/member_one_head_idx|duplicate key/);
  });

  it('parses partial dates and phone numbers without ever raising', async () => {
    const r = await sql<Row>`SELECT registry_partial_date('1980') a, registry_partial_date('1980-02') b,
      registry_partial_date('2024-02-29') c, registry_partial_date('2023-02-29') d, registry_partial_date('0000') e,
      registry_partial_date('1980-13') f, registry_normalize_phone('+855 12 345 678') g, registry_normalize_phone('(012) 345-678') h`.execute(
      database.db,
    );
    expect(r.rows[0]).toEqual({
      a: '1980-01-01',
      b: '1980-02-01',
      c: '2024-02-29',
      d: null,
      e: null,
      f: null,
      g: '012345678',
      h: '012345678',
    });
  });
});
