import type { Database } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import { type AuditContext, recordAudit } from '../../../platform/audit/audit';
import { notFound } from '../../../platform/errors';
import { labViewOf } from '../labs.access';
import { refused } from '../refusals';
import * as repo from './labs.repo';

/** The labs the actor sees: the whole network for the Bureau, their own lab for lab staff. */
export async function listLabs(options: { database: Database; actor: Actor }) {
  return repo.listLabs(options.database.db, labViewOf(options.actor));
}

/** The network's labs by code and name only (no scores): public hospitals, listed for peer audits. */
export async function labDirectory(database: Database) {
  return database.db
    .selectFrom('lab')
    .select(['code', 'name_en', 'name_km'])
    .where('is_active', '=', true)
    .orderBy('code')
    .execute();
}

export async function getLab(options: { database: Database; actor: Actor; code: string }) {
  const rows = await repo.listLabs(options.database.db, labViewOf(options.actor));
  const lab = rows.find((r) => r.code === options.code);
  if (!lab) throw notFound(`Lab ${options.code}`);
  return lab;
}

export interface NewLab {
  code: string;
  nameEn: string;
  nameKm: string;
  provinceCode: string | null;
  kind: 'national' | 'provincial';
}

/** Adds a lab to the network (administrators; the demo seeds the twelve). */
export async function createLab(options: { database: Database; audit: AuditContext; lab: NewLab }) {
  return options.database.db.transaction().execute(async (trx) => {
    if (await repo.findLab(trx, options.lab.code))
      throw refused('conflict', 'lab_exists', {
        args: { code: options.lab.code },
        path: ['code'],
        detailMessage: 'is taken',
      });
    const values = {
      code: options.lab.code,
      name_en: options.lab.nameEn,
      name_km: options.lab.nameKm,
      province_code: options.lab.provinceCode,
      kind: options.lab.kind,
    };
    await trx.insertInto('lab').values(values).execute();
    await recordAudit(trx, options.audit, {
      action: 'labs.lab.create',
      entityType: 'lab',
      entityId: options.lab.code,
      after: values,
    });
    const rows = await repo.listLabs(trx, { kind: 'lab', labCode: options.lab.code });
    return rows[0]!;
  });
}
