-- Laboratory quality system: EQA, equipment, documents, personnel.
CREATE TABLE lab_eqa_scheme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  provider text NOT NULL,
  discipline text NOT NULL,
  -- A result at or above this percentage is satisfactory.
  pass_percent numeric(5, 2) NOT NULL DEFAULT 80,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lab_eqa_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id uuid NOT NULL REFERENCES lab_eqa_scheme (id),
  lab_code text NOT NULL REFERENCES lab (code),
  round_label text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'scored')),
  score_percent numeric(5, 2),
  is_satisfactory boolean,
  result_note text,
  scored_on date,
  nc_id uuid REFERENCES lab_nc (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (scheme_id, lab_code, round_label),
  CHECK ((status = 'scored') = (score_percent IS NOT NULL))
);
CREATE INDEX lab_eqa_round_lab_idx ON lab_eqa_round (lab_code, scored_on);

CREATE TABLE lab_equipment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_code text NOT NULL REFERENCES lab (code),
  asset_code text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  manufacturer text,
  model text,
  serial_number text,
  status text NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'out_of_service', 'retired')),
  maintenance_interval_days integer CHECK (maintenance_interval_days > 0),
  last_maintenance_on date,
  calibration_interval_days integer CHECK (calibration_interval_days > 0),
  last_calibration_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (lab_code, asset_code)
);

CREATE TABLE lab_equipment_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  equipment_id uuid NOT NULL REFERENCES lab_equipment (id),
  kind text NOT NULL CHECK (kind IN ('maintenance', 'calibration', 'breakdown', 'repair', 'retire')),
  happened_on date NOT NULL,
  note text NOT NULL,
  nc_id uuid REFERENCES lab_nc (id),
  by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_equipment_event_idx ON lab_equipment_event (equipment_id, happened_on);

CREATE TABLE lab_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_code text NOT NULL REFERENCES lab (code),
  doc_code text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('policy', 'sop', 'form', 'manual', 'external')),
  review_interval_months integer NOT NULL DEFAULT 24 CHECK (review_interval_months BETWEEN 1 AND 120),
  is_obsolete boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (lab_code, doc_code)
);

CREATE TABLE lab_document_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES lab_document (id),
  version_label text NOT NULL,
  author_name text NOT NULL,
  reviewer_name text NOT NULL,
  approver_name text NOT NULL,
  effective_on date NOT NULL,
  change_summary text NOT NULL,
  -- The one current version; earlier ones are archived, never deleted.
  is_current boolean NOT NULL DEFAULT true,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version_label)
);
CREATE UNIQUE INDEX lab_document_version_current_key ON lab_document_version (document_id) WHERE is_current;

CREATE TABLE lab_document_ack (
  version_id uuid NOT NULL REFERENCES lab_document_version (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  user_name text NOT NULL,
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, user_id)
);

CREATE TABLE lab_staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_code text NOT NULL REFERENCES lab (code),
  full_name text NOT NULL,
  position text NOT NULL,
  user_id uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_staff_lab_idx ON lab_staff (lab_code);

-- Training records, competence assessments and authorisations, one table by kind of record.
CREATE TABLE lab_staff_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES lab_staff (id),
  kind text NOT NULL CHECK (kind IN ('training', 'competence', 'authorisation')),
  subject text NOT NULL,
  happened_on date NOT NULL,
  -- competence: 'competent' | 'not_yet_competent'; training and authorisation: NULL.
  outcome text CHECK (outcome IS NULL OR outcome IN ('competent', 'not_yet_competent')),
  by_name text NOT NULL,
  valid_until date,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_staff_record_staff_idx ON lab_staff_record (staff_id, kind);
