import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { daysFromTodayInCambodia, todayInCambodia } from '../geography';
import { insertProbeHousehold } from './registry.probes';

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

describe.each(ENGINES)('registry approval rules, identifiers and search export on %s', (engine) => {
  let t: TestApp;
  let chief: { cookie: string };
  let commune: { cookie: string };
  let province: { cookie: string };
  let national: { cookie: string };
  let admin: { cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    chief = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010101'] })).headers;
    commune = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    province = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
    national = (await t.signedIn({ role: 'national_officer' })).headers;
    admin = (await t.signedIn({ role: 'admin' })).headers;
  });
  afterAll(async () => t?.close());

  const get = async (url: string, headers: { cookie: string }) => {
    const r = await t.app.inject({ method: 'GET', url, headers });
    return { status: r.statusCode, body: r.json() as Json };
  };
  const post = async (url: string, headers: { cookie: string }, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers, payload: payload as object });
    return { status: r.statusCode, body: r.json() as Json };
  };

  /** Writes straight to a member row under a registry change of its own (the history trigger wants one). */
  async function setMember(id: string, values: { phone?: string; national_id?: string }) {
    const change = await t.database.db
      .insertInto('registry_change')
      .values({ kind: 'test', source: 'seed', actor_kind: 'system', reason: 'test data' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('member')
      .set({ ...values, change_id: change.id })
      .where('id', '=', id)
      .execute();
  }

  it('lists the rule in force per change kind, readable by proposers', async () => {
    const r = await get('/api/registry/approval-rules', chief);
    expect(r.status).toBe(200);
    const current = r.body.items?.filter((i) => i.state === 'current') ?? [];
    expect(current.map((i) => i.changeKind).sort()).toEqual(
      [
        'add_member',
        'correct_field',
        'merge_households',
        'move_household',
        'move_member',
        'new_household',
        'record_birth',
        'record_death',
        'remove_member',
        'set_identifier',
        'split_household',
      ].sort(),
    );
    expect(current.find((i) => i.changeKind === 'new_household')?.levels).toEqual(['commune', 'province']);
    const programme = (await t.signedIn({ role: 'programme_officer' })).headers;
    expect((await get('/api/registry/approval-rules', programme)).status).toBe(403);
  });

  it('adds a rule from today on: audited, in force for new proposals, the old one kept as past', async () => {
    const created = await post('/api/registry/approval-rules', national, {
      changeKind: 'move_household',
      levels: ['commune', 'province', 'national'],
      effectiveFrom: todayInCambodia(),
      reason: 'Moves between provinces need national approval',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ state: 'current', levels: ['commune', 'province', 'national'] });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registry.approval_rule.create')
      .where('entity_id', '=', String(created.body.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toBe('Moves between provinces need national approval');

    const history = await get('/api/registry/approval-rules?changeKind=move_household', chief);
    expect(history.body.items?.map((i) => [i.state, i.levels])).toEqual([
      ['current', ['commune', 'province', 'national']],
      ['past', ['commune', 'province']],
    ]);
    const { householdId } = await insertProbeHousehold(t.database, '02010101');
    const proposed = await post('/api/registry/change-requests', commune, {
      change: { kind: 'move_household', householdId, toVillageCode: '02010102' },
      reason: 'moved next door',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.levels).toEqual(['commune', 'province', 'national']);

    const future = await post('/api/registry/approval-rules', admin, {
      changeKind: 'record_death',
      levels: ['province'],
      effectiveFrom: daysFromTodayInCambodia(30),
      reason: 'From next month deaths go to the province',
    });
    expect(future.body.state).toBe('future');
    const deaths = await get('/api/registry/approval-rules?changeKind=record_death', chief);
    expect(deaths.body.items?.map((i) => i.state)).toEqual(['future', 'current']);
  });

  it('refuses other roles, past dates, a taken date and levels out of order, naming the field', async () => {
    const rule = {
      changeKind: 'add_member',
      levels: ['commune'],
      effectiveFrom: daysFromTodayInCambodia(10),
      reason: 'test rule',
    };
    expect((await post('/api/registry/approval-rules', province, rule)).status).toBe(403);
    expect((await post('/api/registry/approval-rules', commune, rule)).status).toBe(403);
    const past = await post('/api/registry/approval-rules', national, {
      ...rule,
      effectiveFrom: '2026-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.details).toEqual([expect.objectContaining({ path: ['effectiveFrom'] })]);
    const order = await post('/api/registry/approval-rules', national, {
      ...rule,
      levels: ['province', 'commune'],
    });
    expect(order.status).toBe(400);
    expect(JSON.stringify(order.body.details)).toContain('levels');
    const unknownKind = await post('/api/registry/approval-rules', national, {
      ...rule,
      changeKind: 'teleport',
    });
    expect(unknownKind.status).toBe(400);
    // Each invalid field says what kind of problem it is, for the reader's language.
    const kinds = await post('/api/registry/approval-rules', national, {
      changeKind: 'teleport',
      levels: [],
      effectiveFrom: '2026/01/01',
      reason: 'x',
    });
    expect(kinds.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'changeKind'], code: 'invalid_value' }),
        expect.objectContaining({ path: ['body', 'levels'], code: 'too_small', params: { minimum: 1 } }),
        expect.objectContaining({ path: ['body', 'effectiveFrom'], code: 'registry.date_format' }),
        expect.objectContaining({ path: ['body', 'reason'], code: 'too_short', params: { minimum: 3 } }),
      ]),
    );
    const long = await post('/api/registry/approval-rules', national, { ...rule, reason: 'x'.repeat(1001) });
    expect(long.body.details).toEqual([
      expect.objectContaining({ path: ['body', 'reason'], code: 'too_long', params: { maximum: 1000 } }),
    ]);
    expect((await post('/api/registry/approval-rules', national, rule)).status).toBe(201);
    const taken = await post('/api/registry/approval-rules', national, rule);
    expect(taken.status).toBe(409);
    expect(taken.body.details).toEqual([expect.objectContaining({ path: ['effectiveFrom'] })]);
  });

  it('lists identifier types and a household’s identifiers; a set_identifier checks the type’s pattern', async () => {
    const types = await get('/api/registry/identifier-types', chief);
    expect(types.body.items?.map((i) => i.code)).toEqual(
      expect.arrayContaining(['national_id', 'passport', 'equity_card', 'family_book', 'nssf', 'phone']),
    );
    const { householdId, memberId } = await insertProbeHousehold(t.database, '02010101');
    const bad = await post('/api/registry/change-requests', chief, {
      change: { kind: 'set_identifier', householdId, memberId, typeCode: 'passport', value: '12345' },
      reason: 'passport seen',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: ['change', 'value'] })]);
    const good = await post('/api/registry/change-requests', chief, {
      change: { kind: 'set_identifier', householdId, memberId, typeCode: 'passport', value: 'n0123 4567' },
      reason: 'passport seen',
    });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    await post(`/api/registry/change-requests/${good.body.id}/decision`, commune, { decision: 'approve' });
    const card = await post('/api/registry/change-requests', chief, {
      change: { kind: 'set_identifier', householdId, typeCode: 'equity_card', value: 'EC-02010101-0009' },
      reason: 'equity card issued',
    });
    await post(`/api/registry/change-requests/${card.body.id}/decision`, commune, { decision: 'approve' });
    await setMember(memberId, { phone: '012345678' });

    const list = await get(`/api/registry/households/${householdId}/identifiers`, chief);
    expect(list.status).toBe(200);
    const byType = Object.fromEntries((list.body.items ?? []).map((i) => [i.typeCode, i]));
    expect(byType.passport).toMatchObject({
      value: 'N01234567',
      memberId,
      source: 'identifier',
      validTo: null,
    });
    expect(byType.equity_card).toMatchObject({ memberId: null, source: 'identifier' });
    expect(byType.phone).toMatchObject({ value: '012345678', source: 'member_record', id: null });

    const other = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010102'] })).headers;
    expect((await get(`/api/registry/households/${householdId}/identifiers`, other)).status).toBe(404);
  });

  it('shows the province the commune’s approval in its queue', async () => {
    const proposed = await post('/api/registry/change-requests', chief, {
      change: {
        kind: 'new_household',
        householdRef: 'ADM-NEW-1',
        villageCode: '02010101',
        members: [
          {
            memberRef: 'ADM-NEW-1a',
            familyNameKm: 'សេង',
            givenNameKm: 'ចន្ថា',
            sex: 'F',
            relationToHead: 'head',
          },
        ],
      },
      reason: 'new family',
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    await post(`/api/registry/change-requests/${proposed.body.id}/decision`, commune, {
      decision: 'approve',
      comment: 'seen the family book',
    });
    const queue = await get('/api/registry/change-requests', province);
    const item = queue.body.items?.find((i) => i.id === proposed.body.id);
    expect(item).toMatchObject({
      awaitingLevel: 'province',
      steps: [{ level: 'commune', decision: 'approved', comment: 'seen the family book' }],
    });
  });

  it('finds a household by its reference within scope (how forms name another household)', async () => {
    const { householdId } = await insertProbeHousehold(t.database, '02010101');
    const row = await t.database.db
      .selectFrom('household')
      .select('household_ref')
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    const found = await get(`/api/registry/households?ref=${row.household_ref.toLowerCase()}`, chief);
    expect(found.body.items).toEqual([
      { id: householdId, householdRef: row.household_ref, villageCode: '02010101', status: 'active' },
    ]);
    const other = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010102'] })).headers;
    expect((await get(`/api/registry/households?ref=${row.household_ref}`, other)).body.items).toEqual([]);
    expect((await get('/api/registry/households', chief)).status).toBe(400);
  });

  it('exports the people a search finds, within scope', async () => {
    const a = await insertProbeHousehold(t.database, '02010101');
    const b = await insertProbeHousehold(t.database, '12010101');
    for (const [id, nid] of [
      [a.memberId, '555111222'],
      [b.memberId, '555111222'],
    ] as const) {
      await setMember(id, { national_id: nid });
    }
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?q=555111222',
      headers: province,
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('555111222');
    expect(lines[1]).toContain('02010101');
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?q=555111222',
      headers: national,
    });
    expect(all.body.trim().split('\n')).toHaveLength(3);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?q=555111222&format=xlsx',
      headers: province,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('members');
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(10).text).toBe('555111222');
  });
});
