import fs from 'node:fs';
import type { Command } from 'commander';
import { openConfigured } from '../../cli/open';
import { runJobWithProgressBar } from '../../cli/progress';
import { SYSTEM_ACTOR } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { candidatesCsv } from './dedup/dedup.service';
import { exportMembersCsv, exportMembersXlsx } from './export/export.service';
import { generateRegistryFiles } from './generate/generator';
import { importReportCsv, stageImport } from './import/import.service';

const CLI_ACTOR = { ...SYSTEM_ACTOR, id: 'cli', name: 'cli' };

/** `mlob import`, `mlob generate`, `mlob dedup`, `mlob export members`. */
export function registryCli(program: Command): void {
  generateCommand(program);
  dedupCommand(program);
  exportCommand(program);
  program
    .command('import')
    .description(
      'import households.csv and members.csv (exit 0 all imported, 3 some households rejected, 2 files unreadable)',
    )
    .requiredOption('--households <file>', 'households.csv, or one .xlsx with sheets households and members')
    .option('--members <file>', 'members.csv (not needed with an .xlsx)')
    .option('--report <file>', 'write every problem as CSV: file,row,column,value,reason')
    .action(async (options: { households: string; members?: string; report?: string }) => {
      const { database } = await openConfigured();
      try {
        const isXlsx = options.households.toLowerCase().endsWith('.xlsx');
        if (!isXlsx && !options.members)
          throw new AppError('bad_request', '--members is required with CSV files.');
        const input = isXlsx
          ? { xlsx: readOrFail(options.households), name: options.households }
          : {
              households: { path: options.households },
              members: { path: options.members ?? '' },
              householdsName: options.households,
              membersName: options.members ?? '',
            };
        const { runId } = await stageImport({ database, actor: CLI_ACTOR, input });
        const job = await enqueueJob({
          database,
          actor: CLI_ACTOR,
          kind: 'registry.import',
          params: { runId, scopeAreaCodes: null },
        });
        const finished = await runJobWithProgressBar(database, job.id, 'import', async () => {
          const run = await database.db
            .selectFrom('import_run')
            .select('phase')
            .where('id', '=', runId)
            .executeTakeFirst();
          return run?.phase ?? null;
        });
        if (finished.status !== 'succeeded')
          throw new Error(`import job ${finished.status}: ${finished.error ?? ''}`);
        const summary = finished.result as {
          imported: number;
          updated: number;
          unchanged: number;
          rejected: number;
          members: number;
          issues: number;
        };
        if (options.report) fs.writeFileSync(options.report, await importReportCsv(database, runId));
        console.log(
          `imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected} households; ${summary.issues} problem(s)${options.report ? ` in ${options.report}` : ''}`,
        );
        process.exitCode = summary.issues > 0 ? 3 : 0;
      } catch (error) {
        console.error(`error: ${(error as Error).message}`);
        process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
}

const positiveInt = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 1) throw new AppError('bad_request', `not a positive number: ${v}`);
  return n;
};

function generateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'write synthetic households.csv, members.csv and duplicates-truth.csv (deterministic per seed)',
    )
    .requiredOption('--households <n>', 'how many households', positiveInt)
    .option('--seed <s>', 'seed', '1')
    .requiredOption('--out <dir>', 'output folder')
    .option(
      '--duplicate-rate <r>',
      'share of households that register someone a second time',
      Number.parseFloat,
      0.03,
    )
    .action(async (options: { households: number; seed: string; out: string; duplicateRate: number }) => {
      const started = Date.now();
      const result = await generateRegistryFiles({
        households: options.households,
        seed: options.seed,
        outDir: options.out,
        duplicateRate: options.duplicateRate,
      });
      console.log(
        `wrote ${result.households} households, ${result.members} members, ${result.duplicates} duplicate pairs to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });
}

function dedupCommand(program: Command): void {
  program
    .command('dedup')
    .description(
      'find duplicate persons across the registry; write pairs as CSV member_ref_a,member_ref_b,score,reasons',
    )
    .option('--out <file>', 'CSV file (default: standard output)')
    .option('--threshold <t>', 'lowest score kept', Number.parseFloat)
    .action(async (options: { out?: string; threshold?: number }) => {
      const { database } = await openConfigured();
      try {
        const params = options.threshold === undefined ? {} : { threshold: options.threshold };
        const job = await enqueueJob({ database, actor: CLI_ACTOR, kind: 'registry.dedup', params });
        const finished = await runJobWithProgressBar(database, job.id, 'dedup');
        if (finished.status !== 'succeeded')
          throw new Error(`dedup job ${finished.status}: ${finished.error ?? ''}`);
        const csv = await candidatesCsv(database);
        if (options.out) {
          fs.writeFileSync(options.out, csv);
          const result = finished.result as { pairs: number; candidates: number };
          console.log(
            `${result.candidates} candidate pair(s) from ${result.pairs} compared, written to ${options.out}`,
          );
        } else process.stdout.write(csv);
      } finally {
        await database.close();
      }
    });
}

function exportCommand(program: Command): void {
  program
    .command('export')
    .description('export registry data')
    .command('members')
    .description('members in the import format (members.csv columns, then village_code, status, death_date)')
    .requiredOption('--out <file>', 'FILE.csv or FILE.xlsx')
    .option('--area <code>', 'only this province, district, commune or village')
    .action(async (options: { out: string; area?: string }) => {
      const { database } = await openConfigured();
      try {
        const args = { database, actor: CLI_ACTOR, area: options.area };
        if (options.out.toLowerCase().endsWith('.xlsx'))
          fs.writeFileSync(options.out, await exportMembersXlsx(args));
        else fs.writeFileSync(options.out, await exportMembersCsv(args));
        console.log(`wrote ${options.out}`);
      } finally {
        await database.close();
      }
    });
}

function readOrFail(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new AppError('bad_request', `${file} cannot be read: ${(error as Error).message}.`);
  }
}
