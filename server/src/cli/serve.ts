import { buildApp } from '../app';
import { JobRunner } from '../platform/jobs/job-runner';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seed';
import { describeDatabase, openConfigured } from './open';
import { startSmsDelivery } from './sms-delivery';

/** Starts the server: migrate, reference data, demo data on first start, job runner, listen. */
export async function serve(options: { shouldSeedDemo: boolean }): Promise<void> {
  const { config, database } = await openConfigured();
  const isSeeded = options.shouldSeedDemo ? await seedDemo(database, (line) => console.log(line)) : false;
  const hasDemoUsers =
    options.shouldSeedDemo &&
    (await database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirst()) !== undefined;
  const runner = new JobRunner({ database });
  const { app } = await buildApp({
    database,
    config,
    logger: {
      level: config.logLevel,
      // Requests are logged by method, route and status only: no bodies, no query strings.
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          route: req.routeOptions?.url,
        }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    pokeJobs: () => runner.poke(),
  });
  if (config.isWorkerEnabled) runner.start();
  const stopSms = config.isWorkerEnabled ? startSmsDelivery(database, config, app.log) : () => undefined;
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Mlob is running at ${url}  (API docs: ${url}/api/docs)`,
    `Database: ${describeDatabase(config)}${isSeeded ? ' — demo data seeded' : ''}`,
  ];
  if (hasDemoUsers) {
    lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(11)} ${u.role}`);
  }
  console.log(lines.join('\n'));

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`\n${signal}: shutting down`);
    stopSms();
    await runner.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
