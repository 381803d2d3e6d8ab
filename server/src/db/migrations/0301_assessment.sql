-- Assessment (IDPoor): questionnaire and scoring model versions as data, rounds, on-demand
-- requests, assessments and their scores, community validation of village lists, Equity
-- Cards. Households and members belong to the registry (0201); this file only points at them.

CREATE TABLE questionnaire_version (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  setting text NOT NULL CHECK (setting IN ('rural', 'urban')),
  title_en text NOT NULL,
  title_km text NOT NULL,
  is_illustrative boolean NOT NULL,
  definition jsonb NOT NULL,
  checksum text NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scoring_model_version (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  questionnaire_version_id integer NOT NULL REFERENCES questionnaire_version (id),
  title_en text NOT NULL,
  title_km text NOT NULL,
  is_illustrative boolean NOT NULL,
  definition jsonb NOT NULL,
  checksum text NOT NULL,
  level1_cutoff integer NOT NULL,
  level2_cutoff integer NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (level1_cutoff < level2_cutoff)
);

-- Rules of the process that are not part of a model, versioned by effective date:
-- on_demand_card_months, at_risk_margin, revocation_warning_days.
CREATE TABLE assessment_rule (
  key text NOT NULL CHECK (key IN ('on_demand_card_months', 'at_risk_margin', 'revocation_warning_days')),
  value integer NOT NULL CHECK (value >= 0),
  effective_from date NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (key, effective_from)
);
INSERT INTO assessment_rule (key, value, effective_from, reason) VALUES
  ('on_demand_card_months', 24, '2026-01-01', 'Initial rule (illustrative): on-demand cards last two years'),
  ('at_risk_margin', 5, '2026-01-01', 'Initial rule (illustrative): up to 5 points above the level-2 cut-off'),
  ('revocation_warning_days', 30, '2026-01-01', 'Initial rule: a household is warned 30 days before revocation');

CREATE TABLE assessment_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  setting text NOT NULL CHECK (setting IN ('rural', 'urban')),
  number integer NOT NULL CHECK (number > 0),
  title text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  questionnaire_version_id integer NOT NULL REFERENCES questionnaire_version (id),
  model_version_id integer NOT NULL REFERENCES scoring_model_version (id),
  card_valid_months integer NOT NULL CHECK (card_valid_months BETWEEN 1 AND 120),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (setting, number),
  CHECK (ends_on >= starts_on)
);

CREATE TABLE assessment_round_village (
  round_id uuid NOT NULL REFERENCES assessment_round (id),
  village_code text NOT NULL REFERENCES area (code),
  PRIMARY KEY (round_id, village_code)
);
CREATE INDEX assessment_round_village_code_idx ON assessment_round_village (village_code);

CREATE TABLE assessment_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household (id),
  village_code text NOT NULL REFERENCES area (code),
  requested_via text NOT NULL CHECK (requested_via IN ('village_chief', 'commune_councillor', 'officer')),
  requester_name text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assessed', 'cancelled')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_request_village_idx ON assessment_request (village_code text_pattern_ops);

CREATE TABLE assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household (id),
  -- The household's village on the interview date (households move; the list is per village).
  village_code text NOT NULL REFERENCES area (code),
  round_id uuid REFERENCES assessment_round (id),
  request_id uuid REFERENCES assessment_request (id),
  questionnaire_version_id integer NOT NULL REFERENCES questionnaire_version (id),
  model_version_id integer NOT NULL REFERENCES scoring_model_version (id),
  interviewer_name text NOT NULL,
  interviewed_on date NOT NULL,
  answers jsonb NOT NULL,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((round_id IS NULL) <> (request_id IS NULL))
);
CREATE INDEX assessment_village_idx ON assessment (village_code text_pattern_ops);
CREATE INDEX assessment_round_idx ON assessment (round_id, village_code);
CREATE INDEX assessment_household_idx ON assessment (household_id, interviewed_on);

-- Scores per assessment and model: the assessment's own model, and any model it was
-- re-scored with. Written set-based (scoring-sql.ts).
CREATE TABLE assessment_score (
  assessment_id uuid NOT NULL REFERENCES assessment (id),
  model_version_id integer NOT NULL REFERENCES scoring_model_version (id),
  base_points integer NOT NULL,
  adjustment integer NOT NULL,
  score integer NOT NULL,
  level smallint CHECK (level IN (1, 2)),
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, model_version_id)
);

-- A version is never edited once an assessment or a round uses it: load a new version.
CREATE FUNCTION assessment_forbid_used_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'scoring_model_version' AND (
       EXISTS (SELECT 1 FROM assessment WHERE model_version_id = OLD.id)
       OR EXISTS (SELECT 1 FROM assessment_round WHERE model_version_id = OLD.id)
       OR EXISTS (SELECT 1 FROM assessment_score WHERE model_version_id = OLD.id)) THEN
    RAISE EXCEPTION 'scoring model % is in use and cannot be changed; load a new version', OLD.code;
  END IF;
  IF TG_TABLE_NAME = 'questionnaire_version' AND (
       EXISTS (SELECT 1 FROM assessment WHERE questionnaire_version_id = OLD.id)
       OR EXISTS (SELECT 1 FROM scoring_model_version WHERE questionnaire_version_id = OLD.id)) THEN
    RAISE EXCEPTION 'questionnaire % is in use and cannot be changed; load a new version', OLD.code;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER scoring_model_version_frozen BEFORE UPDATE OR DELETE ON scoring_model_version
  FOR EACH ROW EXECUTE FUNCTION assessment_forbid_used_version_change();
CREATE TRIGGER questionnaire_version_frozen BEFORE UPDATE OR DELETE ON questionnaire_version
  FOR EACH ROW EXECUTE FUNCTION assessment_forbid_used_version_change();

-- Community validation: one list per village and round (or per village for on-demand
-- assessments), moving draft → displayed (objection period) → approved → published.
CREATE TABLE village_list (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  village_code text NOT NULL REFERENCES area (code),
  round_id uuid REFERENCES assessment_round (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'displayed', 'approved', 'published')),
  objection_until date,
  council_decision_ref text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  displayed_at timestamptz,
  approved_at timestamptz,
  published_at timestamptz,
  CHECK (status = 'draft' OR objection_until IS NOT NULL)
);
CREATE INDEX village_list_village_idx ON village_list (village_code text_pattern_ops);
CREATE UNIQUE INDEX village_list_round_once ON village_list (village_code, round_id) WHERE round_id IS NOT NULL;

CREATE TABLE village_list_entry (
  list_id uuid NOT NULL REFERENCES village_list (id),
  household_id uuid NOT NULL REFERENCES household (id),
  assessment_id uuid NOT NULL UNIQUE REFERENCES assessment (id),
  score integer NOT NULL,
  proposed_level smallint CHECK (proposed_level IN (1, 2)),
  final_level smallint CHECK (final_level IN (1, 2)),
  PRIMARY KEY (list_id, household_id)
);

CREATE TABLE list_objection (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  list_id uuid NOT NULL REFERENCES village_list (id),
  household_id uuid NOT NULL REFERENCES household (id),
  lodged_by_name text NOT NULL,
  reason text NOT NULL,
  -- The level the objector asks for; NULL asks that the household be taken off the list.
  requested_level smallint CHECK (requested_level IN (1, 2)),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
  decision_reason text,
  decided_by text,
  decided_at timestamptz,
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (list_id, household_id) REFERENCES village_list_entry (list_id, household_id)
);
CREATE INDEX list_objection_list_idx ON list_objection (list_id);

CREATE TABLE equity_card (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  card_number text NOT NULL UNIQUE CHECK (card_number ~ '^[0-9]{13}$'),
  household_id uuid NOT NULL REFERENCES household (id),
  village_code text NOT NULL REFERENCES area (code),
  level smallint NOT NULL CHECK (level IN (1, 2)),
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'revoked', 'superseded')),
  status_reason text,
  list_id uuid NOT NULL REFERENCES village_list (id),
  assessment_id uuid NOT NULL REFERENCES assessment (id),
  superseded_by_card_id uuid REFERENCES equity_card (id),
  warning_at timestamptz,
  warning_reason text,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz,
  CHECK (valid_until > valid_from),
  CHECK (status = 'active' OR status_reason IS NOT NULL),
  CHECK (status <> 'revoked' OR warning_at IS NOT NULL)
);
CREATE UNIQUE INDEX equity_card_one_active ON equity_card (household_id) WHERE status = 'active';
CREATE INDEX equity_card_village_idx ON equity_card (village_code text_pattern_ops);
CREATE INDEX equity_card_expiry_idx ON equity_card (valid_until) WHERE status = 'active';
