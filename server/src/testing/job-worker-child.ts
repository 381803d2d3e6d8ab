/**
 * A separate worker process for the job-system tests: opens the database named in the
 * environment, registers the test job kind, and runs jobs until none is left (or forever
 * with TEST_WORKER_FOREVER=1, until it is killed).
 */
import { openDatabase } from '../db/database';
import { registerJobKind } from '../platform/jobs/job-kinds';
import { JobRunner } from '../platform/jobs/job-runner';
import { countJob } from './count-job';

registerJobKind(countJob);
const database = await openDatabase({
  databaseUrl: process.env.TEST_DATABASE_URL,
  dataDir: process.env.TEST_PGLITE_DIR,
});
const runner = new JobRunner({ database, staleAfterSeconds: 2, heartbeatIntervalMs: 300 });
process.stdout.write('ready\n');
if (process.env.TEST_WORKER_FOREVER === '1') {
  runner.start();
} else {
  // Keep claiming until the queue stays empty for a moment (the other worker may still be busy).
  let idle = 0;
  while (idle < 5) {
    if (await runner.runOne()) idle = 0;
    else {
      idle += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await database.close();
}
