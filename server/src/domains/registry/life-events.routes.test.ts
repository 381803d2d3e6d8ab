import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';

type Json = Record<string, unknown>;
type Headers = { cookie: string };

/**
 * Splits and merges give every member who joins another head a relation to that head: the
 * old relation named the former head, so it is never kept, and no default is guessed.
 */
describe.each(ENGINES)('split and merge relations on %s', (engine) => {
  let t: TestApp;
  let chief: Headers;
  let commune: Headers;
  let province: Headers;
  let national: Headers;

  beforeAll(async () => {
    t = await createTestApp(engine);
    chief = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010101'] })).headers;
    commune = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    province = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
    national = (await t.signedIn({ role: 'national_officer' })).headers;
  });
  afterAll(async () => t?.close());

  const get = async (url: string, headers: Headers = chief) => {
    const r = await t.app.inject({ method: 'GET', url, headers });
    return { status: r.statusCode, body: r.json() as Json };
  };
  const post = async (url: string, headers: Headers, payload: unknown) => {
    const r = await t.app.inject({ method: 'POST', url, headers, payload: payload as object });
    return { status: r.statusCode, body: r.json() as Json };
  };
  const propose = (change: Json, headers: Headers = chief) =>
    post('/api/registry/change-requests', headers, { change, reason: 'family changed' });

  /** Proposes and approves at every level; returns the applied request. */
  async function apply(change: Json, headers: Headers = chief) {
    const r = await propose(change, headers);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    let last = await post(`/api/registry/change-requests/${r.body.id}/decision`, commune, {
      decision: 'approve',
    });
    if (last.body.status === 'pending')
      last = await post(`/api/registry/change-requests/${r.body.id}/decision`, province, {
        decision: 'approve',
      });
    expect(last.body.status, JSON.stringify(last.body)).toBe('applied');
    return last.body;
  }

  const person = (ref: string, relationToHead: string, sex: 'F' | 'M', birthDate: string) => ({
    memberRef: ref,
    familyNameKm: 'ចាន់',
    givenNameKm: 'សុភា',
    sex,
    birthDate,
    relationToHead,
  });

  /** A registered household: member reference → member id, and its id. */
  async function household(ref: string, members: ReturnType<typeof person>[]) {
    await apply(
      { kind: 'new_household', householdRef: ref, villageCode: '02010101', phones: [], members },
      national,
    );
    const found = await get(`/api/registry/members?q=${ref}`, national);
    const items = found.body.items as Json[];
    const householdId = items[0]?.householdId as string;
    return { householdId, ids: await idsOf(householdId) };
  }

  async function idsOf(householdId: string): Promise<Record<string, string>> {
    const members = (await get(`/api/registry/households/${householdId}`)).body.members as Json[];
    return Object.fromEntries(members.map((m) => [m.memberRef, m.id as string]));
  }

  async function relationsOf(householdId: string): Promise<Record<string, string>> {
    const members = (await get(`/api/registry/households/${householdId}`)).body.members as Json[];
    return Object.fromEntries(
      members.filter((m) => m.status === 'active').map((m) => [m.memberRef, m.relationToHead as string]),
    );
  }

  /** The member's entry of one change in a household's history: field → [before, after]. */
  async function historyOf(householdId: string, changeKind: string, memberRef: string) {
    const items = (await get(`/api/registry/households/${householdId}/history`)).body.items as Json[];
    const entries = items.filter((e) => e.kind === changeKind && e.ref === memberRef);
    expect(entries, `${changeKind} of ${memberRef}`).toHaveLength(1);
    const changes = entries[0]?.changes as { field: string; before: unknown; after: unknown }[];
    return Object.fromEntries(changes.map((c) => [c.field, [c.before, c.after]]));
  }

  it('a split stores the relations to the new head, and history keeps the old ones', async () => {
    const { householdId, ids } = await household('REL-S1', [
      person('REL-S1-1', 'head', 'M', '1955'),
      person('REL-S1-2', 'spouse', 'F', '1958'),
      person('REL-S1-3', 'child', 'M', '1982'),
      person('REL-S1-4', 'other_relative', 'F', '1984'), // the son's wife
      person('REL-S1-5', 'grandchild', 'M', '2010'),
    ]);
    const son = ids['REL-S1-3'] as string;
    const split = {
      kind: 'split_household',
      householdId,
      newHouseholdRef: 'REL-S1-B',
      memberIds: [son, ids['REL-S1-4'], ids['REL-S1-5']],
      newHeadMemberId: son,
      relationsToHead: { [ids['REL-S1-4'] as string]: 'spouse', [ids['REL-S1-5'] as string]: 'child' },
    };
    // The approver reads who leaves as what.
    const proposed = await propose(split);
    const queued = ((await get('/api/registry/change-requests', commune)).body.items as Json[]).find(
      (i) => i.id === proposed.body.id,
    );
    const subjects = queued?.subjects as { members: Json[] } | undefined;
    const named = (subjects?.members ?? []).map((m) => m.memberRef);
    expect(named.sort()).toEqual(['REL-S1-3', 'REL-S1-4', 'REL-S1-5']);
    await post(`/api/registry/change-requests/${proposed.body.id}/decision`, commune, {
      decision: 'reject',
      comment: 'queue shown only',
    });

    await apply(split);
    const newHousehold = (await get('/api/registry/members?q=REL-S1-B')).body.items as Json[];
    const newHouseholdId = newHousehold[0]?.householdId as string;
    expect(await relationsOf(newHouseholdId)).toEqual({
      'REL-S1-3': 'head',
      'REL-S1-4': 'spouse',
      'REL-S1-5': 'child',
    });
    expect(await relationsOf(householdId)).toEqual({ 'REL-S1-1': 'head', 'REL-S1-2': 'spouse' });
    // One version per member for the split, with the household and the relation it had.
    const wife = await historyOf(newHouseholdId, 'split_household', 'REL-S1-4');
    expect(wife.relation_to_head).toEqual(['other_relative', 'spouse']);
    expect(wife.household_id).toEqual([householdId, newHouseholdId]);
    expect((await historyOf(newHouseholdId, 'split_household', 'REL-S1-5')).relation_to_head).toEqual([
      'grandchild',
      'child',
    ]);
    expect((await historyOf(newHouseholdId, 'split_household', 'REL-S1-3')).relation_to_head).toEqual([
      'child',
      'head',
    ]);
  });

  it('a merge stores the relations to the staying head, the former head included', async () => {
    const staying = await household('REL-M1', [
      person('REL-M1-1', 'head', 'M', '1980'),
      person('REL-M1-2', 'spouse', 'F', '1982'),
    ]);
    // The head's widowed mother, her second husband and the head's younger brother move in.
    const joining = await household('REL-M2', [
      person('REL-M2-1', 'head', 'F', '1955'),
      person('REL-M2-2', 'spouse', 'M', '1953'),
      person('REL-M2-3', 'child', 'M', '1990'),
    ]);
    const merge = {
      kind: 'merge_households',
      householdId: staying.householdId,
      otherHouseholdId: joining.householdId,
      relationsToHead: {
        [joining.ids['REL-M2-1'] as string]: 'parent',
        [joining.ids['REL-M2-2'] as string]: 'other_relative',
        [joining.ids['REL-M2-3'] as string]: 'sibling',
      },
    };
    await apply(merge);
    expect(await relationsOf(staying.householdId)).toEqual({
      'REL-M1-1': 'head',
      'REL-M1-2': 'spouse',
      'REL-M2-1': 'parent',
      'REL-M2-2': 'other_relative',
      'REL-M2-3': 'sibling',
    });
    const mother = await historyOf(staying.householdId, 'merge_households', 'REL-M2-1');
    expect(mother.relation_to_head).toEqual(['head', 'parent']);
    expect(mother.household_id).toEqual([joining.householdId, staying.householdId]);
    expect((await historyOf(staying.householdId, 'merge_households', 'REL-M2-3')).relation_to_head).toEqual([
      'child',
      'sibling',
    ]);
    const merged = await get(`/api/registry/households/${joining.householdId}`);
    expect(merged.body).toMatchObject({ status: 'merged', members: [] });
  });

  it('refuses a split or merge that leaves a member without a relation to the new head', async () => {
    const { householdId, ids } = await household('REL-X1', [
      person('REL-X1-1', 'head', 'F', '1960'),
      person('REL-X1-2', 'child', 'F', '1985'),
      person('REL-X1-3', 'grandchild', 'M', '2012'),
    ]);
    const daughter = ids['REL-X1-2'] as string;
    const grandson = ids['REL-X1-3'] as string;
    const split = {
      kind: 'split_household',
      householdId,
      newHouseholdRef: 'REL-X1-B',
      memberIds: [daughter, grandson],
      newHeadMemberId: daughter,
    };
    const missing = await propose(split);
    expect(missing.status, JSON.stringify(missing.body)).toBe(400);
    expect(missing.body.message).toContain('REL-X1-3');
    expect(missing.body.details).toEqual([
      {
        path: ['change', 'relationsToHead', grandson],
        message: expect.stringContaining('REL-X1-3'),
        code: 'registry.relation_needed',
        params: { ref: 'REL-X1-3' },
      },
    ]);
    expect(missing.body.reason).toEqual({ code: 'registry.relations_needed', params: { refs: 'REL-X1-3' } });
    // A relation for the new head, or for someone who stays, contradicts the split.
    const forHead = await propose({
      ...split,
      relationsToHead: { [grandson]: 'child', [daughter]: 'spouse' },
    });
    expect(forHead.status).toBe(409);
    expect(forHead.body.details).toEqual([
      expect.objectContaining({ path: ['change', 'relationsToHead', daughter] }),
    ]);
    const stayer = ids['REL-X1-1'] as string;
    const forStayer = await propose({
      ...split,
      relationsToHead: { [grandson]: 'child', [stayer]: 'parent' },
    });
    expect(forStayer.status).toBe(409);
    expect(forStayer.body.details).toEqual([
      expect.objectContaining({ path: ['change', 'relationsToHead', stayer] }),
    ]);
    // Only the new head leaves: nobody needs a relation.
    await apply({ ...split, newHouseholdRef: 'REL-X1-C', memberIds: [daughter] });
    // A split-off household's reference must be free, like a new household's (not a 500).
    const taken = await propose({
      ...split,
      newHouseholdRef: 'REL-X1-C',
      memberIds: [grandson],
      newHeadMemberId: grandson,
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(409);
    expect(taken.body.details).toEqual([expect.objectContaining({ path: ['change', 'newHouseholdRef'] })]);

    // A merge needs one for every active member who joins, the other household's head included.
    const other = await household('REL-X2', [
      person('REL-X2-1', 'head', 'M', '1950'),
      person('REL-X2-2', 'spouse', 'F', '1952'),
    ]);
    const merge = { kind: 'merge_households', householdId, otherHouseholdId: other.householdId };
    const none = await propose(merge);
    expect(none.status).toBe(400);
    expect((none.body.details as Json[]).map((d) => d.path)).toEqual([
      ['change', 'relationsToHead', other.ids['REL-X2-1']],
      ['change', 'relationsToHead', other.ids['REL-X2-2']],
    ]);
    const partial = await propose({
      ...merge,
      relationsToHead: { [other.ids['REL-X2-1'] as string]: 'parent' },
    });
    expect(partial.status).toBe(400);
    expect(partial.body.details).toEqual([
      expect.objectContaining({ path: ['change', 'relationsToHead', other.ids['REL-X2-2']] }),
    ]);
    // Nothing was written by the refused proposals.
    expect(await relationsOf(other.householdId)).toEqual({ 'REL-X2-1': 'head', 'REL-X2-2': 'spouse' });
  });

  it('refuses a relation that is not one of the relations, naming the member in the field path', async () => {
    const { householdId, ids } = await household('REL-V1', [
      person('REL-V1-1', 'head', 'F', '1960'),
      person('REL-V1-2', 'child', 'F', '1985'),
      person('REL-V1-3', 'grandchild', 'M', '2012'),
    ]);
    const daughter = ids['REL-V1-2'] as string;
    const grandson = ids['REL-V1-3'] as string;
    const split = (relationsToHead: unknown) => ({
      kind: 'split_household',
      householdId,
      newHouseholdRef: 'REL-V1-B',
      memberIds: [daughter, grandson],
      newHeadMemberId: daughter,
      relationsToHead,
    });
    for (const value of ['boss', 'head', 3]) {
      const r = await propose(split({ [grandson]: value }));
      expect(r.status, `${String(value)}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.details).toEqual([
        expect.objectContaining({ path: ['body', 'change', 'relationsToHead', grandson] }),
      ]);
    }
    const notAnId = await propose(split({ 'REL-V1-3': 'child' }));
    expect(notAnId.status).toBe(400);
    const merge = await propose({
      kind: 'merge_households',
      householdId,
      otherHouseholdId: randomUUID(),
      relationsToHead: { [grandson]: 'cousin' },
    });
    expect(merge.status).toBe(400);
    expect(merge.body.details).toEqual([
      expect.objectContaining({ path: ['body', 'change', 'relationsToHead', grandson] }),
    ]);
  });
});
