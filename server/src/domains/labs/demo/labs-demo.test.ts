import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/actor';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { ENGINES } from '../../../testing/test-database';
import { labUser } from '../labs-test-kit';
import { seedLabsDemo } from './labs-demo.seed';

describe.each(ENGINES)('labs demo data on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedLabsDemo({ database: t.database, audit: { actor: SYSTEM_ACTOR }, log: () => undefined });
  }, 240_000);
  afterAll(async () => t?.close());

  it('seeds the twelve-lab network with a year of audits, once, deterministically', async () => {
    await seedLabsDemo({ database: t.database, audit: { actor: SYSTEM_ACTOR }, log: () => undefined });
    const bureau = await labUser(t, 'lab_quality_manager', null);
    const dashboard = (
      await t.app.inject({ method: 'GET', url: '/api/labs/dashboard', headers: bureau.headers })
    ).json();
    expect(dashboard.labs).toHaveLength(12);
    for (const lab of dashboard.labs) expect(lab.starsOverTime).toHaveLength(4);
    // LAB-09 failed its latest proficiency tests: no stars whatever its score.
    expect(dashboard.labs.find((l: { code: string }) => l.code === 'LAB-09').latestStars).toBe(0);
    const percents = dashboard.labs.map(
      (l: { starsOverTime: { percent: number }[] }) => l.starsOverTime.at(-1)!.percent,
    );
    expect(percents).toMatchSnapshot();
    const board = (
      await t.app.inject({ method: 'GET', url: '/api/labs/ncs/board', headers: bureau.headers })
    ).json();
    for (const column of board.columns) expect(column.items.length, column.stage).toBeGreaterThan(0);
    const labqm = await labUser(t, 'lab_quality_manager', 'LAB-01');
    const own = (await t.app.inject({ method: 'GET', url: '/api/labs', headers: labqm.headers })).json();
    expect(own.items).toHaveLength(1);
  });
});
