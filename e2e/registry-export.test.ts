import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { ensureGazetteer } from '../server/src/domains/geography';
import { SYSTEM_ACTOR } from '../server/src/platform/actor';
import {
  DOCUMENTED_EXPORT_HEADER,
  isBrowserAvailable,
  launchBrowser,
  login,
  openPage,
  type RunningServer,
  startServer,
  switchToEnglish,
} from './support';

/** The household phone every test household shares, so one search finds all three people. */
const SHARED_PHONE = '0979990001';
const IN_SCOPE_VILLAGE = '02010101'; // commune 020101: the demo commune officer's
const OUT_OF_SCOPE_VILLAGE = '02010201'; // commune 020102, same province

/**
 * Values a spreadsheet would run, each in a different exported column of one member. Every
 * form and the import refuse them, so they are written straight to the tables.
 */
const FORMULAS = {
  family_name_latin: '=HYPERLINK("http://x","y")',
  given_name_latin: '@SUM(1+1)',
  given_name_km: '\tធីតា',
  national_id: '-2+3',
  phone: '+85512000111',
} as const;

/**
 * Writes the test people into a fresh PGlite data folder before the server opens it (the
 * embedded engine has one writer, and the journeys' server never uses DATABASE_URL): migrated
 * and with the gazetteer (households need their villages); the server loads the rest of the
 * reference data and seeds the demo users when it starts on it.
 */
async function prepareDatabase(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    await ensureGazetteer({ database, audit: { actor: SYSTEM_ACTOR } });
    await database.db.transaction().execute(async (trx) => {
      const change = await trx
        .insertInto('registry_change')
        .values({ kind: 'e2e', source: 'seed', actor_kind: 'system', reason: 'export journey data' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const household = async (ref: string, villageCode: string) =>
        (
          await trx
            .insertInto('household')
            .values({
              household_ref: ref,
              village_code: villageCode,
              phones: [SHARED_PHONE],
              change_id: change.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const inScope = await household('XP-IN', IN_SCOPE_VILLAGE);
      const outOfScope = await household('XP-OUT', OUT_OF_SCOPE_VILLAGE);
      const person = { sex: 'F', birth_date: '1984-01-01', birth_precision: 'year', change_id: change.id };
      await trx
        .insertInto('member')
        .values([
          {
            ...person,
            member_ref: 'XP-IN-1',
            household_id: inScope,
            family_name_km: 'កែវ',
            relation_to_head: 'head',
            ...FORMULAS,
          },
          {
            ...person,
            member_ref: 'XP-IN-2',
            household_id: inScope,
            family_name_km: 'កែវ',
            given_name_km: 'សុផល',
            family_name_latin: 'Keo',
            given_name_latin: 'Sophal',
            relation_to_head: 'child',
            birth_date: '2012-01-01',
          },
          {
            ...person,
            member_ref: 'XP-OUT-1',
            household_id: outOfScope,
            family_name_km: 'ចាន់',
            given_name_km: 'ស្រីពៅ',
            family_name_latin: 'Chan',
            given_name_latin: 'Sreypov',
            relation_to_head: 'head',
          },
        ])
        .execute();
    });
  } finally {
    await database.close();
  }
}

/** Clicks an export link and returns the downloaded file's bytes and suggested name. */
async function download(page: Page, linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const filePath = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(filePath) };
}

/** The sheet's rows as strings, plus every cell that is not plain text (a formula, a number, …). */
async function readWorkbook(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('members');
  if (!sheet) throw new Error('the workbook has no members sheet');
  const rows: string[][] = [];
  const nonText: string[] = [];
  sheet.eachRow((row) => {
    const values: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      const cell = row.getCell(column);
      const isText = cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Null;
      if (!isText || cell.formula !== undefined) nonText.push(`${cell.address} (type ${cell.type})`);
      values.push(cell.value === null ? '' : String(cell.value));
    }
    rows.push(values);
  });
  return { rows, nonText };
}

/** The data rows by member_ref, with each value under its column's name. */
function byMemberRef(rows: string[][]): Map<string, Record<string, string>> {
  const [header = [], ...data] = rows;
  return new Map(
    data.map((row) => [row[0] ?? '', Object.fromEntries(header.map((column, i) => [column, row[i] ?? '']))]),
  );
}

/** Asserts what both files must show: the columns, the neutralised formulas, scope and search. */
function expectExport(rows: string[][], file: string): void {
  expect(rows[0], `${file}: header`).toEqual(DOCUMENTED_EXPORT_HEADER);
  const members = byMemberRef(rows);
  // The search's people in scope, and no one else: not the other commune's, not the demo data.
  expect([...members.keys()].sort(), `${file}: members`).toEqual(['XP-IN-1', 'XP-IN-2']);
  expect(members.has('XP-OUT-1'), `${file}: out-of-scope member`).toBe(false);
  // Each formula-like value gets the leading apostrophe export.service.ts's neutraliseFormula adds.
  const head = members.get('XP-IN-1');
  for (const [column, value] of Object.entries(FORMULAS)) {
    expect(head?.[column], `${file}: ${column}`).toBe(`'${value}`);
  }
  // Plain values are left alone.
  expect(members.get('XP-IN-2')?.family_name_latin, `${file}: plain value`).toBe('Keo');
  const runnable = rows.flat().filter((value) => /^[=+\-@\t\r]/.test(value));
  expect(runnable, `${file}: values a spreadsheet would run`).toEqual([]);
}

/** Issue: export links of the search page, for an area-scoped officer, in real Chromium. */
describe.skipIf(!isBrowserAvailable())('registry export journey', () => {
  let dataDir = '';
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-e2e-export-'));
    await prepareDatabase(dataDir);
    server = await startServer({ env: { MLOB_DATA_DIR: dataDir } });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a commune officer exports a search as CSV and XLSX: import columns, formulas neutralised, scope kept', async () => {
    if (!browser || !server) throw new Error('the journey has not started');
    const { page } = await openPage(browser, server);
    await login(page, 'commune');
    await switchToEnglish(page);
    await page.goto('/registry');
    await page.getByLabel('Name, ID, phone or reference').fill('097 999 0001');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: 'XP-IN', exact: true }).first().waitFor();
    // The screen already keeps the other commune's household out.
    expect(await page.getByRole('cell', { name: 'XP-OUT', exact: true }).count()).toBe(0);

    const csvFile = await download(page, 'Download CSV');
    expect(csvFile.name).toMatch(/\.csv$/);
    const csvRows: string[][] = parse(csvFile.bytes.toString('utf8'), { bom: true });
    expectExport(csvRows, 'CSV');

    const xlsxFile = await download(page, 'Download Excel (XLSX)');
    expect(xlsxFile.name).toMatch(/\.xlsx$/);
    const workbook = await readWorkbook(xlsxFile.bytes);
    expectExport(workbook.rows, 'XLSX');
    // Every cell is a plain string: none is a formula (nor a number that lost a leading zero).
    expect(workbook.nonText).toEqual([]);
  }, 60_000);
});
