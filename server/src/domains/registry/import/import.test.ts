import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importReasonText, isImportReasonCode } from '@mlob/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { SYSTEM_ACTOR } from '../../../platform/actor';
import { createTestDatabase, ENGINES } from '../../../testing/test-database';
import {
  applyImport,
  checkImport,
  importIssuesPage,
  importReportCsv,
  prepareImport,
  stageImport,
} from './import.service';
import { planHouseholds, planMembers } from './import-derive';
import { ImportStoppedError } from './import-validate';

const H_HEADER = 'household_ref,village_code,address,phone';
const M_HEADER =
  'member_ref,household_ref,family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,relation_to_head,national_id,phone,disability,chronic_illness';

let counter = 0;
/** Unique references per test, so tests never collide. */
function refs(prefix: string) {
  counter += 1;
  const id = counter;
  return (n: number | string) => `${prefix}${id}-${n}`;
}

/** Writes a test's two files (rows without their header) under `dir`, as an import input. */
function filesOf(dir: string, name: string, households: string[], members: string[]) {
  const h = path.join(dir, `${name}-h.csv`);
  const m = path.join(dir, `${name}-m.csv`);
  fs.writeFileSync(h, `${H_HEADER}\n${households.join('\n')}\n`);
  fs.writeFileSync(m, `${M_HEADER}\n${members.join('\n')}\n`);
  return { households: { path: h }, members: { path: m }, householdsName: 'h', membersName: 'm' };
}

async function runImport(database: Database, households: string, members: string, dir: string) {
  counter += 1;
  const hFile = path.join(dir, `h${counter}.csv`);
  const mFile = path.join(dir, `m${counter}.csv`);
  fs.writeFileSync(hFile, households);
  fs.writeFileSync(mFile, members);
  const { runId } = await prepareImport({
    database,
    actor: SYSTEM_ACTOR,
    input: {
      households: { path: hFile },
      members: { path: mFile },
      householdsName: hFile,
      membersName: mFile,
    },
  });
  const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId, batchSize: 2 });
  const report = await importReportCsv(database, runId);
  return { summary, report, runId };
}

describe.each(ENGINES)('registry import on %s', (engine) => {
  let database: Database;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-import-'));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports valid households with a BOM, zero-width spaces and partial dates', async () => {
    const r = refs('OK');
    const households = `\uFEFF${H_HEADER}\n${r('H1')},02010101,"Phum 1, house 4",+855 12 345 678\n${r('H2')},02010102,,\n`;
    const members = `${M_HEADER}\n${r('M1')},${r('H1')},សុខ,ស្រី\u200Bមុំ,Sok,Sreymom,F,1980,head,012345678,012345678,walking;seeing,true\n${r('M2')},${r('H1')},ចាន់,ដារា,Chan,Dara,M,1979-05,spouse,,,,\n${r('M3')},${r('H2')},កែវ,សុភា,Keo,Sophea,F,2001-02-28,head,,,,false\n`;
    const { summary, report } = await runImport(database, households, members, dir);
    expect(summary).toMatchObject({ imported: 2, updated: 0, unchanged: 0, rejected: 0, issues: 0 });
    expect(report.trim()).toBe('file,row,column,value,reason');
    const m1 = await database.db
      .selectFrom('member')
      .selectAll()
      .where('member_ref', '=', r('M1'))
      .executeTakeFirstOrThrow();
    expect(m1).toMatchObject({
      given_name_km: 'ស្រីមុំ',
      birth_date: '1980-01-01',
      birth_precision: 'year',
      phone: '012345678',
    });
    expect(m1.disability.sort()).toEqual(['seeing', 'walking']);
    const h1 = await database.db
      .selectFrom('household')
      .selectAll()
      .where('household_ref', '=', r('H1'))
      .executeTakeFirstOrThrow();
    expect(h1.phones).toEqual(['012345678']);
  });

  it('reports every kind of bad value with file, row, column, value and reason, rejecting those households whole', async () => {
    const r = refs('BAD');
    const good = `${r('G')},02010101,,`;
    const households = [
      H_HEADER,
      good,
      `${r('V')},99999999,,`, // unknown village
      `${r('P')},02010101,,12ab`, // bad phone
      `${r('D')},02010101,,`,
      `${r('D')},02010101,,`, // duplicate household ref
      `${r('NOHEAD')},02010101,,`,
      `${r('TWO')},02010101,,`,
      `${r('X')},02010101,,`,
    ].join('\n');
    const m = (ref: string, h: string, fields: Partial<Record<string, string>> = {}) => {
      const f = {
        km1: 'សុខ',
        km2: 'ដារា',
        l1: 'Sok',
        l2: 'Dara',
        sex: 'M',
        birth: '1990-01-01',
        rel: 'head',
        nid: '',
        phone: '',
        dis: '',
        chronic: '',
        ...fields,
      };
      return `${ref},${h},${f.km1},${f.km2},${f.l1},${f.l2},${f.sex},${f.birth},${f.rel},${f.nid},${f.phone},${f.dis},${f.chronic}`;
    };
    const members = [
      M_HEADER,
      m(r('g1'), r('G')),
      m(r('v1'), r('V')),
      m(r('p1'), r('P')),
      m(r('d1'), r('D')),
      m(r('nh'), r('NOHEAD'), { rel: 'child' }),
      m(r('t1'), r('TWO')),
      m(r('t2'), r('TWO')),
      m(r('x1'), r('X'), { sex: 'X' }),
      m(r('x2'), r('X'), { rel: 'cousin', birth: '2023-02-30' }),
      m(r('x3'), r('X'), { rel: 'child', birth: '2999' }),
      m(r('x4'), r('X'), { rel: 'child', birth: '01/02/1990', dis: 'blind', chronic: 'yes' }),
      m(r('x5'), r('X'), { rel: 'child', km1: 'Sok', nid: '12', l2: 'D4ra' }),
      m(r('x5'), r('X'), { rel: 'child' }), // duplicate member ref
      m(r('u1'), r('UNKNOWN')),
    ].join('\n');
    const { summary, report, runId } = await runImport(database, `${households}\n`, `${members}\n`, dir);
    expect(summary).toMatchObject({ imported: 1, rejected: 6 });
    const expectIssue = (pattern: RegExp) => expect(report.replace(/"/g, '')).toMatch(pattern);
    expectIssue(/households\.csv,3,village_code,99999999,unknown village code/);
    expectIssue(/households\.csv,4,phone,12ab,not a Cambodian phone number/);
    expectIssue(
      /households\.csv,6,household_ref,BAD\d+-D,duplicate household_ref in the file \(also row 5\)/,
    );
    expectIssue(/households\.csv,7,household_ref,BAD\d+-NOHEAD,missing head/);
    expectIssue(/members\.csv,7,relation_to_head,head,two heads/);
    expectIssue(/members\.csv,8,relation_to_head,head,two heads/);
    expectIssue(/members\.csv,9,sex,X,sex must be F or M/);
    expectIssue(/members\.csv,10,relation_to_head,cousin,relation_to_head must be one of/);
    expectIssue(/members\.csv,10,birth_date,2023-02-30,impossible date/);
    expectIssue(/members\.csv,11,birth_date,2999,birth date is in the future/);
    expectIssue(/members\.csv,12,birth_date,01\/02\/1990,birth_date must be YYYY-MM-DD, YYYY-MM or YYYY/);
    expectIssue(/members\.csv,12,disability,blind,disability must be/);
    expectIssue(/members\.csv,12,chronic_illness,yes,chronic_illness must be true, false or empty/);
    expectIssue(/members\.csv,13,family_name_km,Sok,family_name_km must be written in Khmer script/);
    expectIssue(/members\.csv,13,national_id,12,national_id must be 9 or 10 digits/);
    expectIssue(/members\.csv,13,given_name_latin,D4ra,given_name_latin must be written in Latin letters/);
    expectIssue(/members\.csv,14,member_ref,BAD\d+-x5,duplicate member_ref in the file \(also row 13\)/);
    expectIssue(/members\.csv,15,household_ref,BAD\d+-UNKNOWN,member of an unknown household/);
    // Every problem keeps the rule it broke and its arguments, which say the same sentence.
    const issues = await importIssuesPage(database, runId, { offset: 0, limit: 200 });
    expect(issues.total).toBe(issues.items.length);
    for (const issue of issues.items) {
      expect(issue.reasonCode !== null && isImportReasonCode(issue.reasonCode)).toBe(true);
      if (issue.reasonCode === null || !isImportReasonCode(issue.reasonCode)) continue;
      expect(importReasonText(issue.reasonCode, issue.reasonArgs)).toBe(issue.reason);
    }
    expect(new Set(issues.items.map((i) => i.reasonCode))).toEqual(
      new Set([
        'unknown_village',
        'bad_phone',
        'duplicate_in_file',
        'repeated_later',
        'missing_head',
        'two_heads',
        'bad_sex',
        'not_one_of',
        'impossible_date',
        'future_birth_date',
        'bad_date_format',
        'not_list_of',
        'bad_boolean',
        'not_khmer',
        'bad_national_id',
        'not_latin',
        'unknown_household',
      ]),
    );
    expect(
      issues.items.find((i) => i.reasonCode === 'duplicate_in_file' && i.file === 'households.csv'),
    ).toMatchObject({
      row: 6,
      reasonArgs: { column: 'household_ref', row: 5 },
    });
    expect(issues.items.find((i) => i.reasonCode === 'two_heads')?.reasonArgs).toEqual({
      household: r('TWO'),
      count: 2,
    });
    // The same report in Khmer: the reasons change, file, row, column and value do not.
    const khmer = (await importReportCsv(database, runId, 'km')).replace(/"/g, '');
    expect(khmer).toMatch(/^\uFEFF?file,row,column,value,reason\n/);
    expect(khmer).toMatch(/households\.csv,3,village_code,99999999,មិនស្គាល់លេខកូដភូមិនេះ/);
    expect(khmer).toMatch(
      /households\.csv,6,household_ref,BAD\d+-D,household_ref ស្ទួនក្នុងឯកសារ \(មាននៅជួរទី 5 ដែរ\)/,
    );
    expect(khmer).not.toMatch(/unknown village code/);
    const written = await database.db
      .selectFrom('household')
      .select('household_ref')
      .where('household_ref', 'like', `${r('')}%`)
      .execute();
    expect(written.map((w) => w.household_ref)).toEqual([r('G')]);
  });

  it('reports malformed CSV rows and still imports the rest', async () => {
    const r = refs('MAL');
    const households = `${H_HEADER}\n${r('A')},02010101,,\n${r('B')},02010101,,,too,many\n`;
    const members = `${M_HEADER}\n${r('a')},${r('A')},សុខ,ដារា,,,M,1990,head,,,,\n${r('b')},${r('B')},សុខ,ដារា,,,M,1990,head,,,,\n`;
    const { summary, report, runId } = await runImport(database, households, members, dir);
    expect(summary).toMatchObject({ imported: 1, rejected: 0 });
    expect(report).toMatch(/households\.csv,3,,.*malformed CSV: expected 4 columns, found 6/);
    // B's members point at a household that could not be read.
    expect(report).toMatch(/members\.csv,3,household_ref,MAL\d+-B,member of an unknown household/);
    const issues = await importIssuesPage(database, runId, { offset: 0, limit: 10 });
    expect(issues.items[0]).toMatchObject({
      reasonCode: 'wrong_column_count',
      reasonArgs: { expected: 4, found: 6, line: 3 },
    });
  });

  it('neutralises values of the report that a spreadsheet would run as a formula', async () => {
    const r = refs('FRM');
    const households = `${H_HEADER}\n${r('A')},02010101,,=1+2\n`;
    const members = `${M_HEADER}\n${r('a')},${r('A')},សុខ,ដារា,,,M,1990,head,,@SUM(1),,\n`;
    const { summary, report, runId } = await runImport(database, households, members, dir);
    expect(summary).toMatchObject({ imported: 0, rejected: 1 });
    expect(report.replace(/"/g, '')).toMatch(/households\.csv,2,phone,'=1\+2,not a Cambodian phone number/);
    expect(report.replace(/"/g, '')).toMatch(/members\.csv,2,phone,'@SUM\(1\),not a Cambodian phone number/);
    // The page of problems gives the values as they were: the web shows them, it does not run them.
    const issues = await importIssuesPage(database, runId, { offset: 0, limit: 10 });
    expect(issues.items.map((i) => i.value)).toEqual(['=1+2', '@SUM(1)']);
  });

  it('refuses files it cannot read at all', async () => {
    await expect(
      prepareImport({
        database,
        actor: SYSTEM_ACTOR,
        input: {
          households: { path: '/nonexistent.csv' },
          members: { text: M_HEADER },
          householdsName: 'x',
          membersName: 'y',
        },
      }),
    ).rejects.toThrow(/cannot be read/);
    await expect(
      prepareImport({
        database,
        actor: SYSTEM_ACTOR,
        input: {
          households: { text: 'a,b\n1,2\n' },
          members: { text: M_HEADER },
          householdsName: 'x',
          membersName: 'y',
        },
      }),
    ).rejects.toThrow(/lacks column/);
  });

  it('changes nothing on a re-import and updates through history on a corrected file', async () => {
    const r = refs('RE');
    const households = `${H_HEADER}\n${r('H')},02010101,old address,\n`;
    const members = `${M_HEADER}\n${r('a')},${r('H')},សុខ,ដារា,Sok,Dara,M,1990,head,,,,\n${r('b')},${r('H')},ចាន់,ធីតា,Chan,Thida,F,1992,spouse,,,,\n`;
    const first = await runImport(database, households, members, dir);
    expect(first.summary).toMatchObject({ imported: 1 });
    const again = await runImport(database, households, members, dir);
    expect(again.summary).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    const history = () =>
      database.db
        .selectFrom('member_history')
        .select(['member_ref', 'relation_to_head'])
        .where('member_ref', 'like', `${r('')}%`)
        .execute();
    expect(await history()).toEqual([]);
    // Corrected: the spouse becomes head (the old head steps down in the same change).
    const corrected = `${M_HEADER}\n${r('a')},${r('H')},សុខ,ដារា,Sok,Dara,M,1990,spouse,,,,\n${r('b')},${r('H')},ចាន់,ធីតា,Chan,Thida,F,1992,head,,,,\n`;
    const third = await runImport(database, households.replace('old address', 'new address'), corrected, dir);
    expect(third.summary).toMatchObject({ imported: 0, updated: 1, unchanged: 0 });
    expect((await history()).sort((x, y) => x.member_ref.localeCompare(y.member_ref))).toEqual([
      { member_ref: r('a'), relation_to_head: 'head' },
      { member_ref: r('b'), relation_to_head: 'spouse' },
    ]);
    const old = await database.db
      .selectFrom('household_history')
      .select('address')
      .where('household_ref', '=', r('H'))
      .execute();
    expect(old).toEqual([{ address: 'old address' }]);
  });

  it('counts the members a run brings that the registry does not hold, for the bulk decision', async () => {
    const r = refs('NEW');
    const line = (m: string, h: string, rel: string) => `${r(m)},${r(h)},សុខ,ដារា,Sok,Dara,M,1990,${rel},,,,`;
    const first = filesOf(
      dir,
      r('first'),
      [`${r('H1')},02010101,,`],
      [line('a', 'H1', 'head'), line('b', 'H1', 'child')],
    );
    const { runId } = await prepareImport({ database, actor: SYSTEM_ACTOR, input: first });
    await applyImport({ database, actor: SYSTEM_ACTOR, runId });
    // The same household with one more child, and a new household.
    const again = filesOf(
      dir,
      r('again'),
      [`${r('H1')},02010101,,`, `${r('H2')},02010101,,`],
      [line('a', 'H1', 'head'), line('b', 'H1', 'child'), line('c', 'H1', 'child'), line('d', 'H2', 'head')],
    );
    const second = await prepareImport({ database, actor: SYSTEM_ACTOR, input: again });
    await planHouseholds(database, second.runId, 10);
    expect(await planMembers(database, second.runId)).toEqual({ members: 4, newMembers: 2 });
    // A re-import of the same files brings no one new, so it never rebuilds the indexes.
    const same = await prepareImport({ database, actor: SYSTEM_ACTOR, input: first });
    await planHouseholds(database, same.runId, 10);
    expect(await planMembers(database, same.runId)).toEqual({ members: 2, newMembers: 0 });
    for (const id of [second.runId, same.runId])
      await applyImport({ database, actor: SYSTEM_ACTOR, runId: id });
  });

  it('writes the same search keys as the key functions, and restores indexes after a bulk write', async () => {
    const r = refs('BULK');
    const indexesBefore = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_indexes WHERE tablename IN ('member', 'household')`.execute(
      database.db,
    );
    const households = `${H_HEADER}\n${r('H1')},02010101,,\n${r('H2')},02010102,,\n`;
    // Zero-width characters, a removable sign alone, coeng da, accents, spaces and no Latin name.
    const members = `${M_HEADER}\n${r('M1')},${r('H1')},សុខ,ស្រី\u200Bមុំ,Chhun,Srei Mom,F,1980,head,,,,\n${r('M2')},${r('H1')},\u17B4,ក្ដី  ស,,,M,1979-05,spouse,,,,\n${r('M3')},${r('H2')},ឣ៊ុំ,ឲ្យ,Pich,Sophea-Ly,F,2001-02-28,head,,,,\n`;
    const hFile = path.join(dir, `${r('h')}.csv`);
    const mFile = path.join(dir, `${r('m')}.csv`);
    fs.writeFileSync(hFile, households);
    fs.writeFileSync(mFile, members);
    const { runId } = await prepareImport({
      database,
      actor: SYSTEM_ACTOR,
      input: { households: { path: hFile }, members: { path: mFile }, householdsName: 'h', membersName: 'm' },
    });
    // Stopped after its first batch: the indexes come back at once, and the resumed import
    // (row by row) finishes the job.
    await expect(
      applyImport({
        database,
        actor: SYSTEM_ACTOR,
        runId,
        isBulk: true,
        isAtOnce: false,
        batchSize: 1,
        onBatch: async (_trx, p) => {
          if (p.batch === 1) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const stopped = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_indexes WHERE tablename IN ('member', 'household')`.execute(
      database.db,
    );
    expect(stopped.rows[0]?.n).toBe(indexesBefore.rows[0]?.n);
    const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId, batchSize: 1, fromBatch: 1 });
    expect(summary).toMatchObject({ imported: 2, rejected: 0 });
    const drift = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM member WHERE member_ref LIKE ${`${r('')}%`} AND (name_km_key, name_latin_key, phonetic_key)
        IS DISTINCT FROM (registry_fold_km(family_name_km || ' ' || given_name_km),
          registry_fold_latin(coalesce(family_name_latin, '') || ' ' || coalesce(given_name_latin, '')),
          registry_phonetic(family_name_latin, given_name_latin))`.execute(database.db);
    expect(drift.rows[0]?.n).toBe(0);
    // Every name written is in the search vocabulary.
    const unknownNames = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM member m WHERE m.member_ref LIKE ${`${r('')}%`} AND (
        NOT EXISTS (SELECT 1 FROM registry_name_key k WHERE k.kind = 'km' AND k.key = m.name_km_key)
        OR (m.name_latin_key <> '' AND NOT EXISTS (SELECT 1 FROM registry_name_key k WHERE k.kind = 'latin' AND k.key = m.name_latin_key)))`.execute(
      database.db,
    );
    expect(unknownNames.rows[0]?.n).toBe(0);
    const indexesAfter = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_indexes WHERE tablename IN ('member', 'household')`.execute(
      database.db,
    );
    expect(indexesAfter.rows[0]?.n).toBe(indexesBefore.rows[0]?.n);
    const keys = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'member'::regclass AND contype = 'f'`.execute(
      database.db,
    );
    expect(keys.rows[0]?.n).toBeGreaterThanOrEqual(3);
    const left = await database.db.selectFrom('import_deferred_object').selectAll().execute();
    expect(left).toHaveLength(0);
    // Other writers get their keys from the trigger, on insert and on update.
    const change = await database.db
      .insertInto('registry_change')
      .values({ kind: 'test', source: 'correction', actor_kind: 'system', reason: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`UPDATE member SET given_name_latin = 'Wanna', change_id = ${change.id} WHERE member_ref = ${r('M1')}`.execute(
      database.db,
    );
    const m1 = await database.db
      .selectFrom('member')
      .select(['name_km_key', 'name_latin_key', 'phonetic_key'])
      .where('member_ref', '=', r('M1'))
      .executeTakeFirstOrThrow();
    expect(m1).toEqual({ name_km_key: 'សុខ ស្រីមុំ', name_latin_key: 'chhun wanna', phonetic_key: 'can vana' });
  });

  it('leaves no half-written household when an import stops mid-way, and resumes', async () => {
    const r = refs('INT');
    const hh = [1, 2, 3, 4, 5].map((i) => `${r(`H${i}`)},02010101,,`);
    const mm = [1, 2, 3, 4, 5].flatMap((i) => [
      `${r(`a${i}`)},${r(`H${i}`)},សុខ,ដារា,,,M,1990,head,,,,`,
      `${r(`b${i}`)},${r(`H${i}`)},សុខ,ធីតា,,,F,1991,spouse,,,,`,
    ]);
    const { runId } = await prepareImport({
      database,
      actor: SYSTEM_ACTOR,
      input: filesOf(dir, 'int', hh, mm),
    });
    let lastGood = -1;
    await expect(
      applyImport({
        database,
        actor: SYSTEM_ACTOR,
        runId,
        batchSize: 2,
        isAtOnce: false,
        onBatch: async (_trx, p) => {
          if (p.batch === 1) throw new Error('power cut');
          lastGood = p.batch;
        },
      }),
    ).rejects.toThrow('power cut');
    const counts = await database.db
      .selectFrom('household')
      .leftJoin('member', 'member.household_id', 'household.id')
      .select(['household.household_ref'])
      .select((eb) => eb.fn.count<number>('member.id').as('members'))
      .where('household.household_ref', 'like', `${r('')}%`)
      .groupBy('household.household_ref')
      .execute();
    expect(counts).toHaveLength(2);
    for (const c of counts) expect(Number(c.members)).toBe(2);
    const resumed = await applyImport({
      database,
      actor: SYSTEM_ACTOR,
      runId,
      batchSize: 2,
      fromBatch: lastGood + 1,
    });
    expect(resumed).toMatchObject({ imported: 5, rejected: 0 });
  });

  it('writes a run of new households at once, all or nothing, and falls back to batches when one exists', async () => {
    const r = refs('ONCE');
    const hh = [1, 2, 3].map((i) => `${r(`H${i}`)},02010101,,012345678`);
    const mm = [1, 2, 3].flatMap((i) => [
      `${r(`a${i}`)},${r(`H${i}`)},សុខ,ដារា,Sok,Dara,M,1990,head,,,,`,
      `${r(`b${i}`)},${r(`H${i}`)},សុខ,ធីតា,Sok,Thida,F,1991-02,spouse,,,walking,true`,
    ]);
    const prepare = () =>
      prepareImport({
        database,
        actor: SYSTEM_ACTOR,
        input: filesOf(dir, 'once', hh, mm),
      });
    const stored = async () =>
      database.db
        .selectFrom('member')
        .innerJoin('household', 'household.id', 'member.household_id')
        .select(['member.member_ref', 'household.household_ref', 'member.disability', 'member.change_id'])
        .where('member.member_ref', 'like', `${r('')}%`)
        .orderBy('member.member_ref')
        .execute();
    // Stopped before it commits: not one household of the run is written.
    const first = await prepare();
    await expect(
      applyImport({
        database,
        actor: SYSTEM_ACTOR,
        runId: first.runId,
        isAtOnce: true,
        batchSize: 1,
        onBatch: async (_trx, p) => {
          expect(p).toMatchObject({ done: 3, total: 3 });
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(await stored()).toEqual([]);
    const again = await prepare();
    const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId: again.runId, isAtOnce: true });
    expect(summary).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejected: 0 });
    const rows = await stored();
    expect(rows.map((m) => [m.member_ref, m.household_ref])).toEqual([
      [r('a1'), r('H1')],
      [r('a2'), r('H2')],
      [r('a3'), r('H3')],
      [r('b1'), r('H1')],
      [r('b2'), r('H2')],
      [r('b3'), r('H3')],
    ]);
    expect(rows[3]?.disability).toEqual(['walking']);
    const vocabulary = await database.db
      .selectFrom('registry_name_key')
      .select(['kind', 'key'])
      .where('key', 'in', ['sok dara', 'sok thida', 'សុខ ដារា', 'សុខ ធីតា'])
      .orderBy('kind')
      .orderBy('key')
      .execute();
    expect(vocabulary).toEqual([
      { kind: 'km', key: 'សុខ ដារា' },
      { kind: 'km', key: 'សុខ ធីតា' },
      { kind: 'latin', key: 'sok dara' },
      { kind: 'latin', key: 'sok thida' },
    ]);
    // One change records the whole run.
    expect(new Set(rows.map((m) => m.change_id)).size).toBe(1);
    // The same files again: nothing is new, so the batches compare and write nothing.
    const third = await prepare();
    const unchanged = await applyImport({
      database,
      actor: SYSTEM_ACTOR,
      runId: third.runId,
      isAtOnce: true,
    });
    expect(unchanged).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
  });

  it('writes a first load in pieces, reporting each, and checks a run once with a step per rule', async () => {
    const r = refs('PIECE');
    const households = Array.from({ length: 150 }, (_, i) => `${r(`H${i}`)},02010101,,`);
    const members = Array.from({ length: 150 }, (_, i) => [
      `${r(`a${i}`)},${r(`H${i}`)},សុខ,ដារា,Sok,Dara,M,1990,head,,,,`,
      `${r(`b${i}`)},${r(`H${i}`)},សុខ,ធីតា,Sok,Thida,F,1991,spouse,,,,`,
    ]).flat();
    const { runId } = await prepareImport({
      database,
      actor: SYSTEM_ACTOR,
      input: filesOf(dir, 'piece', households, members),
    });
    // Checked once: a resumed job that checks again finds the run checked and adds nothing.
    const steps: [number, number][] = [];
    await checkImport({
      database,
      scopeAreaCodes: null,
      runId,
      onProgress: (done, total) => {
        steps.push([done, total]);
      },
    });
    expect(steps).toEqual([]);
    const progress: [number, number][] = [];
    const summary = await applyImport({
      database,
      actor: SYSTEM_ACTOR,
      runId,
      isAtOnce: true,
      atOncePieces: 3,
      onProgress: (done, total) => {
        progress.push([done, total]);
      },
    });
    expect(summary).toMatchObject({ imported: 150, rejected: 0, issues: 0 });
    // From nothing, households first (a tenth of the work), then one report per piece of members.
    expect(progress).toEqual([
      [0, 150],
      [15, 150],
      [60, 150],
      [105, 150],
      [150, 150],
    ]);
    const stored = await database.db
      .selectFrom('member')
      .innerJoin('household', 'household.id', 'member.household_id')
      .select(['member.member_ref', 'household.household_ref'])
      .where('member.member_ref', 'like', `${r('')}%`)
      .execute();
    expect(stored).toHaveLength(300);
    expect(stored.every((m) => m.member_ref.replace(/-[ab](\d+)$/, '-H$1') === m.household_ref)).toBe(true);
    const run = await database.db
      .selectFrom('import_run')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ phase: null, status: 'succeeded' });
    expect(run.checked_at).not.toBeNull();
  });

  it('reports a step of checking per rule, and the phase while it runs', async () => {
    const r = refs('STEP');
    const { runId } = await stageImport({
      database,
      actor: SYSTEM_ACTOR,
      input: filesOf(
        dir,
        'step',
        [`${r('H')},02010101,,`],
        [`${r('a')},${r('H')},សុខ,ដារា,,,M,1990,head,,,,`],
      ),
    });
    // The phase is read while the check runs, and stays 'checking' until the write begins.
    const phases: Promise<string | null>[] = [];
    const steps: [number, number][] = [];
    await checkImport({
      database,
      scopeAreaCodes: null,
      runId,
      onProgress: (done, total) => {
        steps.push([done, total]);
        if (done === 0)
          phases.push(
            database.db
              .selectFrom('import_run')
              .select('phase')
              .where('id', '=', runId)
              .executeTakeFirstOrThrow()
              .then((row) => row.phase),
          );
      },
    });
    expect(await Promise.all(phases)).toEqual(['checking']);
    const total = steps.at(-1)?.[1] ?? 0;
    expect(total).toBeGreaterThan(5);
    expect(steps.map(([done]) => done)).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
    expect(steps.slice(1).every(([, t]) => t === total)).toBe(true);
    await applyImport({ database, actor: SYSTEM_ACTOR, runId });
  });

  it('checks rule by rule: others are served between rules, and a stopped check resumes without a rule stored twice', async () => {
    const r = refs('RESUME');
    // Problems for several rules: an unknown village, a bad sex, a future date, two heads.
    const households = [`${r('H1')},99999999,,`, `${r('H2')},02010101,,`, `${r('H3')},02010101,,`];
    const members = [
      `${r('a')},${r('H1')},សុខ,ដារា,,,M,1990,head,,,,`,
      `${r('b')},${r('H2')},សុខ,ធីតា,,,X,1990,head,,,,`,
      `${r('c')},${r('H3')},សុខ,ដារា,,,M,2999,head,,,,`,
      `${r('d')},${r('H3')},សុខ,ធីតា,,,F,1991,head,,,,`,
    ];
    const input = filesOf(dir, 'resume', households, members);
    const problemsOf = async (runId: string) =>
      (
        await database.db
          .selectFrom('import_issue')
          .select(['file', 'row_number', 'column_name', 'reason'])
          .where('import_run_id', '=', runId)
          .execute()
      )
        .map((p) => `${p.file}:${p.row_number}:${p.column_name}:${p.reason}`)
        .sort();
    const checkedSteps = async (runId: string) =>
      await database.db
        .selectFrom('import_run')
        .select(['checked_steps', 'checked_at', 'status'])
        .where('id', '=', runId)
        .executeTakeFirstOrThrow();

    // The same files checked in one go, for comparison.
    const whole = await stageImport({ database, actor: SYSTEM_ACTOR, input });
    const events: string[] = [];
    let seenMidway: Promise<number> | null = null;
    await checkImport({
      database,
      scopeAreaCodes: null,
      runId: whole.runId,
      onProgress: (done) => {
        events.push(`step ${done}`);
        // A request made between rules is answered before the check ends, even on PGlite.
        if (done === 3)
          seenMidway = checkedSteps(whole.runId).then((run) => {
            events.push('read');
            return run.checked_steps;
          });
      },
    });
    const rules = (await checkedSteps(whole.runId)).checked_steps;
    expect(rules).toBeGreaterThan(5);
    expect(await seenMidway).toBeLessThan(rules);
    expect(events.indexOf('read')).toBeLessThan(events.indexOf(`step ${rules + 1}`));
    const expected = await problemsOf(whole.runId);
    expect(expected.length).toBeGreaterThanOrEqual(4);

    // Stopped after two rules: they stay stored and counted, the run is neither failed nor checked.
    const stopped = await stageImport({ database, actor: SYSTEM_ACTOR, input });
    const stop = new AbortController();
    await expect(
      checkImport({
        database,
        scopeAreaCodes: null,
        runId: stopped.runId,
        signal: stop.signal,
        onProgress: (done) => {
          if (done === 3) stop.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ImportStoppedError);
    expect(await checkedSteps(stopped.runId)).toMatchObject({
      checked_steps: 2,
      checked_at: null,
      status: 'running',
    });

    // Resumed: from the third rule, and the problems are those of the check in one go, once each.
    const resumed: number[] = [];
    await checkImport({
      database,
      scopeAreaCodes: null,
      runId: stopped.runId,
      onProgress: (done) => {
        resumed.push(done);
      },
    });
    // Its start (2 rules done), the dictionaries built again (3), then rules 3… (4…).
    expect(resumed).toEqual(Array.from({ length: rules }, (_, i) => i + 2));
    expect((await checkedSteps(stopped.runId)).checked_at).not.toBeNull();
    expect(await problemsOf(stopped.runId)).toEqual(expected);
    const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId: stopped.runId });
    expect(summary).toMatchObject({ imported: 0, rejected: 3 });
    await applyImport({ database, actor: SYSTEM_ACTOR, runId: whole.runId });
  });
});
