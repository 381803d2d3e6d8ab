import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { VERSION } from '../app';
import { convertGazetteer } from '../domains/geography';
import { createUser } from '../domains/identity';
import { DOMAIN_MODULES } from '../domains/modules';
import { SYSTEM_ACTOR } from '../platform/actor';
import { verifyAuditChain } from '../platform/audit/audit';
import { AppError } from '../platform/errors';
import { listJobKinds } from '../platform/jobs/job-kinds';
import { JobRunner } from '../platform/jobs/job-runner';
import { listJobs } from '../platform/jobs/jobs.repo';
import { enqueueJob } from '../platform/jobs/jobs.service';
import { isRole, ROLES } from '../platform/roles';
import { seedDemo } from '../seed';
import { describeDatabase, openConfigured } from './open';
import { runJobWithProgressBar } from './progress';
import { serve } from './serve';

const program = new Command();
program
  .name('mlob')
  .description("Mlob: Cambodia's social registry and social protection platform")
  .version(VERSION);

program
  .command('serve')
  .description('start the API and web app (migrates, loads reference data, seeds demo data on first start)')
  .option('--no-demo', 'do not seed demo users and data on an empty database')
  .action(async (options: { demo: boolean }) => {
    await serve({ shouldSeedDemo: options.demo });
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { config, database, applied } = await openConfigured({ shouldSeedReference: false });
    console.log(
      `${describeDatabase(config)}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`,
    );
    await database.close();
  });

program
  .command('seed')
  .description('load reference data (gazetteer); with --demo, also demo users and data on an empty database')
  .option('--demo', 'seed demo users and synthetic data')
  .action(async (options: { demo?: boolean }) => {
    const { database } = await openConfigured();
    console.log('reference data loaded');
    if (options.demo)
      console.log(
        (await seedDemo(database, (l) => console.log(l)))
          ? 'demo data seeded'
          : 'users exist already: demo data not seeded',
      );
    await database.close();
  });

program
  .command('create-user')
  .description('create a user; the password is read from standard input')
  .requiredOption('--username <name>')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v) => {
    if (!isRole(v)) throw new InvalidArgumentError(`unknown role; use one of ${ROLES.join(', ')}`);
    return v;
  })
  .option('--display-name <name>')
  .option('--areas <codes>', 'comma-separated area codes for an area scope')
  .option('--unit <id>', 'facility, lab or school id for a unit scope')
  .option('--scope <kind>', 'national, areas, facility, lab or school')
  .action(
    async (options: {
      username: string;
      role: (typeof ROLES)[number];
      displayName?: string;
      areas?: string;
      unit?: string;
      scope?: string;
    }) => {
      const password = fs.readFileSync(0, 'utf8').trim();
      const scopeKind = (options.scope ??
        (options.areas ? 'areas' : options.unit ? 'facility' : 'national')) as 'national';
      const { database } = await openConfigured();
      try {
        const user = await createUser({
          database,
          audit: { actor: { ...SYSTEM_ACTOR, id: 'cli', name: 'cli' } },
          user: {
            username: options.username,
            displayName: options.displayName ?? options.username,
            password,
            role: options.role,
            scopeKind,
            scopeAreaCodes: options.areas?.split(',').map((s) => s.trim()),
            scopeUnitId: options.unit ?? null,
          },
        });
        console.log(`created user ${user.username} (${user.role})`);
      } finally {
        await database.close();
      }
    },
  );

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('verify the hash chain; exit 1 and name every edited or deleted row when it is broken')
  .option('--no-job', 'verify directly instead of as a resumable job')
  .action(async (options: { job: boolean }) => {
    const { database } = await openConfigured({ shouldSeedReference: false });
    try {
      let problems: { seq: number; problem: string }[];
      let checked: number;
      if (options.job) {
        const job = await enqueueJob({ database, actor: SYSTEM_ACTOR, kind: 'audit.verify', params: {} });
        const done = await runJobWithProgressBar(database, job.id, 'audit verify');
        const result = done.result as { checked: number; problems: typeof problems } | null;
        if (done.status !== 'succeeded' || !result)
          throw new Error(`verification ${done.status}: ${done.error ?? ''}`);
        ({ problems, checked } = result);
      } else {
        ({ problems, checked } = await verifyAuditChain(database.db));
      }
      for (const p of problems) console.log(`audit_log seq ${p.seq}: ${p.problem}`);
      console.log(
        problems.length === 0
          ? `audit trail intact: ${checked} rows verified`
          : `audit trail BROKEN: ${problems.length} problem(s) in ${checked} rows`,
      );
      process.exitCode = problems.length === 0 ? 0 : 1;
    } finally {
      await database.close();
    }
  });

const jobs = program.command('jobs').description('background jobs');
jobs
  .command('list')
  .description('the latest jobs with their progress')
  .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
  .action(async (options: { limit: number }) => {
    const { database } = await openConfigured({ shouldSeedReference: false });
    for (const j of await listJobs(database.db, { createdBy: null, limit: options.limit })) {
      console.log(
        `${j.id}  ${j.kind.padEnd(24)} ${j.status.padEnd(10)} ${j.progress_done}/${j.progress_total ?? '?'}  ${j.created_at.toISOString()}`,
      );
    }
    await database.close();
  });
jobs
  .command('kinds')
  .description('the job kinds this version knows')
  .action(() => console.log(listJobKinds().join('\n')));
jobs
  .command('work')
  .description('run queued jobs (resuming any abandoned ones) until none is left, without the web server')
  .action(async () => {
    const { database } = await openConfigured();
    const count = await new JobRunner({ database }).drain();
    console.log(`${count} job(s) run`);
    await database.close();
  });

const geography = program.command('geography').description('the gazetteer');
geography
  .command('convert')
  .description('convert the pumi YAML gazetteer to the TSV the project ships')
  .requiredOption('--from <dir>', 'folder with provinces.yml, districts.yml, communes.yml, villages.yml')
  .requiredOption('--out <file>')
  .action((options: { from: string; out: string }) => {
    fs.writeFileSync(options.out, convertGazetteer(options.from));
    console.log(`wrote ${options.out}`);
  });

for (const module of DOMAIN_MODULES) module.cli?.(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) {
    console.error(`error: ${error.message}`);
    for (const d of error.details) console.error(`  ${d.path.join('.')}: ${d.message}`);
  } else {
    console.error(`error: ${(error as Error).message}`);
  }
  process.exitCode = 2;
});
