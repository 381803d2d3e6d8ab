import type { Generated } from 'kysely';

/** Kysely view of migration 0601_shock.sql. */
export interface ShockTables {
  shock_event: {
    id: Generated<string>;
    kind: string;
    name_en: string;
    name_km: string;
    starts_on: string;
    ends_on: string | null;
    declared_by: string;
    declared_at: Generated<Date>;
  };
  shock_event_area: { event_id: string; area_code: string };
  shock_response: {
    id: Generated<string>;
    event_id: string;
    mode: string;
    programme_id: string;
    programme_version_id: string;
    source_programme_ids: Generated<string[]>;
    ends_on: string;
    created_by: string;
    created_at: Generated<Date>;
  };
}
