-- Laboratory quality: audit checklists as versioned, immutable data (SLIPTA v2, v3, ...).
CREATE TABLE lab_checklist_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  checklist text NOT NULL,
  version text NOT NULL,
  source text,
  source_commit text,
  file_sha256 text NOT NULL,
  answer_scores jsonb NOT NULL,
  star_bands jsonb NOT NULL,
  proficiency_test_rule jsonb NOT NULL,
  notes jsonb NOT NULL DEFAULT '[]',
  -- Every inconsistency the importer found; an administrator accepted them to load the file.
  inconsistencies jsonb NOT NULL DEFAULT '[]',
  declared_total_points integer NOT NULL,
  total_points integer NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (checklist, version)
);

CREATE TABLE lab_checklist_section (
  version_id uuid NOT NULL REFERENCES lab_checklist_version (id),
  number integer NOT NULL,
  title text NOT NULL,
  title_km text,
  declared_points integer NOT NULL,
  points integer NOT NULL,
  PRIMARY KEY (version_id, number)
);

-- Questions (parent_id NULL, with points) and sub-questions (parent_id set, no points).
CREATE TABLE lab_checklist_item (
  version_id uuid NOT NULL REFERENCES lab_checklist_version (id),
  id text NOT NULL,
  section_number integer NOT NULL,
  parent_id text,
  position integer NOT NULL,
  title text,
  -- The official wording from the imported file; short_en/short_km are the project's own.
  text text NOT NULL,
  short_en text,
  short_km text,
  points integer,
  answers text[] NOT NULL,
  PRIMARY KEY (version_id, id),
  FOREIGN KEY (version_id, section_number) REFERENCES lab_checklist_section (version_id, number),
  CHECK ((parent_id IS NULL) = (points IS NOT NULL))
);
CREATE INDEX lab_checklist_item_order_idx ON lab_checklist_item (version_id, position);

-- A loaded version is immutable: audits scored on it must stay reproducible.
CREATE FUNCTION lab_checklist_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'checklist versions are immutable: load a new version instead (%)', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER lab_checklist_version_immutable BEFORE UPDATE OR DELETE ON lab_checklist_version
  FOR EACH ROW EXECUTE FUNCTION lab_checklist_immutable();
CREATE TRIGGER lab_checklist_section_immutable BEFORE UPDATE OR DELETE ON lab_checklist_section
  FOR EACH ROW EXECUTE FUNCTION lab_checklist_immutable();
CREATE TRIGGER lab_checklist_item_immutable BEFORE UPDATE OR DELETE ON lab_checklist_item
  FOR EACH ROW EXECUTE FUNCTION lab_checklist_immutable();
