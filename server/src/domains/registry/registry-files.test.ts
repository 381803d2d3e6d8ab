import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../platform/jobs/job-runner';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { detectDuplicates } from './dedup/dedup.service';
import { neutraliseFormula } from './export/export.service';

const H = 'household_ref,village_code,address,phone';
const M =
  'member_ref,household_ref,family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,relation_to_head,national_id,phone,disability,chronic_illness';

describe('formula neutralisation', () => {
  it('prefixes values a spreadsheet would run', () => {
    for (const v of ['=1+1', '+855', '-2', '@SUM(A1)', '\tx']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(neutraliseFormula('សុខ')).toBe('សុខ');
  });
});

describe.each(ENGINES)('registry files and duplicates on %s', (engine) => {
  let t: TestApp;
  let national: { cookie: string };
  let province: { cookie: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    national = (await t.signedIn({ role: 'national_officer' })).headers;
    province = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
  });
  afterAll(async () => t?.close());

  async function upload(headers: { cookie: string }, payload: Record<string, unknown>) {
    const r = await t.app.inject({ method: 'POST', url: '/api/registry/imports', headers, payload });
    if (r.statusCode !== 202) return { status: r.statusCode, body: r.json() as Record<string, unknown> };
    // The upload only reads the files: the job checks and writes them, with its progress.
    expect(r.json()).toMatchObject({ status: 'running', phase: null, issues: 0, imported: 0 });
    await new JobRunner({ database: t.database }).drain();
    const run = await t.app.inject({ method: 'GET', url: `/api/registry/imports/${r.json().id}`, headers });
    const job = await t.app.inject({ method: 'GET', url: `/api/jobs/${r.json().jobId}`, headers });
    return {
      status: 202,
      body: run.json() as Record<string, unknown>,
      job: job.json() as Record<string, unknown>,
    };
  }

  it('imports an upload as a job with progress, and serves the report; a province officer cannot import elsewhere', async () => {
    const households = `${H}\nUP-1,02010101,,\nUP-2,12010101,,\n`;
    const members = `${M}\nUP-1a,UP-1,សុខ,ដារា,Sok,Dara,M,1980,head,,,,\nUP-2a,UP-2,ចាន់,ធីតា,Chan,Thida,F,1990,head,,,,\n`;
    const r = await upload(province, { householdsCsv: households, membersCsv: members, fileName: 'test' });
    expect(r.body).toMatchObject({ status: 'partial', imported: 1, rejected: 1 });
    expect(r.job).toMatchObject({ status: 'succeeded', done: 1, total: 1 });
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${r.body.id}/report.csv`,
      headers: province,
    });
    expect(report.body).toContain('households.csv,3,village_code,12010101,village outside your area');
    // The same report in Khmer, and the problems page by page with their codes, for the web.
    const khmer = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${r.body.id}/report.csv?lang=km`,
      headers: province,
    });
    expect(khmer.body).toContain('households.csv,3,village_code,12010101,ភូមិនេះនៅក្រៅតំបន់របស់អ្នក');
    expect(khmer.headers['content-disposition']).toMatch(/-km\.csv"$/);
    const issues = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${r.body.id}/issues?limit=10`,
      headers: province,
    });
    expect(issues.json()).toEqual({
      total: 1,
      items: [
        {
          id: expect.any(Number),
          file: 'households.csv',
          row: 3,
          column: 'village_code',
          value: '12010101',
          reason: 'village outside your area',
          reasonCode: 'outside_area',
          reasonArgs: {},
        },
      ],
    });
    // Someone else's run, its report and its problems read as not found.
    const other = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
    for (const url of ['', '/report.csv', '/issues']) {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/registry/imports/${r.body.id}${url}`,
            headers: other,
          })
        ).statusCode,
      ).toBe(404);
    }
  });

  it('imports one XLSX workbook with two sheets, keeping leading zeros of codes', async () => {
    const workbook = new ExcelJS.Workbook();
    const hs = workbook.addWorksheet('households');
    hs.addRow(H.split(','));
    hs.addRow(['XL-1', '02010101', 'House 1', '']);
    const ms = workbook.addWorksheet('members');
    ms.addRow(M.split(','));
    ms.addRow(['XL-1a', 'XL-1', 'កែវ', 'សុភា', 'Keo', 'Sophea', 'F', '1975-04', 'head', '', '', '', 'false']);
    const xlsxBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const r = await upload(national, { xlsxBase64, fileName: 'book.xlsx' });
    expect(r.body).toMatchObject({ status: 'succeeded', imported: 1 });
  });

  it('exports within scope in the import format with formulas neutralised, as CSV and XLSX', async () => {
    const households = `${H}\nEX-1,02010101,,\nEX-2,12010101,,\n`;
    const members = `${M}\nEX-1a,EX-1,សុខ,ដារា,Sok,Dara,M,1980-05,head,,,,\nEX-2a,EX-2,ចាន់,ធីតា,Chan,Thida,F,1990,head,,,,\n`;
    await upload(national, { householdsCsv: households, membersCsv: members });
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?area=02',
      headers: province,
    });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]?.startsWith(M)).toBe(true);
    expect(lines.some((l) => l.startsWith('EX-1a,EX-1,សុខ,ដារា,Sok,Dara,M,1980-05,head'))).toBe(true);
    expect(lines.some((l) => l.startsWith('EX-2a'))).toBe(false);
    const out = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?area=12',
      headers: province,
    });
    expect(out.statusCode).toBe(404);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/registry/export/members?area=020101&format=xlsx',
      headers: province,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('members')?.getRow(1).getCell(1).text).toBe('member_ref');
  });

  it('finds a person registered twice, merges them reversibly, and keeps history', async () => {
    const households = `${H}\nDU-1,02010101,,\nDU-2,02010102,,\nDU-3,02010101,,\n`;
    const members = [
      M,
      'DU-1a,DU-1,ឈួន,ស្រីមុំ,Chhuon,Sreymom,F,1988-03-12,head,,,,',
      'DU-1b,DU-1,ពៅ,ដារា,Pov,Dara,M,1985,spouse,,,,',
      `DU-2a,DU-2,ឈួន,ស្រី\u200Bមុំ,Chuon,Srey Mom,F,1988,head,,,,`,
      'DU-3a,DU-3,លី,វណ្ណា,Ly,Vanna,M,1960,head,,,,',
    ].join('\n');
    await upload(national, { householdsCsv: households, membersCsv: `${members}\n` });
    await detectDuplicates({ database: t.database });
    const queue = await t.app.inject({ method: 'GET', url: '/api/registry/duplicates', headers: province });
    const items = queue.json().items as {
      id: number;
      a: { memberRef: string };
      b: { memberRef: string };
      reasons: string[];
    }[];
    const pair = items.find((i) => [i.a.memberRef, i.b.memberRef].sort().join() === 'DU-1a,DU-2a');
    expect(pair?.reasons).toContain('same_khmer_name');
    expect(items.some((i) => [i.a.memberRef, i.b.memberRef].includes('DU-3a'))).toBe(false);
    const survivor = pair?.a.memberRef === 'DU-1a' ? 'a' : 'b';
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/registry/duplicates/${pair?.id}/decision`,
      headers: province,
      payload: { decision: 'merge', reason: 'same person', survivor },
    });
    expect(merged.json().status).toBe('merged');
    const gone = await t.database.db
      .selectFrom('household')
      .select('status')
      .where('household_ref', '=', 'DU-2')
      .executeTakeFirstOrThrow();
    expect(gone.status).toBe('dissolved');
    const undone = await t.app.inject({
      method: 'POST',
      url: `/api/registry/duplicates/${pair?.id}/decision`,
      headers: province,
      payload: { decision: 'unmerge', reason: 'they are sisters' },
    });
    expect(undone.json().status).toBe('open');
    const back = await t.database.db
      .selectFrom('member')
      .innerJoin('household', 'household.id', 'member.household_id')
      .select(['member.status', 'member.relation_to_head', 'household.status as household_status'])
      .where('member_ref', '=', 'DU-2a')
      .executeTakeFirstOrThrow();
    expect(back).toEqual({ status: 'active', relation_to_head: 'head', household_status: 'active' });
    const versions = await t.database.db
      .selectFrom('member_history')
      .select('status')
      .where('member_ref', '=', 'DU-2a')
      .execute();
    expect(versions.map((v) => v.status)).toEqual(['active', 'merged_away']);
  });
});
