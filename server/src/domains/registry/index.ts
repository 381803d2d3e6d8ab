export { registryDedupJob } from './dedup/dedup.job';
export { registryImportJob } from './import/import.job';
export { applyImport, importReportCsv, prepareImport } from './import/import.service';
export { registryCli } from './registry.cli';
export { registryPolicies } from './registry.policy';
export { registryRoutes } from './registry.routes';
export { seedRegistryDemo } from './registry.seed';
