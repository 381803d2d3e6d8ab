-- Laboratory quality: the lab network and audits on a checklist version.
CREATE TABLE lab (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name_en text NOT NULL,
  name_km text NOT NULL,
  province_code text,
  kind text NOT NULL CHECK (kind IN ('national', 'provincial')),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lab_audit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_code text NOT NULL REFERENCES lab (code),
  checklist_version_id uuid NOT NULL REFERENCES lab_checklist_version (id),
  kind text NOT NULL CHECK (kind IN ('internal', 'peer', 'external')),
  -- Internal: the lab itself; peer: another lab of the network; external: none (the Bureau or an outside body).
  auditing_lab_code text REFERENCES lab (code),
  lead_auditor_id uuid REFERENCES app_user (id),
  lead_auditor_name text NOT NULL,
  title text NOT NULL,
  audit_date date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'published')),
  points integer NOT NULL DEFAULT 0,
  max_points integer NOT NULL DEFAULT 0,
  percent numeric(5, 2) NOT NULL DEFAULT 0,
  stars integer NOT NULL DEFAULT 0,
  stars_by_percent integer NOT NULL DEFAULT 0,
  proficiency text NOT NULL DEFAULT 'not_checked' CHECK (proficiency IN ('not_checked', 'met', 'not_met')),
  section_scores jsonb NOT NULL DEFAULT '[]',
  revision integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  approved_at timestamptz,
  published_at timestamptz,
  CHECK (
    (kind = 'internal' AND auditing_lab_code = lab_code)
    OR (kind = 'peer' AND auditing_lab_code IS NOT NULL AND auditing_lab_code <> lab_code)
    OR (kind = 'external' AND auditing_lab_code IS NULL)
  )
);
CREATE INDEX lab_audit_lab_idx ON lab_audit (lab_code, audit_date);
CREATE INDEX lab_audit_auditing_idx ON lab_audit (auditing_lab_code);

-- The current answer per item (leaf questions and sub-questions).
CREATE TABLE lab_audit_answer (
  audit_id uuid NOT NULL REFERENCES lab_audit (id),
  item_id text NOT NULL,
  answer text NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'na')),
  comment text,
  na_justification text,
  client_change_id uuid NOT NULL,
  client_at timestamptz NOT NULL,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (audit_id, item_id),
  CHECK (answer <> 'na' OR coalesce(length(trim(na_justification)), 0) > 0)
);

-- Every change a device sent, once: replays of a change id are recognised, and a change that
-- lost to a newer one (stale) is kept, so no answer is ever lost or counted twice.
CREATE TABLE lab_audit_answer_change (
  change_id uuid PRIMARY KEY,
  audit_id uuid NOT NULL REFERENCES lab_audit (id),
  item_id text NOT NULL,
  answer text CHECK (answer IN ('yes', 'partial', 'no', 'na')),
  comment text,
  na_justification text,
  client_at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'stale')),
  received_by uuid REFERENCES app_user (id),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_audit_answer_change_audit_idx ON lab_audit_answer_change (audit_id, item_id);

CREATE TABLE lab_audit_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_id uuid NOT NULL REFERENCES lab_audit (id),
  item_id text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_audit_evidence_audit_idx ON lab_audit_evidence (audit_id, item_id);

CREATE TABLE lab_audit_transition (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  audit_id uuid NOT NULL REFERENCES lab_audit (id),
  from_status text,
  to_status text NOT NULL,
  reason text,
  by_user uuid REFERENCES app_user (id),
  by_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_audit_transition_audit_idx ON lab_audit_transition (audit_id, at);
