import { type RegistryRefusalCode, registryRefusalText, type SentenceArgs } from '@mlob/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { insertProbeHousehold } from './registry.probes';

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

describe.each(ENGINES)('registry API on %s', (engine) => {
  let t: TestApp;
  let chief: { cookie: string };
  let commune: { cookie: string };
  let commune2: { cookie: string };
  let province: { cookie: string };
  let national: { cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    chief = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010101'] })).headers;
    commune = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    commune2 = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    province = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
    national = (await t.signedIn({ role: 'national_officer' })).headers;
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

  async function newHousehold(village: string, ref: string, members: Record<string, unknown>[]) {
    const r = await post('/api/registry/change-requests', national, {
      change: {
        kind: 'new_household',
        householdRef: ref,
        villageCode: village,
        phones: ['012 345 678'],
        members,
      },
      reason: 'registration',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id as string;
    expect(
      (await post(`/api/registry/change-requests/${id}/decision`, commune, { decision: 'approve' })).status,
    ).toBe(200);
    const applied = await post(`/api/registry/change-requests/${id}/decision`, province, {
      decision: 'approve',
    });
    expect(applied.body.status).toBe('applied');
    const found = await get(`/api/registry/members?q=${ref}`, national);
    return found.body.items?.[0]?.householdId as string;
  }

  const head = (ref: string, extra: Record<string, unknown> = {}) => ({
    memberRef: ref,
    familyNameKm: 'ហេង',
    givenNameKm: 'សុភា',
    familyNameLatin: 'Heng',
    givenNameLatin: 'Sophea',
    sex: 'F',
    birthDate: '1985',
    relationToHead: 'head',
    nationalId: '123456780',
    ...extra,
  });

  it('registers a household through two approval levels, then finds it by name, ID, phone and area', async () => {
    const householdId = await newHousehold('02010101', 'API-H1', [
      head('API-M1'),
      {
        ...head('API-M2', { givenNameKm: 'ដារា', givenNameLatin: 'Dara', sex: 'M', nationalId: undefined }),
        relationToHead: 'spouse',
      },
    ]);
    expect(householdId).toBeTruthy();
    const byKhmer = await get(`/api/registry/members?q=${encodeURIComponent('ហេង សុភា')}`, chief);
    expect(byKhmer.body.items?.map((i) => i.memberRef)).toContain('API-M1');
    const byLatinVariant = await get('/api/registry/members?q=Hieng%20Sophia', chief);
    expect(byLatinVariant.body.items?.map((i) => i.memberRef)).toContain('API-M1');
    // Misspelled, in either script: no member has all the words, so the closest names answer.
    const byMisspelling = await get('/api/registry/members?q=Heng%20Sophxa', chief);
    expect(byMisspelling.body.items?.map((i) => i.memberRef)).toContain('API-M1');
    const byKhmerMisspelling = await get(`/api/registry/members?q=${encodeURIComponent('ហេង សុភ')}`, chief);
    expect(byKhmerMisspelling.body.items?.map((i) => i.memberRef)).toContain('API-M1');
    const byId = await get('/api/registry/members?q=123456780', chief);
    expect(byId.body.items?.map((i) => i.memberRef)).toEqual(['API-M1']);
    const byPhone = await get('/api/registry/members?q=%2B855%2012%20345%20678', chief);
    expect(byPhone.body.items?.length).toBe(2);
    const byArea = await get('/api/registry/members?area=02010101&limit=1', chief);
    expect(byArea.body.items?.length).toBe(1);
    expect(byArea.body.hasMore).toBe(true);
    // Another village's chief finds nothing and reads the household as not found.
    const other = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010102'] })).headers;
    expect((await get('/api/registry/members?q=123456780', other)).body.items).toEqual([]);
    expect((await get(`/api/registry/households/${householdId}`, other)).status).toBe(404);
    expect((await get(`/api/registry/households/${householdId}`, chief)).body.members).toHaveLength(2);
  });

  it('applies a one-level change on approval, keeps history and answers as of an earlier date', async () => {
    const { householdId, memberId } = await insertProbeHousehold(t.database, '02010101');
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const proposed = await post('/api/registry/change-requests', chief, {
      change: { kind: 'correct_field', householdId, memberId, field: 'givenNameLatin', value: 'Darra' },
      reason: 'spelling on the ID card',
    });
    expect(proposed.body.levels).toEqual(['commune']);
    const id = proposed.body.id as string;
    // The proposer cannot decide; a village chief cannot decide at all.
    expect(
      (await post(`/api/registry/change-requests/${id}/decision`, chief, { decision: 'approve' })).status,
    ).toBe(403);
    const queue = await get('/api/registry/change-requests', commune);
    expect(queue.body.items?.map((i) => i.id)).toContain(id);
    // The approver reads whose record changes, not an id.
    expect(queue.body.items?.find((i) => i.id === id)?.subjects).toEqual({
      households: [{ id: householdId, householdRef: expect.any(String) }],
      members: [
        expect.objectContaining({
          id: memberId,
          memberRef: expect.any(String),
          familyNameKm: expect.any(String),
        }),
      ],
    });
    const applied = await post(`/api/registry/change-requests/${id}/decision`, commune, {
      decision: 'approve',
    });
    expect(applied.body).toMatchObject({
      status: 'applied',
      steps: [{ level: 'commune', decision: 'approved' }],
    });
    const now = await get(`/api/registry/households/${householdId}`, chief);
    expect((now.body.members as Json[])[0]?.givenNameLatin).toBe('Darra');
    const then = await get(
      `/api/registry/households/${householdId}/as-of?asOf=${encodeURIComponent(before)}`,
      chief,
    );
    expect((then.body.members as Json[])[0]?.givenNameLatin).toBe('Dara');
    const history = await get(`/api/registry/households/${householdId}/history`, chief);
    const correction = history.body.items?.find((e) => e.source === 'change_request');
    expect(correction).toMatchObject({
      reason: 'spelling on the ID card',
      entityType: 'member',
      changes: [{ field: 'given_name_latin', before: 'Dara', after: 'Darra' }],
    });
  });

  it('rejects with a reason, refuses a second decision, and never lets one person decide two levels', async () => {
    const { householdId } = await insertProbeHousehold(t.database, '02010101');
    const move = await post('/api/registry/change-requests', commune, {
      change: { kind: 'move_household', householdId, toVillageCode: '02010102' },
      reason: 'moved',
    });
    expect(move.body.levels).toEqual(['commune', 'province']);
    const id = move.body.id as string;
    expect(
      (await post(`/api/registry/change-requests/${id}/decision`, province, { decision: 'approve' })).status,
    ).toBe(200);
    expect(
      (await post(`/api/registry/change-requests/${id}/decision`, province, { decision: 'approve' })).status,
    ).toBe(403);
    expect(
      (await post(`/api/registry/change-requests/${id}/decision`, commune, { decision: 'reject' })).status,
    ).toBe(403);
    const second = await post('/api/registry/change-requests', commune, {
      change: { kind: 'move_household', householdId, toVillageCode: '02010102' },
      reason: 'moved',
    });
    const sid = second.body.id as string;
    expect(
      (await post(`/api/registry/change-requests/${sid}/decision`, commune2, { decision: 'reject' })).status,
    ).toBe(400);
    const rejected = await post(`/api/registry/change-requests/${sid}/decision`, commune2, {
      decision: 'reject',
      comment: 'no proof',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'no proof' });
    expect(
      (await post(`/api/registry/change-requests/${sid}/decision`, commune, { decision: 'approve' })).status,
    ).toBe(409);
  });

  it('refuses changes that break the rules before anyone approves them', async () => {
    const { householdId, memberId } = await insertProbeHousehold(t.database, '02010101');
    // Each rule the registry refuses by is named by its code (the web app says it in Khmer),
    // with the English sentence as the message.
    const cases: [unknown, number, string | null, Record<string, unknown>?][] = [
      [{ kind: 'add_member', householdId, member: head('API-X1') }, 409, 'has_head'], // second head
      [{ kind: 'remove_member', householdId, memberId, why: 'moved_out' }, 409, 'head_cannot_leave'], // the head
      [{ kind: 'record_death', householdId, memberId, deathDate: '2999-01-01' }, 409, 'death_in_future'],
      [
        {
          kind: 'add_member',
          householdId,
          member: head('API-X2', { relationToHead: 'child', birthDate: '2023-02-30' }),
        },
        400,
        'impossible_date',
        { value: '2023-02-30' },
      ],
      [
        {
          kind: 'add_member',
          householdId,
          member: head('API-X3', { relationToHead: 'child', familyNameKm: 'Heng' }),
        },
        400,
        null, // the schema's own check
      ],
      [{ kind: 'move_household', householdId, toVillageCode: '01020101' }, 404, null], // out of the chief's scope
    ];
    for (const [change, status, code, args = {}] of cases) {
      const r = await post('/api/registry/change-requests', chief, { change, reason: 'test case' });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (!code) {
        expect(r.body.reason).toBeUndefined();
        continue;
      }
      const reason = { code: `registry.${code}`, params: args };
      expect(r.body.reason).toEqual(reason);
      expect(r.body.message).toBe(registryRefusalText(code as RegistryRefusalCode, args as SentenceArgs));
      expect(r.body.details).toEqual([expect.objectContaining(reason)]);
    }
  });

  it('checks a corrected value as strictly as a new member, on the field the officer typed it in', async () => {
    const { householdId, memberId } = await insertProbeHousehold(t.database, '02010101');
    const correct = (field: string, value: unknown) =>
      post('/api/registry/change-requests', chief, {
        change: { kind: 'correct_field', householdId, memberId, field, value },
        reason: 'correction test',
      });
    const refused: [string, unknown][] = [
      ['givenNameLatin', '=HYPERLINK("http://x")'], // would run as a formula in a spreadsheet
      ['givenNameKm', 'Dara'], // not Khmer script
      ['familyNameKm', ''], // a Khmer name cannot be emptied
      ['nationalId', '12'],
      ['phone', '12345'],
      ['sex', 'X'],
      ['relationToHead', 'boss'],
      ['birthDate', '2023-02-30'],
      ['birthDate', 'last year'],
    ];
    const kinds: string[] = [];
    for (const [field, value] of refused) {
      const r = await correct(field, value);
      expect(r.status, `${field}=${String(value)}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.details).toEqual([expect.objectContaining({ path: ['change', 'value'] })]);
      kinds.push(`${field}=${String(value)}: ${(r.body.details as Json[])[0]?.code ?? '-'}`);
    }
    // Each problem says its kind, as a request's own fields do, so the web can say it in Khmer:
    // the schema's own checks (Khmer script, Latin letters, …) by their catalogued sentence.
    expect(kinds).toEqual([
      'givenNameLatin==HYPERLINK("http://x"): registry.latin_letters',
      'givenNameKm=Dara: registry.khmer_script',
      'familyNameKm=: required',
      'nationalId=12: registry.national_id_digits',
      'phone=12345: registry.cambodian_phone',
      'sex=X: invalid_value',
      'relationToHead=boss: invalid_value',
      'birthDate=2023-02-30: registry.impossible_date',
      'birthDate=last year: registry.partial_date_format',
    ]);
    const phone = await correct('phone', '+85512 345 678');
    expect(phone.status, JSON.stringify(phone.body)).toBe(201);
    const applied = await post(`/api/registry/change-requests/${phone.body.id}/decision`, commune, {
      decision: 'approve',
    });
    expect(applied.body.status).toBe('applied');
    const now = await get(`/api/registry/households/${householdId}`, chief);
    expect((now.body.members as Json[]).find((m) => m.id === memberId)?.phone).toBe('012345678');
    // An optional value may be cleared.
    expect((await correct('givenNameLatin', '')).status).toBe(201);
  });

  it('records a birth, a death with the spouse taking over as head, a split and a merge', async () => {
    const householdId = await newHousehold('02010101', 'API-LIFE1', [
      head('API-L1', { sex: 'M', givenNameKm: 'ដារា', nationalId: undefined }),
      { ...head('API-L2', { nationalId: undefined }), relationToHead: 'spouse' },
      { ...head('API-L3', { nationalId: undefined, birthDate: '2005-03' }), relationToHead: 'child' },
    ]);
    const apply = async (change: Record<string, unknown>) => {
      const r = await post('/api/registry/change-requests', chief, {
        change: { householdId, ...change },
        reason: 'life event',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      let last = await post(`/api/registry/change-requests/${r.body.id}/decision`, commune, {
        decision: 'approve',
      });
      if (last.body.status === 'pending')
        last = await post(`/api/registry/change-requests/${r.body.id}/decision`, province, {
          decision: 'approve',
        });
      expect(last.body.status, JSON.stringify(last.body)).toBe('applied');
    };
    const members = async () =>
      (await get(`/api/registry/households/${householdId}`, chief)).body.members as Json[];
    await apply({
      kind: 'record_birth',
      member: {
        ...head('API-L4', { nationalId: undefined, birthDate: '2025-06-01' }),
        relationToHead: 'child',
      },
    });
    expect((await members()).length).toBe(4);
    const byRef = async (ref: string) => (await members()).find((m) => m.memberRef === ref) as Json;
    await apply({ kind: 'record_death', memberId: (await byRef('API-L1')).id, deathDate: '2026-01-15' });
    expect(await byRef('API-L1')).toMatchObject({ status: 'deceased', deathDate: '2026-01-15' });
    expect(await byRef('API-L2')).toMatchObject({ relationToHead: 'head' });
    const child = await byRef('API-L3');
    // A split names the members who leave and the new head (once), as the queue shows them.
    const proposed = await post('/api/registry/change-requests', chief, {
      change: {
        householdId,
        kind: 'split_household',
        newHouseholdRef: 'API-LIFE-X',
        memberIds: [child.id],
        newHeadMemberId: child.id,
      },
      reason: 'split shown in the queue',
    });
    const queued = (await get('/api/registry/change-requests', province)).body.items?.find(
      (i) => i.id === proposed.body.id,
    );
    const subjects = queued?.subjects as { members: Json[] } | undefined;
    expect(subjects?.members.map((m) => m.memberRef)).toEqual(['API-L3']);
    await post(`/api/registry/change-requests/${proposed.body.id}/decision`, province, {
      decision: 'reject',
      comment: 'shown only',
    });
    await apply({
      kind: 'split_household',
      newHouseholdRef: 'API-LIFE-2',
      memberIds: [child.id],
      newHeadMemberId: child.id,
    });
    expect((await members()).some((m) => m.memberRef === 'API-L3')).toBe(false);
    const split = await get('/api/registry/members?q=API-LIFE-2', chief);
    const newHouseholdId = split.body.items?.[0]?.householdId as string;
    expect(split.body.items?.[0]).toMatchObject({ memberRef: 'API-L3', relationToHead: 'head' });
    // Back with his mother, who is the head now: the merge says so (no relation is guessed).
    await apply({
      kind: 'merge_households',
      otherHouseholdId: newHouseholdId,
      relationsToHead: { [child.id as string]: 'child' },
    });
    expect(await byRef('API-L3')).toMatchObject({ relationToHead: 'child', status: 'active' });
  });

  it('sets typed identifiers checked against their type, closes the old value, and finds people by them', async () => {
    const { householdId, memberId } = await insertProbeHousehold(t.database, '02010101');
    const set = async (typeCode: string, value: string, member: string | null = memberId) => {
      const r = await post('/api/registry/change-requests', chief, {
        change: { kind: 'set_identifier', householdId, memberId: member ?? undefined, typeCode, value },
        reason: 'document shown',
      });
      if (r.status !== 201) return r;
      return post(`/api/registry/change-requests/${r.body.id}/decision`, commune, { decision: 'approve' });
    };
    expect((await set('passport', '12345')).status).toBe(400);
    expect((await set('no_such_type', 'X')).status).toBe(400);
    expect((await set('equity_card', 'EC-1234567')).status).toBe(409); // a household identifier
    expect((await set('passport', 'n0123 4567')).body.status).toBe('applied');
    expect((await set('passport', 'N07654321')).body.status).toBe('applied');
    const rows = await t.database.db
      .selectFrom('registry_identifier')
      .select(['value', 'valid_to'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.value, r.valid_to === null])).toEqual([
      ['N01234567', false],
      ['N07654321', true],
    ]);
    expect((await set('equity_card', 'EC-02010101-9', null)).body.status).toBe('applied');
    const found = await get('/api/registry/members?q=N07654321', chief);
    expect(found.body.items?.map((i) => i.id)).toEqual([memberId]);
    expect((await get('/api/registry/members?q=N01234567', chief)).body.items).toEqual([]);
    const byCard = await get('/api/registry/members?q=EC-02010101-9', chief);
    expect(byCard.body.items?.map((i) => i.id)).toEqual([memberId]);
  });
});
