import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { readGazetteerFile, SHIPPED_GAZETTEER } from './geography.service';

describe('the shipped gazetteer file', () => {
  const rows = readGazetteerFile(SHIPPED_GAZETTEER.file);
  const codes = new Set(rows.map((r) => r.code));

  it('has 25 provinces, 210 districts, 1,652 communes and 14,578 villages', () => {
    const count = (n: number) => rows.filter((r) => r.code.length === n).length;
    expect([count(2), count(4), count(6), count(8)]).toEqual([25, 210, 1652, 14578]);
  });

  it('gives every unit a parent whose code is its own minus two digits', () => {
    const orphans = rows.filter((r) => r.code.length > 2 && !codes.has(r.code.slice(0, -2)));
    expect(orphans).toEqual([]);
  });

  it('has a Khmer-script name for every unit, and a Latin name for all but the one the source leaves blank', () => {
    expect(rows.filter((r) => !/[\u1780-\u17FF]/.test(r.nameKm))).toEqual([]);
    expect(rows.filter((r) => r.nameLatin === '').map((r) => r.code)).toEqual(['02010508']);
  });
});

describe.each(ENGINES)('geography on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('loads the gazetteer into the database with matching prefixes', async () => {
    const { db } = t.database;
    const byLevel = await db
      .selectFrom('area')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(byLevel.map((r) => Number(r.n))).toEqual([25, 210, 1652, 14578]);
    const bad = await db
      .selectFrom('area')
      .select('code')
      .where('level', '>', 1)
      .where(sql<boolean>`code NOT LIKE parent_code || '__'`)
      .execute();
    expect(bad).toEqual([]);
  });

  it('lists provinces and an area with its path and children', async () => {
    const { headers } = await t.signedIn({ role: 'national_officer' });
    const provinces = (await t.app.inject({ method: 'GET', url: '/api/geography/areas', headers })).json();
    expect(provinces.items).toHaveLength(25);
    const district = (
      await t.app.inject({ method: 'GET', url: '/api/geography/areas/0201', headers })
    ).json();
    expect(district).toMatchObject({
      code: '0201',
      nameLatin: 'Banan',
      nameKm: 'បាណន់',
      ancestors: [{ code: '02', nameLatin: 'Battambang' }],
    });
    expect(district.children.every((c: { code: string }) => c.code.startsWith('0201'))).toBe(true);
  });

  it('searches by Latin name, Khmer name and code, within scope', async () => {
    const national = await t.signedIn({ role: 'national_officer' });
    const latin = (
      await t.app.inject({
        method: 'GET',
        url: '/api/geography/search?q=battambang&level=1',
        headers: national.headers,
      })
    ).json();
    expect(latin.items[0]).toMatchObject({ code: '02' });
    const khmer = (
      await t.app.inject({
        method: 'GET',
        url: `/api/geography/search?q=${encodeURIComponent('បាត់ដំបង')}&level=1`,
        headers: national.headers,
      })
    ).json();
    expect(khmer.items[0]).toMatchObject({ code: '02' });
    const commune = await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] });
    const scoped = (
      await t.app.inject({
        method: 'GET',
        url: '/api/geography/search?q=0&limit=100',
        headers: commune.headers,
      })
    ).json();
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(scoped.items.every((a: { code: string }) => a.code.startsWith('020101'))).toBe(true);
  });

  it('shows an area-scoped user the path to their area but not its siblings', async () => {
    const chief = await t.signedIn({ role: 'village_chief', areaCodes: ['02010101'] });
    const province = (
      await t.app.inject({ method: 'GET', url: '/api/geography/areas/02', headers: chief.headers })
    ).json();
    expect(province.children.map((c: { code: string }) => c.code)).toEqual(['0201']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/geography/areas/0202', headers: chief.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('seeds location classes from the commune type and lets an admin change one from a date', async () => {
    const admin = await t.signedIn({ role: 'admin' });
    const pp = (
      await t.app.inject({ method: 'GET', url: '/api/geography/areas/12010101', headers: admin.headers })
    ).json();
    expect(pp.locationClass).toBe('phnom_penh_urban');
    const rural = (
      await t.app.inject({ method: 'GET', url: '/api/geography/areas/02010101', headers: admin.headers })
    ).json();
    expect(rural.locationClass).toBe('rural');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/geography/villages/02010101/location-class',
      headers: admin.headers,
      payload: {
        locationClass: 'other_urban',
        effectiveFrom: '2025-01-01',
        reason: 'Commune reclassified as urban by sub-decree',
      },
    });
    expect(set.statusCode).toBe(201);
    const after = (
      await t.app.inject({ method: 'GET', url: '/api/geography/areas/02010101', headers: admin.headers })
    ).json();
    expect(after.locationClass).toBe('other_urban');
    const history = (
      await t.app.inject({
        method: 'GET',
        url: '/api/geography/villages/02010101/location-class',
        headers: admin.headers,
      })
    ).json();
    expect(history.items.map((h: { locationClass: string }) => h.locationClass)).toEqual([
      'other_urban',
      'rural',
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'village.location_class.set')
      .execute();
    expect(audit).toHaveLength(1);
    const clash = await t.app.inject({
      method: 'POST',
      url: '/api/geography/villages/02010101/location-class',
      headers: admin.headers,
      payload: { locationClass: 'rural', effectiveFrom: '2025-01-01', reason: 'again' },
    });
    expect(clash.statusCode).toBe(409);
    const badDate = await t.app.inject({
      method: 'POST',
      url: '/api/geography/villages/02010101/location-class',
      headers: admin.headers,
      payload: { locationClass: 'rural', effectiveFrom: '2025-13-01', reason: 'bad date' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details[0].path).toEqual(['body', 'effectiveFrom']);
  });
});
