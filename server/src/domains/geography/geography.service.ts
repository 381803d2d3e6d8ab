import fs from 'node:fs';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { AppError, notFound } from '../../platform/errors';
import { isAreaInScope, isAreaVisible, type Scope } from '../../platform/scope';
import { GAZETTEER_COLUMNS } from './gazetteer-convert';
import * as repo from './geography.repo';

export const SHIPPED_GAZETTEER = {
  file: new URL('./data/gazetteer-2026-06.tsv', import.meta.url).pathname,
  label: 'NCDD 2026-06',
  effectiveFrom: '2026-06-01',
  source: 'NCDD gazetteer via github.com/dwilkie/pumi data/*.yml commit 3a5c2beb (MIT)',
};

/** Today's date as YYYY-MM-DD in Cambodia (UTC+7), the date location classes are read at. */
export function todayInCambodia(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The date `days` after (or, negative, before) today in Cambodia, as YYYY-MM-DD. */
export function daysFromTodayInCambodia(days: number): string {
  const d = new Date(`${todayInCambodia()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Gazetteer reads follow area scope: an area-scoped user sees their areas, everything under
 * them and the path above them (to navigate down); national users and users bound to a
 * facility, lab or school (whose data is not area-bound) see the whole gazetteer.
 */
function canSee(scope: Scope, code: string): boolean {
  return scope.kind !== 'areas' || isAreaVisible(scope, code);
}

export async function getAreaDetail(options: {
  database: Database;
  actor: Actor;
  code: string;
  onDate?: string;
}) {
  const { db } = options.database;
  const onDate = options.onDate ?? todayInCambodia();
  if (!canSee(options.actor.scope, options.code)) throw notFound(`Area ${options.code}`);
  const area = await repo.findArea(db, options.code, onDate);
  if (!area) throw notFound(`Area ${options.code}`);
  const ancestorCodes = [2, 4, 6].filter((n) => n < area.code.length).map((n) => area.code.slice(0, n));
  const [ancestors, children] = await Promise.all([
    repo.findAreas(db, ancestorCodes, onDate),
    repo.findChildren(db, area.code, onDate),
  ]);
  return { area, ancestors, children: children.filter((c) => canSee(options.actor.scope, c.code)) };
}

export async function listChildren(options: { database: Database; actor: Actor; parentCode: string | null }) {
  const { db } = options.database;
  const onDate = todayInCambodia();
  if (options.parentCode !== null) {
    if (
      !canSee(options.actor.scope, options.parentCode) ||
      !(await repo.findArea(db, options.parentCode, onDate))
    ) {
      throw notFound(`Area ${options.parentCode}`);
    }
  }
  const children = await repo.findChildren(db, options.parentCode, onDate);
  return children.filter((c) => canSee(options.actor.scope, c.code));
}

export async function areaTree(options: { database: Database; actor: Actor; depth: number }) {
  const rows = await repo.findUpToLevel(options.database.db, options.depth, todayInCambodia());
  return rows.filter((r) => canSee(options.actor.scope, r.code));
}

export async function searchAreas(options: {
  database: Database;
  actor: Actor;
  q: string;
  level?: number | undefined;
  limit: number;
}) {
  const { scope } = options.actor;
  return repo.searchAreas(options.database.db, {
    q: options.q,
    level: options.level,
    limit: options.limit,
    scopePrefixes: scope.kind === 'areas' ? [...scope.areaCodes] : null,
    onDate: todayInCambodia(),
  });
}

export async function getLocationClassHistory(options: {
  database: Database;
  actor: Actor;
  villageCode: string;
}) {
  if (!canSee(options.actor.scope, options.villageCode)) throw notFound(`Village ${options.villageCode}`);
  const village = await repo.findArea(options.database.db, options.villageCode, todayInCambodia());
  if (village?.level !== 4) throw notFound(`Village ${options.villageCode}`);
  return repo.locationClassHistory(options.database.db, options.villageCode);
}

/** Records a village's new location class from a date; earlier classes stay for earlier dates. */
export async function setLocationClass(options: {
  database: Database;
  audit: AuditContext;
  villageCode: string;
  locationClass: string;
  effectiveFrom: string;
  reason: string;
}) {
  return options.database.db.transaction().execute(async (trx) => {
    const village = await repo.findArea(trx, options.villageCode, options.effectiveFrom);
    if (village?.level !== 4) throw notFound(`Village ${options.villageCode}`);
    if (!isAreaInScope(options.audit.actor.scope, options.villageCode))
      throw notFound(`Village ${options.villageCode}`);
    const clash = await trx
      .selectFrom('village_location_class')
      .select('id')
      .where('village_code', '=', options.villageCode)
      .where('effective_from', '=', options.effectiveFrom)
      .executeTakeFirst();
    if (clash) {
      throw new AppError(
        'conflict',
        `Village ${options.villageCode} already has a class effective from ${options.effectiveFrom}.`,
        [{ path: ['effectiveFrom'], message: 'a class is already set from this date' }],
      );
    }
    const row = await trx
      .insertInto('village_location_class')
      .values({
        village_code: options.villageCode,
        location_class: options.locationClass,
        effective_from: options.effectiveFrom,
        reason: options.reason,
        set_by: options.audit.actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'village.location_class.set',
      entityType: 'area',
      entityId: options.villageCode,
      before: { locationClass: village.location_class },
      after: { locationClass: options.locationClass, effectiveFrom: options.effectiveFrom },
      reason: options.reason,
    });
    return row;
  });
}

/** Reads the shipped TSV into rows, checking its header and every code. */
export function readGazetteerFile(file: string): repo.GazetteerRow[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = lines.shift();
  if (header !== GAZETTEER_COLUMNS.join('\t')) throw new Error(`${file}: unexpected header "${header}"`);
  return lines.map((line, i) => {
    const [code = '', kind = '', nameKm = '', nameLatin = '', nameUngegn = ''] = line.split('\t');
    if (!/^([0-9]{2}){1,4}$/.test(code)) throw new Error(`${file}: row ${i + 1}: bad code "${code}"`);
    return { code, kind, nameKm, nameLatin, nameUngegn: nameUngegn || null };
  });
}

/**
 * Loads the shipped gazetteer and seeds location classes if no version is loaded yet.
 * Returns false when there was nothing to do.
 */
export async function ensureGazetteer(options: {
  database: Database;
  audit: AuditContext;
}): Promise<boolean> {
  const { db } = options.database;
  if (await repo.latestGazetteerVersion(db)) return false;
  const rows = readGazetteerFile(SHIPPED_GAZETTEER.file);
  await db.transaction().execute(async (trx) => {
    const { versionId } = await repo.loadGazetteerVersion(trx, SHIPPED_GAZETTEER, rows);
    const classes = await repo.seedLocationClasses(trx, '2019-01-01');
    await recordAudit(trx, options.audit, {
      action: 'gazetteer.load',
      entityType: 'gazetteer_version',
      entityId: String(versionId),
      after: { label: SHIPPED_GAZETTEER.label, units: rows.length, villageClassesSeeded: classes },
    });
  });
  return true;
}
