import fs from 'node:fs';
import type { Command } from 'commander';
import { openConfigured } from '../../cli/open';
import { runJobWithProgressBar } from '../../cli/progress';
import { SYSTEM_ACTOR } from '../../platform/actor';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { expireCards } from './cards.service';
import { loadQuestionnaire, loadScoringModel } from './models.service';
import type { ScoreJobResult } from './score.job';

const CLI_AUDIT = { actor: { ...SYSTEM_ACTOR, id: 'cli', name: 'cli' } };

/** `mlob score`, `mlob assessment load-model`, `mlob assessment expire-cards`. */
export function assessmentCli(program: Command): void {
  program
    .command('score')
    .description(
      "re-score a round, or every assessment on the model's questionnaire, with a chosen model (a job with progress)",
    )
    .requiredOption('--model <code>', 'scoring model version code, e.g. illustrative-rural-2026')
    .option('--round <id>', 'only this round')
    .option('--chunk <n>', 'assessments per committed chunk', (v) => Number.parseInt(v, 10), 100_000)
    .action(async (options: { model: string; round?: string; chunk: number }) => {
      const { database } = await openConfigured();
      try {
        const model = await database.db
          .selectFrom('scoring_model_version')
          .select('id')
          .where('code', '=', options.model)
          .executeTakeFirst();
        if (!model) throw new Error(`no scoring model ${options.model}`);
        const job = await enqueueJob({
          database,
          actor: SYSTEM_ACTOR,
          kind: 'assessment.score',
          params: { modelVersionId: model.id, roundId: options.round ?? null, chunkSize: options.chunk },
        });
        const done = await runJobWithProgressBar(database, job.id, `score ${options.model}`);
        if (done.status !== 'succeeded') throw new Error(`scoring ${done.status}: ${done.error ?? ''}`);
        const result = done.result as ScoreJobResult;
        console.log(`scored ${result.scored} assessment(s) with ${result.modelCode}`);
      } finally {
        await database.close();
      }
    });

  const assessment = program.command('assessment').description('IDPoor assessment');
  assessment
    .command('load-model')
    .description('load a new scoring model version (JSON), with its questionnaire when that is new too')
    .argument('<model>', 'model JSON file')
    .option('--questionnaire <file>', 'questionnaire JSON file')
    .action(async (modelFile: string, options: { questionnaire?: string }) => {
      const { database } = await openConfigured();
      try {
        const result = await database.db.transaction().execute(async (trx) => {
          if (options.questionnaire) {
            const q = JSON.parse(fs.readFileSync(options.questionnaire, 'utf8')) as unknown;
            await loadQuestionnaire(trx, CLI_AUDIT, q, options.questionnaire);
          }
          const m = JSON.parse(fs.readFileSync(modelFile, 'utf8')) as unknown;
          return loadScoringModel(trx, CLI_AUDIT, m, modelFile);
        });
        console.log(
          result.isNew ? `loaded model version ${result.id}` : `already loaded as version ${result.id}`,
        );
      } finally {
        await database.close();
      }
    });
  assessment
    .command('expire-cards')
    .description('mark Equity Cards past their validity as expired')
    .action(async () => {
      const { database } = await openConfigured();
      try {
        console.log(`${await expireCards({ database, audit: CLI_AUDIT })} card(s) expired`);
      } finally {
        await database.close();
      }
    });
}
