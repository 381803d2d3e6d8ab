import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { AppError, notFound } from '../../../platform/errors';
import { todayInCambodia } from '../../geography';
import { applyBatch, type BatchCounts, planBatches } from './import-apply';
import {
  dropStagedFiles,
  type FileIssue,
  type ImportSource,
  indexStagedFiles,
  stageFile,
} from './import-files';
import { validateStaged } from './import-validate';

export const IMPORT_BATCH_SIZE = 5000;

/** A pair of files to import: two CSV sources, or one XLSX workbook with two sheets. */
export type ImportInput =
  | { households: ImportSource; members: ImportSource; householdsName: string; membersName: string }
  | { xlsx: Buffer; name: string };

export interface ImportSummary {
  runId: string;
  status: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  members: number;
  issues: number;
}

/**
 * Opens an import run and stages and validates its files: after this, every problem is in
 * import_issue and the valid households wait in staging for the import job to write them.
 * Throws bad_request when a file cannot be read at all (missing, not UTF-8, no header).
 */
export async function prepareImport(options: { database: Database; actor: Actor; input: ImportInput }) {
  const { database, actor } = options;
  const input =
    'xlsx' in options.input ? await sheetsOf(options.input.xlsx, options.input.name) : options.input;
  const run = await database.db
    .insertInto('import_run')
    .values({
      households_file: input.householdsName,
      members_file: input.membersName,
      created_by_kind: actor.kind,
      created_by: actor.kind === 'system' ? null : actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const issues: FileIssue[] = [];
    const households = await stageFile({
      database,
      runId: run.id,
      kind: 'households',
      source: input.households,
    });
    const members = await stageFile({ database, runId: run.id, kind: 'members', source: input.members });
    issues.push(...households.issues, ...members.issues);
    if (issues.length > 0) {
      await database.db
        .insertInto('import_issue')
        .values(
          issues.map((i) => ({
            import_run_id: run.id,
            file: i.file,
            row_number: i.row,
            column_name: i.column,
            value: i.value,
            reason: i.reason,
            household_ref: i.householdRef,
          })),
        )
        .execute();
    }
    await indexStagedFiles(database, run.id);
    await validateStaged(database, run.id, {
      today: todayInCambodia(),
      scopeAreaCodes: actor.scope.kind === 'areas' ? actor.scope.areaCodes : null,
    });
    await database.db
      .updateTable('import_run')
      .set({ members_total: members.rows })
      .where('id', '=', run.id)
      .execute();
  } catch (error) {
    await dropStagedFiles(database, run.id);
    await database.db
      .updateTable('import_run')
      .set({ status: 'failed', finished_at: new Date() })
      .where('id', '=', run.id)
      .execute();
    throw error;
  }
  return { runId: run.id };
}

export interface ApplyImportOptions {
  database: Database;
  actor: Actor;
  runId: string;
  /** First batch to write (a resumed job passes its checkpoint). */
  fromBatch?: number;
  batchSize?: number;
  /** Called in each batch's transaction after it is written; the job saves progress here. */
  onBatch?: (
    trx: Transaction<DB>,
    progress: { batch: number; batches: number; done: number; total: number },
  ) => Promise<void>;
}

/**
 * Writes the valid households of a prepared run, one transaction per batch, so an import
 * stopped mid-way leaves whole households only and resumes at the next batch.
 */
export async function applyImport(options: ApplyImportOptions): Promise<ImportSummary> {
  const { database, runId } = options;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const run = await database.db
    .selectFrom('import_run')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw notFound(`Import run ${runId}`);
  const okExists = await sql<{
    ok: string | null;
  }>`SELECT to_regclass(${`reg_stage_${runId.replace(/-/g, '')}_h_ok`}) AS ok`.execute(database.db);
  const plan =
    options.fromBatch && okExists.rows[0]?.ok
      ? await countPlanned(database, runId, batchSize)
      : await planBatches(database, runId, batchSize);
  for (let batch = options.fromBatch ?? 0; batch < plan.batches; batch++) {
    await database.db.transaction().execute(async (trx) => {
      const change = await trx
        .insertInto('registry_change')
        .values({
          kind: 'import',
          source: 'import',
          actor_kind: options.actor.kind,
          actor_id: options.actor.kind === 'system' ? null : options.actor.id,
          reason: `import of ${run.households_file} and ${run.members_file}, batch ${batch + 1} of ${plan.batches}`,
          import_run_id: runId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const counts: BatchCounts = await applyBatch(trx, { runId, batch, changeId: change.id });
      await trx
        .updateTable('import_run')
        .set((eb) => ({
          households_imported: eb('households_imported', '+', counts.imported),
          households_updated: eb('households_updated', '+', counts.updated),
          households_unchanged: eb('households_unchanged', '+', counts.unchanged),
        }))
        .where('id', '=', runId)
        .execute();
      await options.onBatch?.(trx, {
        batch,
        batches: plan.batches,
        done: Math.min(plan.households, (batch + 1) * batchSize),
        total: plan.households,
      });
    });
  }
  return finishImport(database, runId);
}

async function countPlanned(database: Database, runId: string, batchSize: number) {
  const table = sql.table(`reg_stage_${runId.replace(/-/g, '')}_h_ok`);
  const row = await sql<{ households: number }>`SELECT count(*)::int AS households FROM ${table}`.execute(
    database.db,
  );
  const households = row.rows[0]?.households ?? 0;
  return { households, batches: Math.ceil(households / batchSize) };
}

async function finishImport(database: Database, runId: string): Promise<ImportSummary> {
  const stage = sql.table(`reg_stage_${runId.replace(/-/g, '')}_h`);
  const rejected = await sql<{ n: number }>`
    SELECT count(DISTINCT i.household_ref)::int AS n FROM import_issue i
    WHERE i.import_run_id = ${runId} AND EXISTS (SELECT 1 FROM ${stage} s WHERE s.household_ref = i.household_ref)`.execute(
    database.db,
  );
  const issues = await database.db
    .selectFrom('import_issue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_run_id', '=', runId)
    .executeTakeFirstOrThrow();
  const rejectedCount = rejected.rows[0]?.n ?? 0;
  const run = await database.db
    .updateTable('import_run')
    .set({
      households_rejected: rejectedCount,
      status: Number(issues.n) > 0 ? 'partial' : 'succeeded',
      finished_at: new Date(),
    })
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await dropStagedFiles(database, runId);
  return {
    runId,
    status: run.status,
    imported: run.households_imported,
    updated: run.households_updated,
    unchanged: run.households_unchanged,
    rejected: run.households_rejected,
    members: run.members_total,
    issues: Number(issues.n),
  };
}

/** The problems of a run as the documented report CSV: file,row,column,value,reason. */
export async function importReportCsv(database: Database, runId: string): Promise<string> {
  const rows = await database.db
    .selectFrom('import_issue')
    .select(['file', 'row_number', 'column_name', 'value', 'reason'])
    .where('import_run_id', '=', runId)
    .orderBy('file')
    .orderBy('row_number')
    .orderBy('id')
    .execute();
  return stringify(
    rows.map((r) => [r.file, r.row_number ?? '', r.column_name ?? '', r.value ?? '', r.reason]),
    { header: true, columns: ['file', 'row', 'column', 'value', 'reason'] },
  );
}

/** One XLSX workbook → the two CSV texts (sheets named households and members, else the first two). */
async function sheetsOf(buffer: Buffer, name: string) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(
      'bad_request',
      `${name} cannot be read: not an XLSX workbook (${(error as Error).message}).`,
    );
  }
  const sheets = workbook.worksheets;
  const pick = (wanted: string, index: number) =>
    sheets.find((s) => s.name.trim().toLowerCase() === wanted) ?? sheets[index];
  const toCsv = (sheet: ExcelJS.Worksheet | undefined, label: string) => {
    if (!sheet) throw new AppError('bad_request', `${name} cannot be read: it has no ${label} sheet.`);
    const rows: string[][] = [];
    const width = sheet.getRow(1).cellCount;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let c = 1; c <= width; c++) values.push(row.getCell(c).text ?? '');
      rows.push(values);
    });
    return stringify(rows);
  };
  return {
    households: { text: toCsv(pick('households', 0), 'households') },
    members: { text: toCsv(pick('members', 1), 'members') },
    householdsName: `${name}#households`,
    membersName: `${name}#members`,
  };
}
