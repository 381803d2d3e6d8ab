import type { DomainModule } from '../platform/domain';
import { jobsRoutes } from '../platform/jobs/jobs.routes';
import {
  assessmentCli,
  assessmentsRoutes,
  cardsRoutes,
  ensureShippedModels,
  listsRoutes,
  modelsRoutes,
  scoreJob,
  seedAssessmentDemo,
} from './assessment';
import { auditRoutes, auditVerifyJob } from './audit';
import { ensureGazetteer, geographyRoutes } from './geography';
import { authRoutes, usersRoutes } from './identity';
import { actionRemindersJob, labsCli, labsRoutes, seedLabsDemo } from './labs';
import { paymentsRoutes, payrollJob } from './payments';
import {
  cyclesRoutes,
  enrolJob,
  enrolmentRoutes,
  programmesRoutes,
  seedProgrammes,
  seedProgrammesDemo,
} from './programmes';
import {
  registryCli,
  registryDedupJob,
  registryImportJob,
  registryRoutes,
  seedRegistryDemo,
} from './registry';
import { shockRoutes } from './shock';

/** Every domain, in dependency order. A new domain adds one entry here. */
export const DOMAIN_MODULES: DomainModule[] = [
  {
    name: 'identity',
    routes: (app, ctx) => {
      authRoutes(app, ctx);
      usersRoutes(app, ctx);
    },
  },
  { name: 'jobs', routes: jobsRoutes },
  { name: 'audit', routes: auditRoutes, jobs: [auditVerifyJob as never] },
  {
    name: 'geography',
    routes: geographyRoutes,
    seedReference: async (options) => {
      await ensureGazetteer(options);
    },
  },
  {
    name: 'labs',
    routes: labsRoutes,
    cli: labsCli,
    jobs: [actionRemindersJob as never],
    seedDemo: seedLabsDemo,
  },
  {
    name: 'registry',
    routes: registryRoutes,
    jobs: [registryImportJob as never, registryDedupJob as never],
    cli: registryCli,
    seedDemo: seedRegistryDemo,
  },
  {
    name: 'assessment',
    routes: (app, ctx) => {
      modelsRoutes(app, ctx);
      assessmentsRoutes(app, ctx);
      listsRoutes(app, ctx);
      cardsRoutes(app, ctx);
    },
    jobs: [scoreJob as never],
    cli: assessmentCli,
    seedDemo: seedAssessmentDemo,
    seedReference: async (options) => {
      await ensureShippedModels(options);
    },
  },
  {
    name: 'programmes',
    routes: (app, ctx) => {
      programmesRoutes(app, ctx);
      enrolmentRoutes(app, ctx);
      cyclesRoutes(app, ctx);
    },
    jobs: [enrolJob as never],
    seedReference: seedProgrammes,
    seedDemo: seedProgrammesDemo,
  },
  { name: 'payments', routes: paymentsRoutes, jobs: [payrollJob as never] },
  { name: 'shock', routes: shockRoutes },
];
