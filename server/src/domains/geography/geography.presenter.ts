import type { Area } from '@mlob/contracts';
import type { AreaRow } from './geography.repo';

export function presentArea(row: AreaRow): Area {
  return {
    code: row.code,
    level: row.level,
    kind: row.kind,
    parentCode: row.parent_code,
    nameKm: row.name_km,
    nameLatin: row.name_latin,
    isRetired: row.retired_in_version_id !== null,
    childCount: Number(row.child_count),
    ...(row.level === 4 ? { locationClass: (row.location_class as Area['locationClass']) ?? null } : {}),
  };
}

export function presentLocationClassEntry(row: {
  location_class: string;
  effective_from: string;
  reason: string;
  set_by: string | null;
}) {
  return {
    locationClass: row.location_class as 'phnom_penh_urban' | 'other_urban' | 'rural',
    effectiveFrom: row.effective_from,
    reason: row.reason,
    setBy: row.set_by,
  };
}
