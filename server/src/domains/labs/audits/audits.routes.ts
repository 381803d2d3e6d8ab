import {
  ZAnswerSyncRequest,
  ZAnswerSyncResponse,
  ZAuditDetail,
  ZAuditStatus,
  ZAuditSummary,
  ZCreateAuditRequest,
  ZEvidenceUpload,
  ZLabCode,
  ZPageQuery,
  ZReasonRequest,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf, auditContextOf } from '../../../platform/http/context';
import { labsPolicies } from '../labs.policy';
import { presentAuditDetail, presentAuditSummary } from '../labs.presenter';
import { syncAnswers } from './audit-answers.service';
import { addEvidence, getEvidence } from './audit-evidence.service';
import { type AuditStep, moveAudit } from './audit-workflow.service';
import * as service from './audits.service';

const tags = ['labs'];
const ZId = z.object({ id: z.uuid() });

/** Audits: create, read, answer (offline-tolerant batch sync), evidence, workflow. */
export function auditsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;
  const detail = async (request: Parameters<typeof actorOf>[0], id: string) =>
    presentAuditDetail(await service.getAuditDetail({ database, actor: actorOf(request), id }));

  app.get(
    '/api/labs/audits',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        querystring: ZPageQuery.extend({ labCode: ZLabCode.optional(), status: ZAuditStatus.optional() }),
        response: { 200: z.object({ items: z.array(ZAuditSummary) }) },
      },
    },
    async (request) => ({
      items: (await service.listAudits({ database, actor: actorOf(request), ...request.query })).map(
        presentAuditSummary,
      ),
    }),
  );

  app.post(
    '/api/labs/audits',
    {
      config: { policy: labsPolicies.auditCreate },
      schema: { tags, body: ZCreateAuditRequest, response: { 201: ZAuditDetail } },
    },
    async (request, reply) => {
      const id = await service.createAudit({ database, audit: auditContextOf(request), input: request.body });
      return reply.status(201).send(await detail(request, id));
    },
  );

  app.get(
    '/api/labs/audits/:id',
    { config: { policy: labsPolicies.read }, schema: { tags, params: ZId, response: { 200: ZAuditDetail } } },
    async (request) => detail(request, request.params.id),
  );

  app.post(
    '/api/labs/audits/:id/answers/sync',
    {
      config: { policy: labsPolicies.auditConduct },
      schema: {
        tags,
        description:
          'A batch of answer changes from a device. Replaying a batch is safe: a change id seen before is a "duplicate"; of two edits of one item the later client time wins and the other is kept as "stale".',
        params: ZId,
        body: ZAnswerSyncRequest,
        response: { 200: ZAnswerSyncResponse },
      },
    },
    async (request) =>
      syncAnswers({
        database,
        audit: auditContextOf(request),
        auditId: request.params.id,
        changes: request.body.changes,
      }),
  );

  app.post(
    '/api/labs/audits/:id/evidence',
    {
      config: { policy: labsPolicies.auditConduct },
      schema: {
        tags,
        params: ZId,
        body: ZEvidenceUpload,
        response: {
          201: z.object({
            id: z.string(),
            itemId: z.string(),
            fileName: z.string(),
            contentType: z.string(),
            sizeBytes: z.number(),
          }),
        },
      },
    },
    async (request, reply) => {
      const row = await addEvidence({
        database,
        audit: auditContextOf(request),
        auditId: request.params.id,
        ...request.body,
      });
      return reply.status(201).send({
        id: row.id,
        itemId: row.item_id,
        fileName: row.file_name,
        contentType: row.content_type,
        sizeBytes: row.size_bytes,
      });
    },
  );

  app.get(
    '/api/labs/audits/:id/evidence/:evidenceId',
    {
      config: { policy: labsPolicies.read },
      schema: { tags, params: z.object({ id: z.uuid(), evidenceId: z.uuid() }) },
    },
    async (request, reply) => {
      const file = await getEvidence({
        database,
        actor: actorOf(request),
        auditId: request.params.id,
        evidenceId: request.params.evidenceId,
      });
      return (
        reply
          .type(file.content_type)
          .header('content-disposition', `attachment; filename="${file.file_name.replace(/[^\w.-]/g, '_')}"`)
          // Uploaded content is never rendered by the browser as a page of this site.
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content)
      );
    },
  );

  const steps: { step: AuditStep; policy: typeof labsPolicies.auditReview; needsReason: boolean }[] = [
    { step: 'submit', policy: labsPolicies.auditConduct, needsReason: false },
    { step: 'approve', policy: labsPolicies.auditReview, needsReason: false },
    { step: 'publish', policy: labsPolicies.auditReview, needsReason: false },
    { step: 'reopen', policy: labsPolicies.auditReview, needsReason: true },
  ];
  for (const { step, policy, needsReason } of steps) {
    app.post(
      `/api/labs/audits/:id/${step}`,
      {
        config: { policy },
        schema: {
          tags,
          params: ZId,
          body: needsReason
            ? ZReasonRequest
            : z.object({ reason: z.string().max(2000).optional() }).optional(),
          response: { 200: ZAuditDetail },
        },
      },
      async (request) => {
        const body = request.body as { reason?: string } | undefined;
        await moveAudit({
          database,
          audit: auditContextOf(request),
          auditId: request.params.id,
          step,
          reason: body?.reason,
        });
        return detail(request, request.params.id);
      },
    );
  }
}
