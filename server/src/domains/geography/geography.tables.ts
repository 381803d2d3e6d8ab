import type { Generated } from 'kysely';

export interface GeographyTables {
  gazetteer_version: {
    id: Generated<number>;
    label: string;
    effective_from: string;
    source: string;
    loaded_at: Generated<Date>;
  };
  area: {
    code: string;
    level: number;
    parent_code: string | null;
    kind: string;
    name_km: string;
    name_latin: string;
    name_ungegn: string | null;
    first_version_id: number;
    retired_in_version_id: number | null;
  };
  village_location_class: {
    id: Generated<number>;
    village_code: string;
    location_class: string;
    effective_from: string;
    reason: string;
    set_by: string | null;
    created_at: Generated<Date>;
  };
}
