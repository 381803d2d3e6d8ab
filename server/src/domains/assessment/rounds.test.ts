import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../platform/jobs/job-runner';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { readShippedFile } from './models.service';
import { enteredAnswers, POOR_RURAL } from './testing/answers';
import { insertHousehold } from './testing/households';
import { call } from './testing/workflow';

type Round = { id: string; number: number; setting: string; modelVersionId: number };
type Model = {
  id: number;
  code: string;
  isIllustrative: boolean;
  setting: string;
  cutoffs: { level1: number; level2: number };
};

describe.each(ENGINES)('rounds, models and re-scoring on %s', (engine) => {
  let t: TestApp;
  let national: { cookie: string };
  let models: Model[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    national = (await t.signedIn({ role: 'national_officer' })).headers;
    models = (await call<{ items: Model[] }>(t, national, 'GET', '/api/assessment/models')).items;
  });
  afterAll(async () => t?.close());

  const rural = () => models.find((m) => m.code === 'illustrative-rural-2026')!;
  const urban = () => models.find((m) => m.code === 'illustrative-urban-2026')!;

  it('ships the illustrative models, labelled as such', () => {
    expect(models.map((m) => [m.code, m.setting, m.isIllustrative])).toEqual([
      ['illustrative-rural-2026', 'rural', true],
      ['illustrative-urban-2026', 'urban', true],
    ]);
  });

  it("numbers rural and urban rounds separately and keeps each round's model", async () => {
    const round = (setting: string, modelVersionId: number, villageCodes: string[]) =>
      call<Round>(t, national, 'POST', '/api/assessment/rounds', {
        setting,
        title: `${setting} round`,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        modelVersionId,
        villageCodes,
      });
    const r1 = await round('rural', rural().id, ['02010101', '02010102']);
    const r2 = await round('rural', rural().id, ['02010103']);
    const u1 = await round('urban', urban().id, ['12010101']);
    expect([r1.number, r2.number, u1.number]).toEqual([1, 2, 1]);
    // A version in use is frozen in the database itself, not only by the service.
    await expect(
      t.database.db
        .updateTable('scoring_model_version')
        .set({ level2_cutoff: 99 })
        .where('id', '=', rural().id)
        .execute(),
    ).rejects.toThrow(/in use/);
    await call(
      t,
      national,
      'POST',
      '/api/assessment/rounds',
      {
        setting: 'urban',
        title: 'mismatch',
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
        modelVersionId: rural().id,
        villageCodes: ['12010101'],
      },
      [400],
    );
  });

  it('refuses a model that fails validation, naming the field, and never edits a version', async () => {
    const model = readShippedFile('model-illustrative-rural-2026.json') as Record<string, unknown>;
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/assessment/models',
      headers: national,
      payload: { model: { ...model, code: 'bad-2026', cutoffs: { level1: 40, level2: 20 } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ path: ['cutoffs'], file: 'model' });
    const edited = await t.app.inject({
      method: 'POST',
      url: '/api/assessment/models',
      headers: national,
      payload: { model: { ...model, cutoffs: { level1: 10, level2: 20 } } },
    });
    expect(edited.statusCode).toBe(409);
  });

  it('re-scores a round with a new model as a resumable job with progress', async () => {
    const round = await call<Round>(t, national, 'POST', '/api/assessment/rounds', {
      setting: 'rural',
      title: 'Re-score me',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      modelVersionId: rural().id,
      villageCodes: ['02020101'],
    });
    const chief = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020201'] })).headers;
    for (let i = 0; i < 25; i += 1) {
      const { householdId } = await insertHousehold(t.database, { villageCode: '02020101' });
      await call(t, chief, 'POST', '/api/assessment/assessments', {
        householdId,
        roundId: round.id,
        interviewerName: 'VRG',
        interviewedOn: '2026-03-01',
        answers: enteredAnswers({ ...POOR_RURAL, large_livestock: i }),
      });
    }
    const model = readShippedFile('model-illustrative-rural-2026.json') as Record<string, unknown>;
    const loaded = await call<{ id: number }>(t, national, 'POST', '/api/assessment/models', {
      model: { ...model, code: 'illustrative-rural-2026-strict', cutoffs: { level1: 15, level2: 22 } },
    });
    const job = await call<{ id: string }>(t, national, 'POST', '/api/assessment/rescore', {
      modelVersionId: loaded.id,
      roundId: round.id,
    });
    await t.database.db
      .updateTable('job')
      .set({ params: JSON.stringify({ modelVersionId: loaded.id, roundId: round.id, chunkSize: 10 }) })
      .where('id', '=', job.id)
      .execute();
    await new JobRunner({ database: t.database }).runOne({ jobId: job.id });
    const done = await call<{ status: string; done: number; total: number; result: { scored: number } }>(
      t,
      national,
      'GET',
      `/api/jobs/${job.id}`,
    );
    expect(done).toMatchObject({ status: 'succeeded', done: 25, total: 25, result: { scored: 25 } });
    const scores = await t.database.db
      .selectFrom('assessment_score')
      .select(['score', 'level'])
      .where('model_version_id', '=', loaded.id)
      .execute();
    expect(scores).toHaveLength(25);
    for (const s of scores) expect(s.level).toBe(s.score <= 15 ? 1 : s.score <= 22 ? 2 : null);

    // Resuming: a run stopped before the round's last table block only scores that block.
    const placed = await sql<{ id: string; block: number }>`
      SELECT id, (ctid::text::point)[0]::int AS block FROM assessment WHERE round_id = ${round.id}`.execute(
      t.database.db,
    );
    const lastBlock = Math.max(...placed.rows.map((r) => r.block));
    const before = placed.rows.filter((r) => r.block < lastBlock).length;
    const again = await call<{ id: string }>(t, national, 'POST', '/api/assessment/rescore', {
      modelVersionId: loaded.id,
      roundId: round.id,
    });
    await t.database.db
      .updateTable('job')
      .set({ checkpoint: JSON.stringify({ nextBlock: lastBlock, done: before }), progress_done: before })
      .where('id', '=', again.id)
      .execute();
    const marker = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await new JobRunner({ database: t.database }).runOne({ jobId: again.id });
    const rescored = await t.database.db
      .selectFrom('assessment_score')
      .select('assessment_id')
      .where('model_version_id', '=', loaded.id)
      .where('scored_at', '>', marker)
      .execute();
    expect(rescored.map((r) => r.assessment_id).sort()).toEqual(
      placed.rows
        .filter((r) => r.block === lastBlock)
        .map((r) => r.id)
        .sort(),
    );
    expect(before).toBeGreaterThan(0);
    const resumed = await call<{ done: number; result: { scored: number } }>(
      t,
      national,
      'GET',
      `/api/jobs/${again.id}`,
    );
    expect(resumed).toMatchObject({ done: 25, result: { scored: 25 } });
  });
});
