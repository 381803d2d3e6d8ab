-- Geography: the NCDD gazetteer, versioned, and each village's versioned location class.
CREATE TABLE gazetteer_version (
  id serial PRIMARY KEY,
  label text NOT NULL UNIQUE,
  effective_from date NOT NULL,
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- One row per code ever published. A code is stable across versions; names may change and
-- a code that disappears is retired, never deleted (households keep pointing at it).
CREATE TABLE area (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}){1,4}$'),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_code text REFERENCES area (code),
  kind text NOT NULL,
  name_km text NOT NULL,
  name_latin text NOT NULL,
  name_ungegn text,
  first_version_id integer NOT NULL REFERENCES gazetteer_version (id),
  retired_in_version_id integer REFERENCES gazetteer_version (id),
  CHECK (level = length(code) / 2),
  CHECK ((level = 1) = (parent_code IS NULL)),
  CHECK (parent_code IS NULL OR code LIKE parent_code || '__')
);
CREATE INDEX area_parent_idx ON area (parent_code);
CREATE INDEX area_name_latin_trgm ON area USING gin (lower(name_latin) gin_trgm_ops);
CREATE INDEX area_name_km_trgm ON area USING gin (name_km gin_trgm_ops);

CREATE TABLE village_location_class (
  id bigserial PRIMARY KEY,
  village_code text NOT NULL REFERENCES area (code),
  location_class text NOT NULL CHECK (location_class IN ('phnom_penh_urban', 'other_urban', 'rural')),
  effective_from date NOT NULL,
  reason text NOT NULL,
  set_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (village_code, effective_from)
);
