import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type SqlBool, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { notFound } from '../../../platform/errors';
import { areaScopeCondition, isAreaInScope, isAreaVisible } from '../../../platform/scope';
import { searchMembers } from '../household.service';
import { MEMBER_COLUMNS } from '../import/import-files';
import { displayBirthDate } from '../registry.presenter';

/** Extra columns after the import format's own (ignored by a re-import). */
export const EXPORT_EXTRA_COLUMNS = ['village_code', 'status', 'death_date'] as const;
export const EXPORT_COLUMNS = [...MEMBER_COLUMNS, ...EXPORT_EXTRA_COLUMNS];

/**
 * A value a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets
 * a leading apostrophe, so an exported name can never execute in Excel or LibreOffice.
 * Phone numbers written +855… keep their meaning but are neutralised like the rest.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** At most this many people are exported from a search (the search pages up to 10,000). */
export const SEARCH_EXPORT_LIMIT = 10_000;

export interface ExportOptions {
  database: Database;
  actor: Actor;
  area?: string | undefined;
  /** A search text: export the people the search finds (as the search page shows them). */
  q?: string | undefined;
}

/** Ids of the members a search finds, page by page, within scope. */
async function searchResultIds(options: ExportOptions & { q: string }): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < SEARCH_EXPORT_LIMIT; offset += 200) {
    const page = await searchMembers({
      database: options.database,
      actor: options.actor,
      query: { q: options.q, area: options.area, limit: 200, offset },
    });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.hasMore) break;
  }
  return ids;
}

/**
 * Active and deceased members of an area, or of a search result, within scope, as rows in the
 * import format plus extras.
 */
export async function exportMemberRows(options: ExportOptions) {
  const { actor, area } = options;
  if (area && !isAreaInScope(actor.scope, area) && !isAreaVisible(actor.scope, area))
    throw notFound(`Area ${area}`);
  const q = options.q?.trim();
  const ids = q ? await searchResultIds({ ...options, q }) : undefined;
  if (ids && ids.length === 0) return [];
  let query = options.database.db
    .selectFrom('member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select([
      'm.member_ref',
      'h.household_ref',
      'm.family_name_km',
      'm.given_name_km',
      'm.family_name_latin',
      'm.given_name_latin',
      'm.sex',
      'm.birth_date',
      'm.birth_precision',
      'm.relation_to_head',
      'm.national_id',
      'm.phone',
      'm.disability',
      'm.chronic_illness',
      'h.village_code',
      'm.status',
      'm.death_date',
    ])
    .where((eb) => areaScopeCondition(eb, 'h.village_code', actor.scope))
    .where('m.status', 'in', ['active', 'deceased']);
  if (area) query = query.where(sql<SqlBool>`h.village_code LIKE ${`${area}%`}`);
  if (ids) query = query.where('m.id', 'in', ids);
  const rows = await query.orderBy('h.household_ref').orderBy('m.member_ref').execute();
  return rows.map((r) =>
    [
      r.member_ref,
      r.household_ref,
      r.family_name_km,
      r.given_name_km,
      r.family_name_latin ?? '',
      r.given_name_latin ?? '',
      r.sex,
      displayBirthDate(r.birth_date, r.birth_precision) ?? '',
      r.relation_to_head,
      r.national_id ?? '',
      r.phone ?? '',
      r.disability.join(';'),
      r.chronic_illness === null ? '' : String(r.chronic_illness),
      r.village_code,
      r.status,
      r.death_date ?? '',
    ].map((v) => neutraliseFormula(String(v))),
  );
}

export async function exportMembersCsv(options: ExportOptions) {
  return stringify(await exportMemberRows(options), { header: true, columns: EXPORT_COLUMNS });
}

export async function exportMembersXlsx(options: ExportOptions) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('members');
  sheet.addRow(EXPORT_COLUMNS);
  // Every cell is text: codes keep their leading zeros and nothing is read as a formula.
  for (const row of await exportMemberRows(options)) sheet.addRow(row);
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
