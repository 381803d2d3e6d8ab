-- Programmes (NSAF): the registry seen through two facts views, programmes and their versions
-- (eligibility rule text, dates, schedule, providers), benefit tables as rows, enrolment with
-- full history, and cycles with a frozen beneficiary snapshot and maker-checker approval.

-- The location class in effect today for each village (the latest effective_from not after today).
CREATE VIEW programme_village_class AS
  SELECT DISTINCT ON (c.village_code) c.village_code, c.location_class
  FROM village_location_class c
  WHERE c.effective_from <= current_date
  ORDER BY c.village_code, c.effective_from DESC;

-- Household facts for eligibility rules (see rules/rule-fields.ts): one row per active
-- household. Columns a rule does not name cost nothing: the view is flattened into the
-- caller's query, unused scalar subqueries are never evaluated and the left join on the
-- active card is removed (unique partial index) when its columns are unused.
CREATE VIEW programme_household_facts AS
  SELECT
    h.id AS household_id,
    h.household_ref,
    h.village_code,
    (SELECT c.location_class FROM village_location_class c
      WHERE c.village_code = h.village_code AND c.effective_from <= current_date
      ORDER BY c.effective_from DESC LIMIT 1) AS location_class,
    substr(h.village_code, 1, 2) AS province,
    substr(h.village_code, 1, 4) AS district,
    substr(h.village_code, 1, 6) AS commune,
    h.village_code AS village,
    ac.level::integer AS poverty_level,
    CASE WHEN ac.id IS NOT NULL THEN 'active' ELSE coalesce(
      (SELECT e.status FROM equity_card e WHERE e.household_id = h.id ORDER BY e.issued_at DESC LIMIT 1),
      'none') END AS card_status,
    -- At risk (near-poor), as the assessment module defines it: the latest assessment scored
    -- above the level-2 cut-off by at most the at-risk margin in effect, and at least one
    -- vulnerability category among the active members.
    coalesce((
      SELECT s.score > m.level2_cutoff AND s.score <= m.level2_cutoff + coalesce((
        SELECT r.value FROM assessment_rule r
        WHERE r.key = 'at_risk_margin' AND r.effective_from <= current_date
        ORDER BY r.effective_from DESC LIMIT 1), 0)
      FROM assessment a
      JOIN assessment_score s ON s.assessment_id = a.id AND s.model_version_id = a.model_version_id
      JOIN scoring_model_version m ON m.id = a.model_version_id
      WHERE a.household_id = h.id
      ORDER BY a.interviewed_on DESC, a.created_at DESC LIMIT 1), false)
    AND (
      EXISTS (SELECT 1 FROM member v WHERE v.household_id = h.id AND v.status = 'active' AND (
        cardinality(v.disability) > 0
        OR v.birth_date > current_date - interval '2 years'
        OR v.birth_date <= current_date - interval '60 years'
        OR (v.relation_to_head = 'head' AND v.sex = 'F')))
      OR (EXISTS (SELECT 1 FROM member v WHERE v.household_id = h.id AND v.status = 'active')
        AND NOT EXISTS (SELECT 1 FROM member v WHERE v.household_id = h.id AND v.status = 'active'
          AND (v.birth_date IS NULL OR v.birth_date <= current_date - interval '18 years')))
    ) AS is_at_risk,
    (SELECT count(*) FROM member v WHERE v.household_id = h.id AND v.status = 'active')::integer AS member_count,
    (SELECT v.sex::text FROM member v WHERE v.household_id = h.id AND v.status = 'active'
      AND v.relation_to_head = 'head') AS head_sex
  FROM household h
  LEFT JOIN equity_card ac ON ac.household_id = h.id AND ac.status = 'active'
  WHERE h.status = 'active';

-- Member facts for count(members where …): active members.
CREATE VIEW programme_member_facts AS
  SELECT m.household_id, m.member_ref, m.birth_date, m.sex::text AS sex,
    cardinality(m.disability) > 0 AS has_disability, m.chronic_illness, m.is_pregnant,
    m.relation_to_head AS relation
  FROM member m
  WHERE m.status = 'active';

CREATE TABLE programme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,47}$'),
  kind text NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'shock_response')),
  name_en text NOT NULL CHECK (name_en <> ''),
  name_km text NOT NULL CHECK (name_km <> ''),
  description_en text NOT NULL DEFAULT '',
  description_km text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programme_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES programme (id),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
  eligibility_rule text NOT NULL,
  effective_from date NOT NULL,
  effective_until date,
  schedule text NOT NULL CHECK (schedule IN ('monthly', 'quarterly', 'one_off')),
  providers text[] NOT NULL CHECK (cardinality(providers) > 0),
  withdrawal_days integer NOT NULL DEFAULT 30 CHECK (withdrawal_days BETWEEN 1 AND 365),
  -- Roles of the approval steps after preparation, in order (maker-checker).
  approval_roles text[] NOT NULL DEFAULT '{programme_officer,payment_officer}'
    CHECK (cardinality(approval_roles) BETWEEN 1 AND 5),
  note text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_by text,
  activated_at timestamptz,
  UNIQUE (programme_id, version),
  CHECK (effective_until IS NULL OR effective_until >= effective_from),
  CHECK ((status = 'draft') = (activated_at IS NULL))
);
-- One version in force per programme.
CREATE UNIQUE INDEX programme_version_one_active ON programme_version (programme_id) WHERE status = 'active';

-- A version in force is a decision: its rule, dates and formula never change (a new version does).
CREATE FUNCTION programme_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.eligibility_rule, NEW.effective_from, NEW.schedule, NEW.providers, NEW.withdrawal_days, NEW.approval_roles)
      IS DISTINCT FROM (OLD.eligibility_rule, OLD.effective_from, OLD.schedule, OLD.providers, OLD.withdrawal_days, OLD.approval_roles) THEN
    RAISE EXCEPTION 'programme version % is in force and cannot change; make a new version', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER programme_version_frozen BEFORE UPDATE ON programme_version
  FOR EACH ROW EXECUTE FUNCTION programme_version_frozen();

-- Benefit formula as rows: each matching row adds amount × multiplier, where the multiplier is
-- 1 (household), the active members (per_member) or the members matching category_rule (a
-- member condition in the rule language). NULL location class or level = any.
CREATE TABLE benefit_component (
  id bigserial PRIMARY KEY,
  programme_version_id uuid NOT NULL REFERENCES programme_version (id),
  component text NOT NULL CHECK (component IN ('household', 'per_member', 'per_member_in_category')),
  category_code text,
  category_rule text,
  location_class text CHECK (location_class IN ('phnom_penh_urban', 'other_urban', 'rural')),
  poverty_level smallint CHECK (poverty_level IN (1, 2)),
  amount_riel integer NOT NULL CHECK (amount_riel >= 0),
  -- false: the amount is configuration awaiting a confirmed figure (e.g. COVID rural L1 per member).
  is_confirmed boolean NOT NULL,
  note text NOT NULL DEFAULT '',
  CHECK ((component = 'per_member_in_category') = (category_rule IS NOT NULL AND category_code IS NOT NULL))
);
CREATE INDEX benefit_component_version_idx ON benefit_component (programme_version_id);
CREATE UNIQUE INDEX benefit_component_unique ON benefit_component
  (programme_version_id, component, coalesce(category_code, ''), coalesce(location_class, ''), coalesce(poverty_level, 0));

CREATE FUNCTION benefit_component_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM programme_version v WHERE v.id = coalesce(OLD.programme_version_id, NEW.programme_version_id) AND v.status <> 'draft') THEN
    RAISE EXCEPTION 'the benefit table of a version in force cannot change; make a new version';
  END IF;
  RETURN coalesce(NEW, OLD);
END;
$$;
CREATE TRIGGER benefit_component_frozen BEFORE UPDATE OR DELETE ON benefit_component
  FOR EACH ROW EXECUTE FUNCTION benefit_component_frozen();

-- One enrolment run of a version over the registry (the job's record).
CREATE TABLE enrolment_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_version_id uuid NOT NULL REFERENCES programme_version (id),
  job_id uuid,
  on_date date NOT NULL,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  counts jsonb
);

-- A household's current state in a programme. Manual decisions (is_manual) survive re-runs.
CREATE TABLE enrolment (
  programme_id uuid NOT NULL REFERENCES programme (id),
  household_id uuid NOT NULL REFERENCES household (id),
  programme_version_id uuid NOT NULL REFERENCES programme_version (id),
  state text NOT NULL CHECK (state IN ('eligible', 'enrolled', 'paused', 'exited', 'rejected', 'duplicate')),
  reason text NOT NULL CHECK (reason <> ''),
  is_manual boolean NOT NULL DEFAULT false,
  run_id uuid REFERENCES enrolment_run (id),
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (programme_id, household_id)
);
CREATE INDEX enrolment_state_idx ON enrolment (programme_id, state);

-- Every earlier state, kept by trigger: re-runs and decisions never lose history.
CREATE TABLE enrolment_history (
  id bigserial PRIMARY KEY,
  programme_id uuid NOT NULL,
  household_id uuid NOT NULL,
  programme_version_id uuid NOT NULL,
  state text NOT NULL,
  reason text NOT NULL,
  is_manual boolean NOT NULL,
  run_id uuid,
  changed_by text NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_to timestamptz NOT NULL
);
CREATE INDEX enrolment_history_household_idx ON enrolment_history (programme_id, household_id, valid_from);

CREATE FUNCTION enrolment_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.state, NEW.reason, NEW.is_manual) IS NOT DISTINCT FROM (OLD.state, OLD.reason, OLD.is_manual) THEN
    RETURN NULL;
  END IF;
  INSERT INTO enrolment_history (programme_id, household_id, programme_version_id, state, reason, is_manual,
    run_id, changed_by, valid_from, valid_to)
  VALUES (OLD.programme_id, OLD.household_id, OLD.programme_version_id, OLD.state, OLD.reason, OLD.is_manual,
    OLD.run_id, OLD.changed_by, OLD.changed_at, now());
  NEW.changed_at := now();
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;
CREATE TRIGGER enrolment_keep_history BEFORE UPDATE ON enrolment
  FOR EACH ROW EXECUTE FUNCTION enrolment_keep_history();
CREATE FUNCTION programme_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER enrolment_no_delete BEFORE DELETE ON enrolment
  FOR EACH ROW EXECUTE FUNCTION programme_forbid_delete();
