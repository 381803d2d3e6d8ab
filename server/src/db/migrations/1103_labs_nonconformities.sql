-- Laboratory quality: nonconformities and corrective/preventive actions (CAPA).
CREATE TABLE lab_nc (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_code text NOT NULL REFERENCES lab (code),
  number text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('audit', 'internal_qc', 'eqa', 'complaint', 'incident', 'indicator', 'equipment')),
  audit_id uuid REFERENCES lab_audit (id),
  audit_item_id text,
  title text NOT NULL,
  description text NOT NULL,
  evidence text,
  immediate_correction text,
  corrected_on date,
  severity integer CHECK (severity BETWEEN 1 AND 5),
  likelihood integer CHECK (likelihood BETWEEN 1 AND 5),
  risk_grade text CHECK (risk_grade IN ('low', 'medium', 'high', 'critical')),
  root_cause jsonb,
  -- Set by an ineffective check: the NC cannot reach verification again without a new action.
  needs_new_action boolean NOT NULL DEFAULT false,
  stage text NOT NULL DEFAULT 'reported' CHECK (stage IN ('reported', 'analysis', 'action', 'verification', 'closed')),
  raised_by uuid REFERENCES app_user (id),
  raised_by_name text NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'audit') = (audit_id IS NOT NULL))
);
CREATE INDEX lab_nc_lab_stage_idx ON lab_nc (lab_code, stage);
-- One nonconformity per audit finding: the one-click button is safe to press twice.
CREATE UNIQUE INDEX lab_nc_finding_key ON lab_nc (audit_id, audit_item_id) WHERE audit_id IS NOT NULL;

CREATE TABLE lab_nc_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  nc_id uuid NOT NULL REFERENCES lab_nc (id),
  kind text NOT NULL CHECK (kind IN ('corrective', 'preventive')),
  description text NOT NULL,
  owner_name text NOT NULL,
  owner_user_id uuid REFERENCES app_user (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_on date,
  done_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX lab_nc_action_nc_idx ON lab_nc_action (nc_id);
CREATE INDEX lab_nc_action_due_idx ON lab_nc_action (due_on) WHERE status = 'open';

CREATE TABLE lab_nc_effectiveness_check (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  nc_id uuid NOT NULL REFERENCES lab_nc (id),
  checked_on date NOT NULL,
  is_effective boolean NOT NULL,
  evidence text NOT NULL,
  by_user uuid REFERENCES app_user (id),
  by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_nc_effectiveness_nc_idx ON lab_nc_effectiveness_check (nc_id);

-- Links from a nonconformity to any record (equipment, document, audit question, EQA result, ...).
CREATE TABLE lab_nc_link (
  nc_id uuid NOT NULL REFERENCES lab_nc (id),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  label text,
  PRIMARY KEY (nc_id, entity_type, entity_id)
);
CREATE INDEX lab_nc_link_entity_idx ON lab_nc_link (entity_type, entity_id);

-- Reminders the reminder job has raised (before and after due dates): an outbox, one per action, kind and due date.
CREATE TABLE lab_nc_reminder (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  action_id uuid NOT NULL REFERENCES lab_nc_action (id),
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_on date NOT NULL,
  lab_code text NOT NULL,
  message_en text NOT NULL,
  message_km text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (action_id, kind, due_on)
);
