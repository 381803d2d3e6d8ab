export { auditRoutes } from './audit.routes';
export { auditVerifyJob } from './audit-verify.job';
