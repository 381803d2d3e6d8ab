export { cyclesRoutes } from './cycles.routes';
export { conflictFromDatabase, decideCycle, getCycle, prepareCycle } from './cycles.service';
export { enrolJob } from './enrolment.job';
export { enrolmentRoutes } from './enrolment.routes';
export { PROGRAMMES_DEMO_VILLAGE, seedProgrammesDemo } from './programmes.demo';
export { programmePolicies } from './programmes.policy';
export { findActiveVersion, findProgrammeByCode } from './programmes.repo';
export { programmesRoutes } from './programmes.routes';
export { seedProgrammes } from './programmes.seed';
export { activateVersion, createProgramme } from './programmes.service';
export {
  reasonOf as programmeReasonOf,
  refused as programmeRefused,
  textOf as programmeTextOf,
} from './refusals';
export { parseRuleOrFail } from './rule-check';
export { compileRule } from './rules/rule-sql';
