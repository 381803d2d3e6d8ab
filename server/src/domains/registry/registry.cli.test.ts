import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-cli-'));
const env = {
  ...process.env,
  MLOB_DATA_DIR: path.join(dir, 'data'),
  DATABASE_URL: '',
  MLOB_LOG_LEVEL: 'silent' as const,
};
delete (env as Record<string, string | undefined>).DATABASE_URL;

function mlob(...args: string[]) {
  const result = spawnSync('npx', ['tsx', 'server/src/cli/main.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The command-line contract outside tools rely on: exit codes, report file, one summary line. */
describe('mlob import / generate / dedup / export (embedded database)', () => {
  it('keeps its exit codes, report and summary line', () => {
    const out = path.join(dir, 'gen');
    const generated = mlob('generate', '--households', '60', '--seed', 'cli', '--out', out);
    expect(generated.code, generated.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, 'duplicates-truth.csv'))).toBe(true);

    const ok = mlob(
      'import',
      '--households',
      path.join(out, 'households.csv'),
      '--members',
      path.join(out, 'members.csv'),
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^imported 60, updated 0, unchanged 0, rejected 0 households/),
    ]);
    const again = mlob(
      'import',
      '--households',
      path.join(out, 'households.csv'),
      '--members',
      path.join(out, 'members.csv'),
    );
    expect(again.stdout).toMatch(/^imported 0, updated 0, unchanged 60, rejected 0/);

    const bad = path.join(dir, 'bad-households.csv');
    fs.writeFileSync(bad, 'household_ref,village_code,address,phone\nCLI-BAD,99999999,,\n');
    const report = path.join(dir, 'report.csv');
    const rejected = mlob(
      'import',
      '--households',
      bad,
      '--members',
      path.join(out, 'members.csv'),
      '--report',
      report,
    );
    expect(rejected.code).toBe(3);
    const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,row,column,value,reason');
    expect(lines).toContain('households.csv,2,village_code,99999999,unknown village code');

    const unreadable = mlob(
      'import',
      '--households',
      path.join(dir, 'missing.csv'),
      '--members',
      path.join(out, 'members.csv'),
    );
    expect(unreadable.code).toBe(2);

    const pairs = path.join(dir, 'pairs.csv');
    expect(mlob('dedup', '--out', pairs).code).toBe(0);
    expect(fs.readFileSync(pairs, 'utf8').split('\n')[0]).toBe('member_ref_a,member_ref_b,score,reasons');

    const exported = path.join(dir, 'members.csv');
    expect(mlob('export', 'members', '--out', exported, '--area', '12').code).toBe(0);
    expect(fs.readFileSync(exported, 'utf8').split('\n')[0]).toMatch(
      /^member_ref,household_ref,family_name_km/,
    );
  }, 600_000);
});
