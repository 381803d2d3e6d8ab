import {
  ZChecklistVersionDetail,
  ZChecklistVersionSummary,
  ZCreateLabRequest,
  ZLab,
  ZLabCode,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf, auditContextOf } from '../../../platform/http/context';
import * as checklists from '../checklist/checklist.service';
import { labsPolicies } from '../labs.policy';
import { presentChecklistVersion, presentLab } from '../labs.presenter';
import { refused } from '../refusals';
import * as service from './labs.service';

const tags = ['labs'];

/** The lab network and the loaded checklist versions. */
export function labsNetworkRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/labs',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        description: 'Labs in scope: the network for the Bureau, their own lab for lab staff.',
        response: { 200: z.object({ items: z.array(ZLab) }) },
      },
    },
    async (request) => ({
      items: (await service.listLabs({ database, actor: actorOf(request) })).map(presentLab),
    }),
  );

  app.get(
    '/api/labs/directory',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        description:
          'Every lab of the network by code and name (public hospitals), to name the lab a peer audit visits.',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), nameEn: z.string(), nameKm: z.string() })),
          }),
        },
      },
    },
    async () => ({
      items: (await service.labDirectory(database)).map((l) => ({
        code: l.code,
        nameEn: l.name_en,
        nameKm: l.name_km,
      })),
    }),
  );

  app.get(
    '/api/labs/:code',
    {
      config: { policy: labsPolicies.read },
      schema: { tags, params: z.object({ code: ZLabCode }), response: { 200: ZLab } },
    },
    async (request) =>
      presentLab(await service.getLab({ database, actor: actorOf(request), code: request.params.code })),
  );

  app.post(
    '/api/labs',
    {
      config: { policy: labsPolicies.manageLabs },
      schema: { tags, body: ZCreateLabRequest, response: { 201: ZLab } },
    },
    async (request, reply) => {
      const lab = await service.createLab({ database, audit: auditContextOf(request), lab: request.body });
      return reply.status(201).send(presentLab(lab));
    },
  );

  app.get(
    '/api/labs/checklists',
    {
      config: { policy: labsPolicies.readChecklists },
      schema: { tags, response: { 200: z.object({ items: z.array(ZChecklistVersionSummary) }) } },
    },
    async () => ({ items: (await checklists.listChecklistVersions(database)).map(presentChecklistVersion) }),
  );

  app.get(
    '/api/labs/checklists/:id',
    {
      config: { policy: labsPolicies.readChecklists },
      schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZChecklistVersionDetail } },
    },
    async (request) => {
      const { version, sections, items } = await checklists.getChecklistVersion(database, request.params.id);
      return {
        ...presentChecklistVersion({
          ...version,
          question_count: items.filter((i) => i.parent_id === null).length,
          sub_question_count: items.filter((i) => i.parent_id !== null).length,
        }),
        starBands: version.star_bands as { stars: number; minPercent: number }[],
        proficiencyTestRule: version.proficiency_test_rule as { latestTests: number; minPercent: number },
        sections: sections.map((s) => ({
          number: s.number,
          title: s.title,
          titleKm: s.title_km,
          declaredPoints: s.declared_points,
          points: s.points,
          items: items
            .filter((i) => i.section_number === s.number)
            .map((i) => ({
              id: i.id,
              parentId: i.parent_id,
              sectionNumber: i.section_number,
              title: i.title,
              text: i.text,
              shortEn: i.short_en,
              shortKm: i.short_km,
              points: i.points,
              answers: i.answers as ('yes' | 'partial' | 'no' | 'na')[],
            })),
        })),
      };
    },
  );

  app.post(
    '/api/labs/checklists/import',
    {
      config: { policy: labsPolicies.importChecklist },
      schema: {
        tags,
        description:
          'Loads a checklist file. Malformed: 400 naming each JSON path. Inconsistent: 409 listing every inconsistency, nothing loaded unless acceptInconsistencies.',
        body: z.object({ file: z.unknown(), acceptInconsistencies: z.boolean().default(false) }),
        response: { 201: ZChecklistVersionSummary, 200: ZChecklistVersionSummary },
      },
    },
    async (request, reply) => {
      const outcome = await checklists.importChecklist({
        database,
        audit: auditContextOf(request),
        text:
          typeof request.body.file === 'string'
            ? request.body.file
            : JSON.stringify(request.body.file ?? null),
        shouldAcceptInconsistencies: request.body.acceptInconsistencies,
      });
      switch (outcome.status) {
        case 'malformed':
          throw refused('validation_failed', 'checklist_malformed', { details: outcome.problems });
        case 'inconsistent':
          throw refused('conflict', 'checklist_inconsistent', {
            args: { count: outcome.inconsistencies.length },
            details: outcome.inconsistencies.map((line) => ({ path: ['file'], message: line })),
          });
        case 'loaded':
        case 'already_loaded': {
          const versions = await checklists.listChecklistVersions(database);
          const version = versions.find((v) => v.id === outcome.versionId)!;
          return reply.status(outcome.status === 'loaded' ? 201 : 200).send(presentChecklistVersion(version));
        }
      }
    },
  );
}
