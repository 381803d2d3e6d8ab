import fs from 'node:fs';
import type { Command } from 'commander';
import { openConfigured } from '../../cli/open';
import { runJobWithProgressBar } from '../../cli/progress';
import { SYSTEM_ACTOR } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { importChecklist } from './checklist/checklist.service';
import { parseChecklistText } from './checklist/checklist-file';
import { scoreAudit, toScoreResult, validateAnswers } from './checklist/scoring';

/** What a CLI command produced; kept apart from process I/O so tests can call it directly. */
export interface CliOutcome {
  exitCode: 0 | 2 | 3;
  stdout: string[];
  stderr: string[];
}

function readText(file: string): string | CliOutcome {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { exitCode: 2, stdout: [], stderr: [`error: cannot read ${file}: ${(error as Error).message}`] };
  }
}

/**
 * `mlob labs score`: scores answers against a checklist file without storing anything.
 * Exit 2 names every unknown id or answer.
 */
export function runScore(options: { checklist: string; answers: string; proficiency?: string }): CliOutcome {
  const checklistText = readText(options.checklist);
  if (typeof checklistText !== 'string') return checklistText;
  const parsed = parseChecklistText(checklistText, options.checklist);
  if (!parsed.isWellFormed)
    return {
      exitCode: 2,
      stdout: [],
      stderr: [
        `error: ${options.checklist} is not a valid checklist file`,
        ...parsed.problems.map((p) => `  ${p.path.join('.')}: ${p.message}`),
      ],
    };
  const answersText = readText(options.answers);
  if (typeof answersText !== 'string') return answersText;
  let raw: unknown;
  try {
    raw = JSON.parse(answersText);
  } catch (error) {
    return {
      exitCode: 2,
      stdout: [],
      stderr: [`error: ${options.answers} is not JSON: ${(error as Error).message}`],
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return {
      exitCode: 2,
      stdout: [],
      stderr: [
        `error: ${options.answers} must be a JSON object {"<question id>": "yes" | "partial" | "no" | "na"}`,
      ],
    };
  const { answers, problems } = validateAnswers(parsed.model, raw as Record<string, unknown>);
  if (problems.length > 0)
    return {
      exitCode: 2,
      stdout: [],
      stderr: [
        `error: ${options.answers} has ${problems.length} problem(s)`,
        ...problems.map((p) => `  ${p.path.join('.')}: ${p.message}`),
      ],
    };
  let proficiencyPercents: number[] | undefined;
  if (options.proficiency !== undefined) {
    proficiencyPercents = options.proficiency.split(',').map((v) => Number(v.trim()));
    if (proficiencyPercents.some((p) => !Number.isFinite(p) || p < 0 || p > 100))
      return {
        exitCode: 2,
        stdout: [],
        stderr: ['error: --proficiency takes percentages, newest first, e.g. 85,90'],
      };
  }
  const score = scoreAudit(parsed.model, answers, { proficiencyPercents });
  return {
    exitCode: 0,
    stdout: [JSON.stringify(toScoreResult(score))],
    stderr: parsed.inconsistencies.map((line) => `note: checklist inconsistency: ${line}`),
  };
}

/** `mlob labs checklist import`: exit 0 loaded, 3 inconsistent (not loaded unless accepted), 2 malformed. */
export async function runImport(options: {
  file: string;
  shouldAcceptInconsistencies: boolean;
}): Promise<CliOutcome> {
  const text = readText(options.file);
  if (typeof text !== 'string') return text;
  // Checked before the database is even opened: a malformed or refused file changes nothing.
  const parsed = parseChecklistText(text, options.file);
  if (!parsed.isWellFormed)
    return {
      exitCode: 2,
      stdout: [],
      stderr: [
        `error: ${options.file} is malformed; nothing was loaded`,
        ...parsed.problems.map((p) => `  ${p.path.join('.')}: ${p.message}`),
      ],
    };
  if (parsed.inconsistencies.length > 0 && !options.shouldAcceptInconsistencies)
    return {
      exitCode: 3,
      stdout: parsed.inconsistencies,
      stderr: [
        `${options.file}: ${parsed.inconsistencies.length} inconsistencies; nothing was loaded (rerun with --accept-inconsistencies to load it as it is)`,
      ],
    };
  const { database } = await openConfigured();
  try {
    const outcome = await importChecklist({
      database,
      audit: { actor: { ...SYSTEM_ACTOR, id: 'cli', name: 'cli' } },
      text,
      fileName: options.file,
      shouldAcceptInconsistencies: options.shouldAcceptInconsistencies,
    });
    const label = `${parsed.file.checklist} ${parsed.file.version}`;
    switch (outcome.status) {
      case 'malformed':
      case 'inconsistent':
        throw new Error('checked above');
      case 'loaded':
      case 'already_loaded':
        return {
          exitCode: 0,
          stdout: [
            ...outcome.inconsistencies,
            `${outcome.status === 'loaded' ? 'loaded' : 'already loaded'} ${label} (version id ${outcome.versionId})${
              outcome.inconsistencies.length > 0
                ? `, ${outcome.inconsistencies.length} inconsistencies accepted`
                : ''
            }`,
          ],
          stderr: [],
        };
    }
  } catch (error) {
    if (error instanceof AppError) return { exitCode: 2, stdout: [], stderr: [`error: ${error.message}`] };
    throw error;
  } finally {
    await database.close();
  }
}

function emit(outcome: CliOutcome): void {
  for (const line of outcome.stdout) console.log(line);
  for (const line of outcome.stderr) console.error(line);
  process.exitCode = outcome.exitCode;
}

/** `mlob labs …` sub-commands. */
export function labsCli(program: Command): void {
  const labs = program.command('labs').description('laboratory quality: checklists, audits, scoring');
  labs
    .command('checklist')
    .description('audit checklists')
    .command('import')
    .description('load a checklist file; exit 0 loaded, 3 inconsistent (not loaded), 2 malformed')
    .argument('<file>', 'checklist JSON in the format of slipta-v2-checklist.json')
    .option('--accept-inconsistencies', 'load a well-formed file even though its points do not add up')
    .action(async (file: string, options: { acceptInconsistencies?: boolean }) => {
      emit(await runImport({ file, shouldAcceptInconsistencies: options.acceptInconsistencies === true }));
    });
  labs
    .command('reminders')
    .description(
      'raise "due soon" and "overdue" reminders for corrective/preventive actions (run daily, e.g. from cron)',
    )
    .option('--days <n>', 'days ahead that count as due soon', (v) => Number.parseInt(v, 10), 7)
    .action(async (options: { days: number }) => {
      const { database } = await openConfigured();
      try {
        const job = await enqueueJob({
          database,
          actor: { ...SYSTEM_ACTOR, id: 'cli', name: 'cli' },
          kind: 'labs.action-reminders',
          params: { daysBefore: options.days },
        });
        const done = await runJobWithProgressBar(database, job.id, 'labs reminders');
        if (done.status !== 'succeeded') throw new Error(`reminders ${done.status}: ${done.error ?? ''}`);
        const result = done.result as { dueSoon: number; overdue: number };
        console.log(`${result.dueSoon} due-soon and ${result.overdue} overdue reminder(s) raised`);
      } finally {
        await database.close();
      }
    });
  labs
    .command('score')
    .description('score an audit without storing it; prints {points, maxPoints, percent, stars, sections}')
    .requiredOption('--checklist <file>', 'checklist JSON file')
    .requiredOption('--answers <file>', 'JSON {"<question id>": "yes" | "partial" | "no" | "na"}')
    .option('--proficiency <percents>', "the lab's latest proficiency-test percentages, newest first (85,90)")
    .action((options: { checklist: string; answers: string; proficiency?: string }) => {
      emit(runScore(options));
    });
}
