import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { JobContext, JobProgress } from '../../platform/jobs/job-kinds';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { type EnrolJobParams, enrolJob } from './enrolment.job';
import { COVID_VERSION } from './programmes.seed';
import { activateVersion, createProgramme } from './programmes.service';
import { insertHousehold } from './testing/fixtures';

type Checkpoint = Parameters<typeof enrolJob.run>[0]['checkpoint'];

/** Runs the job handler in-process; `crashAfter` chunks commit, then the next one fails mid-way. */
async function runJob(
  database: Database,
  params: EnrolJobParams,
  checkpoint: Checkpoint,
  crashAfter?: number,
) {
  let saved: Checkpoint = checkpoint;
  let chunks = 0;
  const ctx: JobContext<EnrolJobParams, NonNullable<Checkpoint>> = {
    jobId: '00000000-0000-4000-8000-000000000001',
    params,
    checkpoint,
    database,
    actor: SYSTEM_ACTOR,
    signal: new AbortController().signal,
    async saveProgress(_trx, progress: JobProgress<NonNullable<Checkpoint>>) {
      if (progress.done > 0) chunks += 1;
      if (crashAfter !== undefined && chunks > crashAfter) throw new Error('simulated crash');
      saved = progress.checkpoint;
    },
    reportProgress: async () => undefined,
  };
  try {
    return { result: await enrolJob.run(ctx), saved };
  } catch {
    return { result: null, saved };
  }
}

describe.each(ENGINES)('enrolment job resumes after a crash on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('a run stopped mid-way and resumed ends exactly as an uninterrupted run', async () => {
    const village = '02010201';
    // Chunks are ranges of the household table's blocks: 60 other households between two
    // of ours put each on its own block, so the run has many chunks to stop between.
    const filler = await database.db
      .insertInto('registry_change')
      .values({ kind: 'fixture', source: 'seed', actor_kind: 'system', actor_id: 'test', reason: 'filler' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 12; i += 1) {
      await sql`INSERT INTO household (household_ref, village_code, change_id)
        SELECT 'FILL-' || ${i} || '-' || g, '02010101', ${filler.id}::uuid FROM generate_series(1, 60) g`.execute(
        database.db,
      );
      await insertHousehold(database, { villageCode: village, card: i % 3 === 0 ? undefined : { level: 1 } });
    }
    const audit = { actor: SYSTEM_ACTOR };
    const versions: string[] = [];
    for (const code of ['resume-a', 'resume-b']) {
      await createProgramme({
        database,
        audit,
        input: {
          code,
          name: { en: code, km: code },
          description: { en: '', km: '' },
          version: {
            ...COVID_VERSION,
            effectiveFrom: '2026-01-01',
            effectiveUntil: null,
            eligibilityRule: `card_status = 'active' and village = '${village}'`,
          },
        },
      });
      await activateVersion({ database, audit, code, version: 1 });
      const v = await database.db
        .selectFrom('programme_version as v')
        .innerJoin('programme as p', 'p.id', 'v.programme_id')
        .select('v.id')
        .where('p.code', '=', code)
        .executeTakeFirstOrThrow();
      versions.push(v.id);
    }
    const params = (versionId: string): EnrolJobParams => ({ versionId, enrolAs: 'enrolled', chunkSize: 10 });
    const crashed = await runJob(database, params(versions[0]!), null, 1);
    expect(crashed.result).toBeNull();
    expect(crashed.saved?.nextBlock).toBeGreaterThan(0);
    const resumed = await runJob(database, params(versions[0]!), crashed.saved);
    const straight = await runJob(database, params(versions[1]!), null);
    expect(resumed.result?.counts).toEqual(straight.result?.counts);
    expect(resumed.result?.counts).toEqual({ enrolled: 8 });
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enrolment_run`.execute(database.db);
    expect(rows.rows[0]!.n).toBe(2);
    const history = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enrolment_history`.execute(
      database.db,
    );
    expect(history.rows[0]!.n).toBe(0);
  });
});
