import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { todayInCambodia } from '../../geography';
import { assertLabVisible, labViewOf } from '../labs.access';
import { daysUntil } from '../ncs/nc-rules';
import { insertNc } from '../ncs/ncs.service';
import { refused } from '../refusals';
import * as repo from './quality.repo';

/** Days ahead at which a maintenance, calibration or document review shows as "due soon". */
export const DUE_SOON_DAYS = 30;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function dueState(
  nextOn: string | null,
  today = todayInCambodia(),
): 'ok' | 'due_soon' | 'overdue' | 'none' {
  if (nextOn === null) return 'none';
  const days = daysUntil(today, nextOn);
  return days < 0 ? 'overdue' : days <= DUE_SOON_DAYS ? 'due_soon' : 'ok';
}

export function nextDue(last: string | null, intervalDays: number | null): string | null {
  return last !== null && intervalDays !== null ? addDays(last, intervalDays) : null;
}

export async function listEquipment(options: {
  database: Database;
  actor: Actor;
  labCode?: string | undefined;
}) {
  return repo.listEquipment(options.database.db, labViewOf(options.actor), options.labCode);
}

export type EquipmentRow = Awaited<ReturnType<typeof listEquipment>>[number];

export interface NewEquipment {
  labCode: string;
  assetCode: string;
  name: string;
  category: string;
  manufacturer?: string | undefined;
  model?: string | undefined;
  serialNumber?: string | undefined;
  maintenanceIntervalDays?: number | undefined;
  calibrationIntervalDays?: number | undefined;
  lastMaintenanceOn?: string | undefined;
  lastCalibrationOn?: string | undefined;
}

export async function createEquipment(options: {
  database: Database;
  audit: AuditContext;
  equipment: NewEquipment;
}) {
  const e = options.equipment;
  assertLabVisible(labViewOf(options.audit.actor), e.labCode);
  const id = await options.database.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lab_equipment')
      .values({
        lab_code: e.labCode,
        asset_code: e.assetCode,
        name: e.name,
        category: e.category,
        manufacturer: e.manufacturer ?? null,
        model: e.model ?? null,
        serial_number: e.serialNumber ?? null,
        maintenance_interval_days: e.maintenanceIntervalDays ?? null,
        calibration_interval_days: e.calibrationIntervalDays ?? null,
        last_maintenance_on: e.lastMaintenanceOn ?? null,
        last_calibration_on: e.lastCalibrationOn ?? null,
      })
      .onConflict((oc) => oc.columns(['lab_code', 'asset_code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Named on the field, so the form shows it where the asset code was typed.
    if (!row)
      throw refused('conflict', 'asset_exists', {
        args: { code: e.assetCode, lab: e.labCode },
        path: ['assetCode'],
      });
    await recordAudit(trx, options.audit, {
      action: 'labs.equipment.create',
      entityType: 'lab_equipment',
      entityId: row.id,
      after: e,
    });
    return row.id;
  });
  return findEquipment(options.database, options.audit.actor, id);
}

export interface EquipmentChanges {
  name: string;
  category: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  maintenanceIntervalDays: number | null;
  calibrationIntervalDays: number | null;
}

/** Edits an instrument's details and schedules (status moves only through events). */
export async function updateEquipment(options: {
  database: Database;
  audit: AuditContext;
  equipmentId: string;
  changes: EquipmentChanges;
}) {
  const { actor } = options.audit;
  const c = options.changes;
  const before = await findEquipment(options.database, actor, options.equipmentId);
  await options.database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('lab_equipment')
      .set({
        name: c.name,
        category: c.category,
        manufacturer: c.manufacturer,
        model: c.model,
        serial_number: c.serialNumber,
        maintenance_interval_days: c.maintenanceIntervalDays,
        calibration_interval_days: c.calibrationIntervalDays,
      })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'labs.equipment.update',
      entityType: 'lab_equipment',
      entityId: before.id,
      before: {
        name: before.name,
        category: before.category,
        manufacturer: before.manufacturer,
        model: before.model,
        serialNumber: before.serial_number,
        maintenanceIntervalDays: before.maintenance_interval_days,
        calibrationIntervalDays: before.calibration_interval_days,
      },
      after: c,
    });
  });
  return findEquipment(options.database, actor, before.id);
}

/** An instrument's log (maintenance, calibration, breakdowns with their NC, repairs), newest first. */
export async function listEquipmentEvents(options: {
  database: Database;
  actor: Actor;
  equipmentId: string;
}) {
  const equipment = await findEquipment(options.database, options.actor, options.equipmentId);
  return options.database.db
    .selectFrom('lab_equipment_event')
    .select(['id', 'kind', 'happened_on', 'note', 'by_name', 'nc_id'])
    .where('equipment_id', '=', equipment.id)
    .orderBy('happened_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export type EquipmentEventRow = Awaited<ReturnType<typeof listEquipmentEvents>>[number];

async function findEquipment(database: Database, actor: Actor, id: string) {
  const rows = await listEquipment({ database, actor });
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound(`Equipment ${id}`);
  return row;
}

/**
 * Records maintenance, calibration, a breakdown, a repair or retirement. A breakdown takes the
 * instrument out of service and opens a nonconformity linked to it; a repair puts it back.
 */
export async function recordEquipmentEvent(options: {
  database: Database;
  audit: AuditContext;
  equipmentId: string;
  kind: 'maintenance' | 'calibration' | 'breakdown' | 'repair' | 'retire';
  happenedOn: string;
  note: string;
}) {
  const { actor } = options.audit;
  const equipment = await findEquipment(options.database, actor, options.equipmentId);
  await options.database.db.transaction().execute(async (trx) => {
    await trx.selectFrom('lab_equipment').select('id').where('id', '=', equipment.id).forUpdate().execute();
    let ncId: string | null = null;
    const set: Partial<{ status: string; last_maintenance_on: string; last_calibration_on: string }> = {};
    switch (options.kind) {
      case 'maintenance':
        set.last_maintenance_on = options.happenedOn;
        break;
      case 'calibration':
        set.last_calibration_on = options.happenedOn;
        break;
      case 'breakdown':
        set.status = 'out_of_service';
        ncId = await insertNc(trx, options.audit, {
          labCode: equipment.lab_code,
          source: 'equipment',
          title: `Breakdown: ${equipment.name} (${equipment.asset_code})`,
          description: options.note,
          links: [
            {
              entityType: 'equipment',
              entityId: equipment.id,
              label: `${equipment.asset_code} ${equipment.name}`,
            },
          ],
        });
        break;
      case 'repair':
        set.status = 'in_use';
        break;
      case 'retire':
        set.status = 'retired';
        break;
    }
    await trx.updateTable('lab_equipment').set(set).where('id', '=', equipment.id).execute();
    await trx
      .insertInto('lab_equipment_event')
      .values({
        equipment_id: equipment.id,
        kind: options.kind,
        happened_on: options.happenedOn,
        note: options.note,
        nc_id: ncId,
        by_name: actor.name,
      })
      .execute();
    await recordAudit(trx, options.audit, {
      action: `labs.equipment.${options.kind}`,
      entityType: 'lab_equipment',
      entityId: equipment.id,
      before: { status: equipment.status },
      after: { ...set, ncId, note: options.note },
    });
  });
  return findEquipment(options.database, actor, equipment.id);
}
