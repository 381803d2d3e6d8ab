import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { SYSTEM_ACTOR } from '../../../platform/actor';
import { createTestDatabase, ENGINES } from '../../../testing/test-database';
import { runImport, runScore } from '../labs.cli';
import { importChecklist, loadChecklistModel } from './checklist.service';
import { parseChecklistText } from './checklist-file';
import { scoreAudit } from './scoring';
import { allYes, SLIPTA_V2_FILE, V3_FIXTURE_FILE } from './test-helpers';

const audit = { actor: SYSTEM_ACTOR };
const realText = fs.readFileSync(SLIPTA_V2_FILE, 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-labs-'));
function tmpFile(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe.each(ENGINES)('checklist import on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  const versionCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('lab_checklist_version')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('loads nothing from a malformed file and names the path', async () => {
    const broken = JSON.parse(realText);
    broken.sections[4].questions[0].answers = ['yes', 'maybe'];
    const outcome = await importChecklist({
      database,
      audit,
      text: JSON.stringify(broken),
      shouldAcceptInconsistencies: true,
    });
    expect(outcome.status).toBe('malformed');
    if (outcome.status === 'malformed')
      expect(outcome.problems[0]!.path).toEqual(['$.sections[4].questions[0].answers[1]']);
    expect(await versionCount()).toBe(0);
  });

  it('refuses the inconsistent real file unless the inconsistencies are accepted, then stores them', async () => {
    const refused = await importChecklist({
      database,
      audit,
      text: realText,
      shouldAcceptInconsistencies: false,
    });
    expect(refused).toMatchObject({ status: 'inconsistent' });
    expect(await versionCount()).toBe(0);
    const loaded = await importChecklist({
      database,
      audit,
      text: realText,
      shouldAcceptInconsistencies: true,
    });
    expect(loaded.status).toBe('loaded');
    if (loaded.status !== 'loaded') return;
    const version = await database.db
      .selectFrom('lab_checklist_version')
      .selectAll()
      .where('id', '=', loaded.versionId)
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ total_points: 273, declared_total_points: 275 });
    expect(version.inconsistencies).toHaveLength(4);
    const item = await database.db
      .selectFrom('lab_checklist_item')
      .selectAll()
      .where('version_id', '=', loaded.versionId)
      .where('id', '=', '10.4')
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ points: 3, short_en: 'Effectiveness checked before closure' });
    expect(item.short_km).toMatch(/ប្រសិទ្ធភាព/);
    expect(item.text).toMatch(/^Are implemented corrective actions monitored/);

    // The stored model scores exactly like the file.
    const stored = await loadChecklistModel(database, loaded.versionId);
    const fromFile = parseChecklistText(realText);
    if (!fromFile.isWellFormed) throw new Error('well-formed');
    expect(stored).toEqual(fromFile.model);
    expect(scoreAudit(stored, allYes(stored))).toMatchObject({ points: 273, stars: 5 });

    // Loading the same file again is a no-op; a changed file under the same version is refused.
    expect(
      (await importChecklist({ database, audit, text: realText, shouldAcceptInconsistencies: true })).status,
    ).toBe('already_loaded');
    const changed = JSON.parse(realText);
    changed.sections[0].questions[0].points = 3;
    await expect(
      importChecklist({ database, audit, text: JSON.stringify(changed), shouldAcceptInconsistencies: true }),
    ).rejects.toThrow(/already loaded from a different file/);
  });

  it('keeps a loaded version immutable', async () => {
    await expect(
      sql`UPDATE lab_checklist_item SET points = 99 WHERE id = '1.1'`.execute(database.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM lab_checklist_version`.execute(database.db)).rejects.toThrow(/immutable/);
  });

  it('loads a SLIPTA v3-shaped file beside v2', async () => {
    const text = fs.readFileSync(V3_FIXTURE_FILE, 'utf8');
    const loaded = await importChecklist({ database, audit, text, shouldAcceptInconsistencies: false });
    expect(loaded.status).toBe('loaded');
    expect(await versionCount()).toBe(2);
  });
});

describe('mlob labs CLI contract', () => {
  it('score prints the documented JSON shape', () => {
    const parsed = parseChecklistText(realText);
    if (!parsed.isWellFormed) throw new Error('well-formed');
    const direct = { ...allYes(parsed.model), '9.4': 'na', '1.1': 'partial' };
    const outcome = runScore({ checklist: SLIPTA_V2_FILE, answers: tmpFile('a2.json', direct) });
    expect(outcome.exitCode).toBe(0);
    const printed = JSON.parse(outcome.stdout[0]!);
    expect(Object.keys(printed)).toEqual(['points', 'maxPoints', 'percent', 'stars', 'sections']);
    expect(printed).toMatchObject({ points: 270, maxPoints: 271, percent: 99.63, stars: 5 });
    expect(Object.keys(printed.sections[0])).toEqual(['number', 'points', 'maxPoints', 'percent']);
    expect(printed.sections).toHaveLength(12);
  });

  it('score exits 2 naming an unknown question id or answer', () => {
    const outcome = runScore({
      checklist: SLIPTA_V2_FILE,
      answers: tmpFile('bad.json', { '13.1': 'yes', '1.1': 'Y' }),
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr.join('\n')).toMatch(/unknown question id "13.1"/);
    expect(outcome.stderr.join('\n')).toMatch(/1\.1: unknown answer "Y"/);
  });

  it('import exits 3 listing every inconsistency, 2 for a malformed file, before touching any database', async () => {
    const inconsistent = await runImport({ file: SLIPTA_V2_FILE, shouldAcceptInconsistencies: false });
    expect(inconsistent.exitCode).toBe(3);
    expect(inconsistent.stdout).toHaveLength(4);
    const malformed = await runImport({
      file: tmpFile('broken.json', '{"checklist": "SLIPTA"}'),
      shouldAcceptInconsistencies: true,
    });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr.join('\n')).toMatch(/\$\.version: /);
  });

  it('runs as a real process with the documented exit codes', async () => {
    const run = promisify(execFile);
    const cli = path.resolve('server/src/cli/main.ts');
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, MLOB_DATA_DIR: path.join(tmp, 'pglite') };
    const exitOf = async (args: string[]) => {
      try {
        const { stdout } = await run('npx', ['tsx', cli, ...args], { env });
        return { code: 0, stdout };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    expect((await exitOf(['labs', 'checklist', 'import', SLIPTA_V2_FILE])).code).toBe(3);
    const loaded = await exitOf(['labs', 'checklist', 'import', SLIPTA_V2_FILE, '--accept-inconsistencies']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/loaded SLIPTA 2 \(2015\)/);
    const bad = await exitOf([
      'labs',
      'score',
      '--checklist',
      SLIPTA_V2_FILE,
      '--answers',
      tmpFile('b.json', { x: 'yes' }),
    ]);
    expect(bad.code).toBe(2);
  }, 120_000);
});
