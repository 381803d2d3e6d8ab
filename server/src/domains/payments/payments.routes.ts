import {
  ZGeneratePayrollRequest,
  ZPayroll,
  ZReconciliationReport,
  ZReissueRequest,
  ZResultImportReport,
  ZResultImportRequest,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { paymentPolicies as policies } from './payments.policy';
import { expireUnclaimed, generatePayroll, getPayroll, reissueFailed } from './payroll.service';
import { buildProviderFile } from './provider-file';
import { importResults, reconciliationReport } from './reconciliation.service';

const tags = ['payments'];
const ZPayrollParams = z.object({ payrollId: z.uuid() });

function presentPayroll({
  payroll,
  batches,
}: Awaited<ReturnType<typeof getPayroll>>): z.infer<typeof ZPayroll> {
  return {
    id: payroll.id,
    cycleId: payroll.cycle_id,
    withdrawalFrom: payroll.withdrawal_from,
    withdrawalUntil: payroll.withdrawal_until,
    paymentCount: payroll.payment_count,
    totalRiel: Number(payroll.total_riel),
    batches: batches.map((b) => ({
      id: b.id,
      providerCode: b.provider_code,
      batchNo: b.batch_no,
      kind: b.kind as 'initial' | 'reissue',
      paymentCount: b.payment_count,
      totalRiel: Number(b.total_riel),
      fileSha256: b.file_sha256,
    })),
  };
}

/** Payrolls, provider files, result imports, re-issues, expiry and the reconciliation report. */
export function paymentsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.post(
    '/api/cycles/:cycleId/payroll',
    {
      config: { policy: policies.generate },
      schema: {
        tags,
        description:
          'Generates the payroll of an approved cycle (idempotent: a second call returns the first payroll).',
        params: z.object({ cycleId: z.uuid() }),
        body: ZGeneratePayrollRequest,
        response: { 200: ZPayroll, 201: ZPayroll },
      },
    },
    async (request, reply) => {
      const { payrollId, isNew } = await generatePayroll({
        database,
        audit: auditContextOf(request),
        cycleId: request.params.cycleId,
        withdrawalFrom: request.body.withdrawalFrom,
      });
      return reply.status(isNew ? 201 : 200).send(presentPayroll(await getPayroll({ database, payrollId })));
    },
  );

  app.post(
    '/api/cycles/:cycleId/payroll-jobs',
    {
      config: { policy: policies.generate },
      schema: {
        tags,
        description:
          'Generates the payroll as a job (for national-size cycles), with progress on the jobs page.',
        params: z.object({ cycleId: z.uuid() }),
        body: ZGeneratePayrollRequest,
        response: { 202: z.object({ jobId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const job = await enqueueJob({
        database,
        actor: actorOf(request),
        kind: 'payments.payroll',
        params: { cycleId: request.params.cycleId, ...request.body },
      });
      ctx.pokeJobs();
      return reply.status(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/api/payrolls/:payrollId',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'A payroll and its batches.',
        params: ZPayrollParams,
        response: { 200: ZPayroll },
      },
    },
    async (request) => presentPayroll(await getPayroll({ database, payrollId: request.params.payrollId })),
  );

  app.get(
    '/api/payment-batches/:batchId/file',
    {
      config: { policy: policies.exportFile },
      schema: {
        tags,
        description:
          'The provider file of a batch (CSV with a control line: count, total, SHA-256; docs/programmes.md).',
        params: z.object({ batchId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await buildProviderFile({ database, batchId: request.params.batchId });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-control-sha256', file.sha256)
        .send(file.content);
    },
  );

  app.post(
    '/api/payrolls/:payrollId/results',
    {
      config: { policy: policies.reconcile },
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags,
        description:
          "Imports a provider's result file; the same file twice changes nothing; unknown or settled lines are reported.",
        params: ZPayrollParams,
        body: ZResultImportRequest,
        response: { 200: ZResultImportReport },
      },
    },
    async (request) =>
      importResults({
        database,
        audit: auditContextOf(request),
        payrollId: request.params.payrollId,
        fileName: request.body.fileName,
        content: request.body.content,
      }),
  );

  app.post(
    '/api/payrolls/:payrollId/reissue',
    {
      config: { policy: policies.reconcile },
      schema: {
        tags,
        description: 'Re-issues failed payments in a new batch per provider.',
        params: ZPayrollParams,
        body: ZReissueRequest,
        response: { 200: ZPayroll },
      },
    },
    async (request) => {
      await reissueFailed({
        database,
        audit: auditContextOf(request),
        payrollId: request.params.payrollId,
        reason: request.body.reason,
      });
      return presentPayroll(await getPayroll({ database, payrollId: request.params.payrollId }));
    },
  );

  app.post(
    '/api/payrolls/:payrollId/expire',
    {
      config: { policy: policies.reconcile },
      schema: {
        tags,
        description: 'Expires unclaimed payments whose withdrawal window has closed.',
        params: ZPayrollParams,
        response: { 200: z.object({ expired: z.number().int() }) },
      },
    },
    async (request) => ({
      expired: await expireUnclaimed({
        database,
        audit: auditContextOf(request),
        payrollId: request.params.payrollId,
      }),
    }),
  );

  app.get(
    '/api/payrolls/:payrollId/report',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'Reconciled totals: approved = paid + failed + unclaimed + pending.',
        params: ZPayrollParams,
        response: { 200: ZReconciliationReport },
      },
    },
    async (request) => reconciliationReport({ database, payrollId: request.params.payrollId }),
  );
}
