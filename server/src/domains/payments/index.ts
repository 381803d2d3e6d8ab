export { paymentPolicies } from './payments.policy';
export { paymentsRoutes } from './payments.routes';
export { payrollJob } from './payroll.job';
export { expireUnclaimed, generatePayroll, getPayroll, reissueFailed } from './payroll.service';
export { buildProviderFile, PROVIDER_FILE_HEADER, verifyProviderFile } from './provider-file';
export { importResults, reconciliationReport } from './reconciliation.service';
export { createHttpSmsGateway, type SmsGateway, SmsPermanentError } from './sms-gateway';
export { deliverOutbox } from './sms-outbox';
