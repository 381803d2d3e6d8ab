import {
  ZCreateEquipment,
  ZEquipment,
  ZEquipmentEvent,
  ZEquipmentEventView,
  ZUpdateEquipment,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf, auditContextOf } from '../../../platform/http/context';
import * as equipment from './equipment.service';
import { presentEquipment, presentEquipmentEvent } from './quality.presenter';
import { read, tags, write, ZId, ZLabFilter } from './quality.route-kit';

/** The equipment register: instruments, edits, their log and events (a breakdown opens an NC). */
export function equipmentRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/labs/equipment',
    {
      config: read,
      schema: { tags, querystring: ZLabFilter, response: { 200: z.object({ items: z.array(ZEquipment) }) } },
    },
    async (request) => ({
      items: (
        await equipment.listEquipment({ database, actor: actorOf(request), labCode: request.query.labCode })
      ).map(presentEquipment),
    }),
  );
  app.post(
    '/api/labs/equipment',
    { config: write, schema: { tags, body: ZCreateEquipment, response: { 201: ZEquipment } } },
    async (request, reply) =>
      reply.status(201).send(
        presentEquipment(
          await equipment.createEquipment({
            database,
            audit: auditContextOf(request),
            equipment: request.body,
          }),
        ),
      ),
  );
  app.post(
    '/api/labs/equipment/:id',
    {
      config: write,
      schema: {
        tags,
        description: 'Edits the details and maintenance/calibration intervals.',
        params: ZId,
        body: ZUpdateEquipment,
        response: { 200: ZEquipment },
      },
    },
    async (request) =>
      presentEquipment(
        await equipment.updateEquipment({
          database,
          audit: auditContextOf(request),
          equipmentId: request.params.id,
          changes: request.body,
        }),
      ),
  );
  app.get(
    '/api/labs/equipment/:id/events',
    {
      config: read,
      schema: { tags, params: ZId, response: { 200: z.object({ items: z.array(ZEquipmentEventView) }) } },
    },
    async (request) => ({
      items: (
        await equipment.listEquipmentEvents({
          database,
          actor: actorOf(request),
          equipmentId: request.params.id,
        })
      ).map(presentEquipmentEvent),
    }),
  );
  app.post(
    '/api/labs/equipment/:id/events',
    {
      config: write,
      schema: {
        tags,
        description: 'Maintenance, calibration, breakdown (opens a nonconformity), repair or retirement.',
        params: ZId,
        body: ZEquipmentEvent,
        response: { 200: ZEquipment },
      },
    },
    async (request) =>
      presentEquipment(
        await equipment.recordEquipmentEvent({
          database,
          audit: auditContextOf(request),
          equipmentId: request.params.id,
          ...request.body,
        }),
      ),
  );
}
