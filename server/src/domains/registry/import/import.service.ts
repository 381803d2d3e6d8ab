import {
  type ImportIssuePage,
  type ImportReasonLanguage,
  importIssueReason,
  importReasonText,
} from '@mlob/contracts';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../platform/actor';
import { AppError, notFound } from '../../../platform/errors';
import { todayInCambodia } from '../../geography';
import { neutraliseFormula } from '../export/export.service';
import { applyBatch, type BatchCounts } from './import-apply';
import { writeAtOnce } from './import-at-once';
import { deferIndexes, isBulkWorthIt, restoreDeferredIndexes } from './import-bulk';
import {
  buildDictionaries,
  derivedTables,
  importWorkMem,
  planHouseholds,
  planMembers,
} from './import-derive';
import {
  dropStagedFiles,
  type FileIssue,
  type ImportSource,
  indexStagedFiles,
  stageFile,
} from './import-files';
import { ImportStoppedError, validateStaged, validationQueries } from './import-validate';

/**
 * Households per transaction. Larger batches spread each batch's fixed costs (planning,
 * commit, progress) thinly; 20,000 households (~92,000 members) still commit every few
 * seconds, so progress moves and a resumed import repeats little.
 */
export const IMPORT_BATCH_SIZE = 20_000;

/**
 * On PGlite a quarter of that: its one connection serves every request, and a batch holds it
 * (5,000 households take ≈ 1–2 s there), so a request waits for at most one such batch.
 */
export function importBatchSize(database: Database): number {
  return database.engine === 'pglite' ? IMPORT_BATCH_SIZE / 4 : IMPORT_BATCH_SIZE;
}

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
 * How far a phase of an import is: `done` of `total` steps, households or indexes. Called
 * inside transactions too, where it must not wait (it is not awaited there); the promise it
 * may return is awaited only between transactions.
 */
export type ImportProgress = (done: number, total: number) => void | Promise<void>;

/**
 * Opens an import run and stages its files (one COPY each; malformed CSV is reported here),
 * so the uploaded text can be let go. Checking and writing are the import job's
 * (checkImport, applyImport), with a progress bar. Throws bad_request when a file cannot be
 * read at all (missing, not UTF-8, no header).
 */
export async function stageImport(options: { database: Database; actor: Actor; input: ImportInput }) {
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
            reason: importReasonText(i.reason, i.reasonArgs),
            reason_code: i.reason,
            reason_args: JSON.stringify(i.reasonArgs),
            household_ref: i.householdRef,
          })),
        )
        .execute();
    }
    await indexStagedFiles(database, run.id);
    await database.db
      .updateTable('import_run')
      .set({ members_total: members.rows })
      .where('id', '=', run.id)
      .execute();
  } catch (error) {
    await failRun(database, run.id);
    throw error;
  }
  return { runId: run.id };
}

/**
 * Checks the staged files of a run against every rule (import-validate.ts): after this,
 * every problem is in import_issue and the valid households wait in staging to be written.
 * Rule by rule, each committed with its problems: a stopped check (`signal`, or a job resumed
 * elsewhere) goes on from the next rule, and a checked run is not checked again.
 */
export async function checkImport(options: {
  database: Database;
  /** Village codes (or their area prefixes) the uploader may import into; null: anywhere. */
  scopeAreaCodes: readonly string[] | null;
  runId: string;
  onProgress?: ImportProgress;
  /** Stops between rules, leaving the run to be resumed rather than failed. */
  signal?: AbortSignal;
}): Promise<void> {
  const { database, runId } = options;
  const run = await database.db
    .selectFrom('import_run')
    .select(['checked_at', 'checked_steps'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw notFound(`Import run ${runId}`);
  if (run.checked_at) return;
  await setPhase(database, runId, 'checking');
  try {
    const queries = validationQueries(runId, {
      today: todayInCambodia(),
      scopeAreaCodes: options.scopeAreaCodes,
    });
    // The dictionaries are one step; each validation rule is one more. They are built again
    // on a resumed check: they are derived from the staged files, and unlogged.
    const total = queries.length + 1;
    await options.onProgress?.(run.checked_steps, total);
    await buildDictionaries(database, runId);
    await options.onProgress?.(run.checked_steps + 1, total);
    await validateStaged(database, runId, {
      queries,
      fromStep: run.checked_steps,
      signal: options.signal,
      onStep: (done) => options.onProgress?.(done + 1, total),
    });
  } catch (error) {
    if (!(error instanceof ImportStoppedError)) await failRun(database, runId);
    throw error;
  }
}

/** Stages and checks a run at once (the seed, the benches and the tests); the job then writes it. */
export async function prepareImport(options: { database: Database; actor: Actor; input: ImportInput }) {
  const { runId } = await stageImport(options);
  await checkImport({ database: options.database, scopeAreaCodes: importScope(options.actor), runId });
  return { runId };
}

/**
 * The areas an actor may import into, kept with the import job: the files are checked
 * against the uploader's scope, whoever's process runs the job.
 */
export function importScope(actor: Actor): string[] | null {
  return actor.scope.kind === 'areas' ? [...actor.scope.areaCodes] : null;
}

async function failRun(database: Database, runId: string): Promise<void> {
  await dropStagedFiles(database, runId);
  await database.db
    .updateTable('import_run')
    .set({ status: 'failed', phase: null, finished_at: new Date() })
    .where('id', '=', runId)
    .execute();
}

async function setPhase(database: Database, runId: string, phase: 'checking' | 'writing' | 'indexing') {
  await database.db.updateTable('import_run').set({ phase }).where('id', '=', runId).execute();
}

export interface ApplyImportOptions {
  database: Database;
  actor: Actor;
  runId: string;
  /** First batch to write (a resumed job passes its checkpoint). */
  fromBatch?: number;
  batchSize?: number;
  /** Set indexes aside while writing (default: decided by size, see import-bulk.ts). */
  isBulk?: boolean;
  /**
   * Write an all-new run in one transaction (default: when every household and member is
   * new, on PostgreSQL). False forces batches; true still falls back to them if a
   * reference turns out to be taken.
   */
  isAtOnce?: boolean;
  /** Pieces the at-once write splits the members into (default: by size, import-at-once.ts). */
  atOncePieces?: number;
  /**
   * Progress inside a long transaction (the at-once write) and of the index rebuild, where
   * onBatch has no transaction to save in: households written, then indexes rebuilt.
   */
  onProgress?: ImportProgress;
  /** Called in each batch's transaction after it is written; the job saves progress here. */
  onBatch?: (
    trx: Transaction<DB>,
    progress: { batch: number; batches: number; done: number; total: number },
  ) => Promise<void>;
}

/**
 * Writes the valid households of a prepared run. A run whose households and members are all
 * new (a first load) is written at once in one transaction on PostgreSQL (import-at-once.ts);
 * any other run, one transaction per batch, so an import stopped mid-way leaves whole
 * households only and resumes at the next batch.
 */
export async function applyImport(options: ApplyImportOptions): Promise<ImportSummary> {
  const { database, runId } = options;
  const batchSize = options.batchSize ?? importBatchSize(database);
  const run = await database.db
    .selectFrom('import_run')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw notFound(`Import run ${runId}`);
  const fromBatch = options.fromBatch ?? 0;
  const planned = await sql<{ ok: string | null }>`
    SELECT to_regclass(${derivedTables(runId).members}) AS ok`.execute(database.db);
  const isResumed = fromBatch > 0 && Boolean(planned.rows[0]?.ok);
  const plan = isResumed
    ? { ...(await countPlanned(database, runId, batchSize)), isAllNew: false }
    : await planHouseholds(database, runId, batchSize);
  // The embedded engine has one connection: one long transaction would hold up every
  // request, where batches let them through in between.
  const isAtOnce =
    options.isAtOnce ??
    (plan.isAllNew && plan.households > 0 && fromBatch === 0 && database.engine === 'postgres');
  // Bulk mode (import-bulk.ts) is decided by the members new to the registry: all of them in
  // an at-once write, else counted by planning, so re-importing a registered country neither
  // rebuilds every index nor leaves search without them meanwhile. A resumed job writes row by row.
  let isBulk = false;
  const deferIndexesIfWorthIt = async (newMembers: number) => {
    if (isBulk) return;
    isBulk = options.isBulk ?? (fromBatch === 0 && (await isBulkWorthIt(database, newMembers)));
    if (isBulk) await deferIndexes(database, runId);
  };
  await setPhase(database, runId, 'writing');
  // The bar starts the phase from what is already written, not from the checking's count.
  await options.onProgress?.(Math.min(plan.households, fromBatch * batchSize), plan.households);
  const openChange = (trx: Transaction<DB>, batch: number, batches: number) =>
    trx
      .insertInto('registry_change')
      .values({
        kind: 'import',
        source: 'import',
        actor_kind: options.actor.kind,
        actor_id: options.actor.kind === 'system' ? null : options.actor.id,
        reason:
          batches === 1
            ? `import of ${run.households_file} and ${run.members_file}`
            : `import of ${run.households_file} and ${run.members_file}, batch ${batch + 1} of ${batches}`,
        import_run_id: runId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((change) => change.id);
  const count = (trx: Transaction<DB>, counts: BatchCounts) =>
    trx
      .updateTable('import_run')
      .set((eb) => ({
        households_imported: eb('households_imported', '+', counts.imported),
        households_updated: eb('households_updated', '+', counts.updated),
        households_unchanged: eb('households_unchanged', '+', counts.unchanged),
      }))
      .where('id', '=', runId)
      .execute();
  try {
    if (isAtOnce) await deferIndexesIfWorthIt(run.members_total);
    const isWritten =
      isAtOnce &&
      (await database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        const counts = await writeAtOnce(trx, {
          runId,
          changeId: () => openChange(trx, 0, 1),
          workMem: importWorkMem(database),
          pieces: options.atOncePieces,
          onProgress: (share) => options.onProgress?.(Math.round(plan.households * share), plan.households),
        });
        if (!counts) return false;
        await count(trx, counts);
        // Every batch is done: a job resumed after this commit has nothing left to write.
        await options.onBatch?.(trx, {
          batch: Math.max(plan.batches - 1, 0),
          batches: plan.batches,
          done: plan.households,
          total: plan.households,
        });
        return true;
      }));
    if (!isWritten) {
      if (!isResumed)
        await deferIndexesIfWorthIt(
          (await planMembers(database, runId, { batches: plan.batches })).newMembers,
        );
      for (let batch = fromBatch; batch < plan.batches; batch++) {
        await database.db.transaction().execute(async (trx) => {
          // Losing the last few commits in a server crash is harmless here: the job's
          // checkpoint is written in the same transaction, so it is lost with them and the
          // resumed job writes those batches again. Not waiting for each WAL flush saves a
          // disk sync per batch.
          await sql`SET LOCAL synchronous_commit = off`.execute(trx);
          const changeId = await openChange(trx, batch, plan.batches);
          const counts: BatchCounts = await applyBatch(trx, { runId, batch, changeId });
          await count(trx, counts);
          await options.onBatch?.(trx, {
            batch,
            batches: plan.batches,
            done: Math.min(plan.households, (batch + 1) * batchSize),
            total: plan.households,
          });
        });
      }
    }
  } finally {
    // Also after a failure: the registry never stays without its indexes and keys. A
    // resumed import decides again whether the rest is worth a bulk write.
    if (isBulk) await setPhase(database, runId, 'indexing');
    await restoreDeferredIndexes(database, options.onProgress);
  }
  return finishImport(database, runId);
}

async function countPlanned(database: Database, runId: string, batchSize: number) {
  const t = derivedTables(runId);
  const row = await sql<{ households: number; members: number }>`
    SELECT (SELECT count(*) FROM ${sql.table(t.households)})::int AS households,
      (SELECT count(*) FROM ${sql.table(t.members)})::int AS members`.execute(database.db);
  const households = row.rows[0]?.households ?? 0;
  return { households, batches: Math.ceil(households / batchSize), members: row.rows[0]?.members ?? 0 };
}

async function finishImport(database: Database, runId: string): Promise<ImportSummary> {
  const stage = sql.table(`reg_stage_${runId.replace(/-/g, '')}_h`);
  const rejected = await sql<{ n: number }>`
    SELECT count(DISTINCT i.household_ref)::int AS n FROM import_issue i
    WHERE i.import_run_id = ${runId} AND EXISTS (SELECT 1 FROM ${stage} s WHERE s.household_ref = i.household_ref)`.execute(
    database.db,
  );
  const issues = await countImportIssues(database, runId);
  const rejectedCount = rejected.rows[0]?.n ?? 0;
  const run = await database.db
    .updateTable('import_run')
    .set({
      households_rejected: rejectedCount,
      phase: null,
      status: issues > 0 ? 'partial' : 'succeeded',
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
    issues,
  };
}

/** How many problems a run found. */
export async function countImportIssues(database: Database, runId: string): Promise<number> {
  const row = await database.db
    .selectFrom('import_issue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const issuesOf = (database: Database, runId: string) =>
  database.db
    .selectFrom('import_issue')
    .select(['id', 'file', 'row_number', 'column_name', 'value', 'reason', 'reason_code', 'reason_args'])
    .where('import_run_id', '=', runId)
    .orderBy('file')
    .orderBy('row_number')
    .orderBy('id');

/**
 * The problems of a run as the documented report CSV: file,row,column,value,reason, the
 * reasons in English (the command-line contract) or in Khmer. The report is opened in
 * spreadsheets and repeats values from the uploaded file, so values that would run as a
 * formula are neutralised as in an export.
 */
export async function importReportCsv(
  database: Database,
  runId: string,
  language: ImportReasonLanguage = 'en',
): Promise<string> {
  const rows = await issuesOf(database, runId).execute();
  return stringify(
    rows.map((r) =>
      [
        r.file,
        r.row_number ?? '',
        r.column_name ?? '',
        r.value ?? '',
        importIssueReason(
          { reason: r.reason, reasonCode: r.reason_code, reasonArgs: r.reason_args },
          language,
        ),
      ].map((v) => neutraliseFormula(String(v))),
    ),
    { header: true, columns: ['file', 'row', 'column', 'value', 'reason'] },
  );
}

/** A page of a run's problems, in the report's order, each with its reason's code and arguments. */
export async function importIssuesPage(
  database: Database,
  runId: string,
  page: { offset: number; limit: number },
): Promise<ImportIssuePage> {
  const [rows, total] = await Promise.all([
    issuesOf(database, runId).offset(page.offset).limit(page.limit).execute(),
    countImportIssues(database, runId),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id),
      file: r.file,
      row: r.row_number,
      column: r.column_name,
      value: r.value,
      reason: r.reason,
      reasonCode: r.reason_code,
      reasonArgs: r.reason_args,
    })),
  };
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
