-- Shock response: an event over areas and dates, and responses that expand programmes there.
-- A response runs as a programme of kind 'shock_response' (its own version, benefit table and
-- end date), so cycles, payrolls and reconciliation are the same machinery.

CREATE TABLE shock_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('flood', 'drought', 'epidemic', 'price_shock', 'storm', 'other')),
  name_en text NOT NULL CHECK (name_en <> ''),
  name_km text NOT NULL CHECK (name_km <> ''),
  starts_on date NOT NULL,
  ends_on date,
  declared_by text NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE shock_event_area (
  event_id uuid NOT NULL REFERENCES shock_event (id),
  area_code text NOT NULL REFERENCES area (code),
  PRIMARY KEY (event_id, area_code)
);

CREATE TABLE shock_response (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES shock_event (id),
  mode text NOT NULL CHECK (mode IN ('vertical', 'horizontal')),
  -- The programme created for the response (kind shock_response) and its version.
  programme_id uuid NOT NULL UNIQUE REFERENCES programme (id),
  programme_version_id uuid NOT NULL REFERENCES programme_version (id),
  -- Vertical: households enrolled in these programmes in the areas get the top-up.
  source_programme_ids uuid[] NOT NULL DEFAULT '{}',
  ends_on date NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((mode = 'vertical') = (cardinality(source_programme_ids) > 0))
);
