import {
  ZCreateDocument,
  ZCreateEqaRound,
  ZCreateEqaScheme,
  ZCreateStaff,
  ZDocument,
  ZDocumentVersionInput,
  ZEqaResult,
  ZEqaRound,
  ZEqaScheme,
  ZStaff,
  ZStaffRecordInput,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf, auditContextOf } from '../../../platform/http/context';
import * as documents from './documents.service';
import * as eqa from './eqa.service';
import { equipmentRoutes } from './equipment.routes';
import * as personnel from './personnel.service';
import { presentDocument, presentRound, presentStaff } from './quality.presenter';
import { read, tags, write, ZId, ZLabFilter } from './quality.route-kit';

/** EQA, equipment, documents and personnel: the rest of the lab's quality system. */
export function qualityRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/labs/eqa/schemes',
    { config: read, schema: { tags, response: { 200: z.object({ items: z.array(ZEqaScheme) }) } } },
    async () => ({
      items: (await eqa.listSchemes(database)).map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        provider: s.provider,
        discipline: s.discipline,
        passPercent: Number(s.pass_percent),
      })),
    }),
  );
  app.post(
    '/api/labs/eqa/schemes',
    { config: write, schema: { tags, body: ZCreateEqaScheme, response: { 201: ZEqaScheme } } },
    async (request, reply) => {
      const s = await eqa.createScheme({ database, audit: auditContextOf(request), scheme: request.body });
      return reply.status(201).send({
        id: s.id,
        code: s.code,
        name: s.name,
        provider: s.provider,
        discipline: s.discipline,
        passPercent: Number(s.pass_percent),
      });
    },
  );
  app.get(
    '/api/labs/eqa/rounds',
    {
      config: read,
      schema: { tags, querystring: ZLabFilter, response: { 200: z.object({ items: z.array(ZEqaRound) }) } },
    },
    async (request) => ({
      items: (
        await eqa.listRounds({ database, actor: actorOf(request), labCode: request.query.labCode })
      ).map(presentRound),
    }),
  );
  app.post(
    '/api/labs/eqa/rounds',
    { config: write, schema: { tags, body: ZCreateEqaRound, response: { 201: ZEqaRound } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentRound(
            await eqa.createRound({ database, audit: auditContextOf(request), round: request.body }),
          ),
        ),
  );
  app.post(
    '/api/labs/eqa/rounds/:id/result',
    {
      config: write,
      schema: {
        tags,
        description: 'Records a score; below the pass mark it opens a nonconformity.',
        params: ZId,
        body: ZEqaResult,
        response: { 200: ZEqaRound },
      },
    },
    async (request) =>
      presentRound(
        await eqa.recordResult({
          database,
          audit: auditContextOf(request),
          roundId: request.params.id,
          ...request.body,
        }),
      ),
  );

  equipmentRoutes(app, ctx);

  app.get(
    '/api/labs/documents',
    {
      config: read,
      schema: { tags, querystring: ZLabFilter, response: { 200: z.object({ items: z.array(ZDocument) }) } },
    },
    async (request) => ({
      items: (
        await documents.listDocuments({ database, actor: actorOf(request), labCode: request.query.labCode })
      ).map(presentDocument),
    }),
  );
  app.post(
    '/api/labs/documents',
    { config: write, schema: { tags, body: ZCreateDocument, response: { 201: ZDocument } } },
    async (request, reply) =>
      reply.status(201).send(
        presentDocument(
          await documents.createDocument({
            database,
            audit: auditContextOf(request),
            document: request.body,
          }),
        ),
      ),
  );
  app.post(
    '/api/labs/documents/:id/versions',
    {
      config: write,
      schema: { tags, params: ZId, body: ZDocumentVersionInput, response: { 200: ZDocument } },
    },
    async (request) =>
      presentDocument(
        await documents.addVersion({
          database,
          audit: auditContextOf(request),
          documentId: request.params.id,
          version: request.body,
        }),
      ),
  );
  app.post(
    '/api/labs/documents/:id/acknowledge',
    {
      config: read,
      schema: {
        tags,
        description: 'Read and sign the current version.',
        params: ZId,
        response: { 200: ZDocument },
      },
    },
    async (request) =>
      presentDocument(
        await documents.acknowledge({
          database,
          audit: auditContextOf(request),
          documentId: request.params.id,
        }),
      ),
  );

  app.get(
    '/api/labs/staff',
    {
      config: read,
      schema: { tags, querystring: ZLabFilter, response: { 200: z.object({ items: z.array(ZStaff) }) } },
    },
    async (request) => ({
      items: (
        await personnel.listStaff({ database, actor: actorOf(request), labCode: request.query.labCode })
      ).map(presentStaff),
    }),
  );
  app.post(
    '/api/labs/staff',
    { config: write, schema: { tags, body: ZCreateStaff, response: { 201: ZStaff } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentStaff(
            await personnel.createStaff({ database, audit: auditContextOf(request), staff: request.body }),
          ),
        ),
  );
  app.post(
    '/api/labs/staff/:id/records',
    {
      config: write,
      schema: {
        tags,
        description: 'Training, competence assessment or authorisation.',
        params: ZId,
        body: ZStaffRecordInput,
        response: { 200: ZStaff },
      },
    },
    async (request) =>
      presentStaff(
        await personnel.addStaffRecord({
          database,
          audit: auditContextOf(request),
          staffId: request.params.id,
          record: request.body,
        }),
      ),
  );
}
