-- Registry: households, members, typed identifiers, full history, change requests with
-- approval by level, duplicate candidates and reversible merges, import runs.
--
-- History model: the current row lives in `household` / `member`; every UPDATE copies the
-- previous version (its values, the change that made it, and the period it was valid) into
-- `household_history` / `member_history` (trigger below). Every write names a `registry_change`
-- (who, when, why, which source). The `*_timeline` views join current and past versions, so
-- "household as it was on date D" is one query:
--   WHERE updated_at <= D AND (valid_to IS NULL OR valid_to > D)

-- Name keys used for search and duplicate detection. Kept in SQL (immutable functions feeding
-- generated columns) so bulk imports compute them set-based and they can never drift.

-- Khmer: NFC, zero-width and invisible characters removed, deprecated or look-alike letters
-- folded (ឣ→អ, ឲ→ឱ, coeng da→coeng ta), spaces collapsed.
CREATE FUNCTION registry_fold_km(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  RETURN btrim(regexp_replace(
    replace(translate(
      regexp_replace(normalize(value, NFC), '[\u200B\u200C\u200D\u2060\uFEFF\u00AD\u17B4\u17B5]', '', 'g'),
      'ឣឲ', 'អឱ'), '្ដ', '្ត'),
    '\s+', ' ', 'g'));

-- Latin: lower case, accents dropped, anything but letters and spaces removed.
CREATE FUNCTION registry_fold_latin(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  RETURN btrim(regexp_replace(regexp_replace(
    translate(lower(value), 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn'),
    '[^a-z ]', '', 'g'), '\s+', ' ', 'g'));

-- Phonetic key of one romanised Khmer word: the spellings people really use for the same
-- name (Chhun/Chun, Sok/Sokh/Sock, Pich/Bich/Pech, Vanna/Wanna/Vana, Thida/Tida, Srey/Srei)
-- collapse to one key: aspirates and voiced/unvoiced pairs folded, vowel runs to one 'a',
-- doubled letters collapsed.
CREATE FUNCTION registry_phonetic_word(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  RETURN regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      registry_fold_latin(value),
      '(chh|ch|j)', 'c', 'g'),
      '(kh|ck|gk|q|g)', 'k', 'g'),
      '(ph|bh|b)', 'p', 'g'),
      '(th|dh|d)', 't', 'g'),
      '(sh|x|z)', 's', 'g'),
      'w', 'v', 'g'),
      '([a-z])h', '\1', 'g'),
      '[aeiouy]+', 'a', 'g'),
      '(.)\1+', '\1', 'g'),
      '^h', '', 'g');

CREATE FUNCTION registry_phonetic(family text, given text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(registry_phonetic_word(replace(family, ' ', '')), '') || ' ' ||
    coalesce(registry_phonetic_word(replace(given, ' ', '')), '');

-- Who changed the registry, when, why and through what (import, life event, change request,
-- merge, ...). Every household/member version points at one.
CREATE TABLE registry_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  source text NOT NULL CHECK (source IN ('import', 'life_event', 'change_request', 'merge', 'unmerge', 'correction', 'seed')),
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'client', 'system')),
  actor_id text,
  reason text NOT NULL,
  change_request_id uuid,
  import_run_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_ref text NOT NULL UNIQUE CHECK (household_ref ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  village_code text NOT NULL REFERENCES area (code) CHECK (length(village_code) = 8),
  address text,
  phones text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'split', 'dissolved', 'moved')),
  merged_into_household_id uuid REFERENCES household (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Start of the current version's validity.
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  change_id uuid NOT NULL REFERENCES registry_change (id)
);
-- Scope queries are prefix matches (`village_code LIKE '0201%'`).
CREATE INDEX household_village_idx ON household (village_code text_pattern_ops);
CREATE INDEX household_phones_idx ON household USING gin (phones);

CREATE TABLE member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_ref text NOT NULL UNIQUE CHECK (member_ref ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  household_id uuid NOT NULL REFERENCES household (id),
  family_name_km text NOT NULL CHECK (family_name_km <> ''),
  given_name_km text NOT NULL CHECK (given_name_km <> ''),
  family_name_latin text,
  given_name_latin text,
  sex char(1) NOT NULL CHECK (sex IN ('F', 'M')),
  -- A partial date is stored as its first day plus its precision (1980 → 1980-01-01, 'year').
  birth_date date,
  birth_precision text CHECK (birth_precision IN ('day', 'month', 'year')),
  relation_to_head text NOT NULL CHECK (relation_to_head IN
    ('head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other_relative', 'non_relative')),
  national_id text,
  phone text,
  -- Washington Group short set domains.
  disability text[] NOT NULL DEFAULT '{}' CHECK (disability <@ ARRAY['seeing', 'hearing', 'walking', 'cognition', 'self_care', 'communication']::text[]),
  chronic_illness boolean,
  is_pregnant boolean NOT NULL DEFAULT false,
  death_date date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deceased', 'moved_out', 'merged_away')),
  merged_into_member_id uuid REFERENCES member (id),
  name_km_key text GENERATED ALWAYS AS (registry_fold_km(family_name_km || ' ' || given_name_km)) STORED,
  name_latin_key text GENERATED ALWAYS AS (registry_fold_latin(coalesce(family_name_latin, '') || ' ' || coalesce(given_name_latin, ''))) STORED,
  phonetic_key text GENERATED ALWAYS AS (registry_phonetic(family_name_latin, given_name_latin)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  change_id uuid NOT NULL REFERENCES registry_change (id),
  CHECK ((birth_date IS NULL) = (birth_precision IS NULL)),
  CHECK (death_date IS NULL OR birth_date IS NULL OR death_date >= birth_date),
  CHECK ((status = 'deceased') = (death_date IS NOT NULL)),
  CHECK (NOT is_pregnant OR sex = 'F')
);
CREATE INDEX member_household_idx ON member (household_id);
-- At most one active head per household in the database; "exactly one" for every active
-- household is checked by the services and the import (a deferred per-row trigger would
-- cost one query per row on a national import).
CREATE UNIQUE INDEX member_one_head_idx ON member (household_id) WHERE relation_to_head = 'head' AND status = 'active';
CREATE INDEX member_name_km_trgm ON member USING gin (name_km_key gin_trgm_ops);
CREATE INDEX member_name_latin_trgm ON member USING gin (name_latin_key gin_trgm_ops);
CREATE INDEX member_phonetic_idx ON member (phonetic_key);
CREATE INDEX member_national_id_idx ON member (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX member_phone_idx ON member (phone) WHERE phone IS NOT NULL;

-- Past versions: same columns as the current table (generated keys become plain values),
-- plus when the version stopped being valid and which change ended it.
CREATE TABLE household_history (LIKE household);
ALTER TABLE household_history
  ADD COLUMN valid_to timestamptz NOT NULL,
  ADD COLUMN closed_by_change_id uuid NOT NULL;
CREATE INDEX household_history_id_idx ON household_history (id, valid_to);

CREATE TABLE member_history (LIKE member);
ALTER TABLE member_history
  ADD COLUMN valid_to timestamptz NOT NULL,
  ADD COLUMN closed_by_change_id uuid NOT NULL;
CREATE INDEX member_history_id_idx ON member_history (id, valid_to);
CREATE INDEX member_history_household_idx ON member_history (household_id, valid_to);

-- Keeps the previous version of every updated row. An update must name a new change, so no
-- write can slip in without who/when/why; an update that changes no value is skipped, so
-- re-importing the same file writes nothing.
CREATE FUNCTION registry_keep_household_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - '{change_id,updated_at,version,created_at}'::text[] = to_jsonb(OLD) - '{change_id,updated_at,version,created_at}'::text[] THEN
    RETURN NULL;
  END IF;
  IF NEW.change_id IS NOT DISTINCT FROM OLD.change_id THEN
    RAISE EXCEPTION 'registry update of household % must name a new registry_change', OLD.id;
  END IF;
  INSERT INTO household_history SELECT (OLD).*, now(), NEW.change_id;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END;
$$;
CREATE TRIGGER household_keep_history BEFORE UPDATE ON household
  FOR EACH ROW EXECUTE FUNCTION registry_keep_household_history();

CREATE FUNCTION registry_keep_member_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - '{change_id,updated_at,version,created_at,name_km_key,name_latin_key,phonetic_key}'::text[] = to_jsonb(OLD) - '{change_id,updated_at,version,created_at,name_km_key,name_latin_key,phonetic_key}'::text[] THEN
    RETURN NULL;
  END IF;
  IF NEW.change_id IS NOT DISTINCT FROM OLD.change_id THEN
    RAISE EXCEPTION 'registry update of member % must name a new registry_change', OLD.id;
  END IF;
  INSERT INTO member_history SELECT (OLD).*, now(), NEW.change_id;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END;
$$;
CREATE TRIGGER member_keep_history BEFORE UPDATE ON member
  FOR EACH ROW EXECUTE FUNCTION registry_keep_member_history();

CREATE FUNCTION registry_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry rows are never deleted; change their status instead';
END;
$$;
CREATE TRIGGER household_no_delete BEFORE DELETE ON household FOR EACH ROW EXECUTE FUNCTION registry_forbid_delete();
CREATE TRIGGER member_no_delete BEFORE DELETE ON member FOR EACH ROW EXECUTE FUNCTION registry_forbid_delete();

CREATE VIEW household_timeline AS
  SELECT h.*, NULL::timestamptz AS valid_to, NULL::uuid AS closed_by_change_id FROM household h
  UNION ALL SELECT * FROM household_history;
CREATE VIEW member_timeline AS
  SELECT m.*, NULL::timestamptz AS valid_to, NULL::uuid AS closed_by_change_id FROM member m
  UNION ALL SELECT * FROM member_history;

-- Typed identifiers. Each type carries its own validation pattern (rules are data).
CREATE TABLE identifier_type (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  applies_to text NOT NULL CHECK (applies_to IN ('member', 'household')),
  label_km text NOT NULL,
  label_en text NOT NULL,
  pattern text NOT NULL,
  example text NOT NULL,
  is_active boolean NOT NULL DEFAULT true
);
INSERT INTO identifier_type (code, applies_to, label_km, label_en, pattern, example) VALUES
  ('national_id', 'member', 'អត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរ', 'Khmer national ID card', '^[0-9]{9,10}$', '010203045'),
  ('birth_certificate', 'member', 'សំបុត្រកំណើត', 'Birth certificate', '^[0-9A-Z/-]{4,20}$', '0201-123/2015'),
  ('passport', 'member', 'លិខិតឆ្លងដែន', 'Passport', '^[A-Z][0-9]{7,8}$', 'N01234567'),
  ('nssf', 'member', 'បេឡាជាតិរបបសន្តិសុខសង្គម', 'NSSF number', '^[0-9]{8,12}$', '1234567890'),
  ('phone', 'member', 'លេខទូរស័ព្ទ', 'Phone number', '^0[1-9][0-9]{7,8}$', '012345678'),
  ('equity_card', 'household', 'ប័ណ្ណសមធម៌', 'Equity Card number', '^[0-9A-Z-]{6,20}$', 'EC-02010101-0001'),
  ('family_book', 'household', 'សៀវភៅគ្រួសារ', 'Family book number', '^[0-9A-Z/-]{4,20}$', '0201-00123');

-- Identifier assignments are never updated: a correction closes the old row (valid_to) and
-- opens a new one, so their history is the table itself.
CREATE TABLE registry_identifier (
  id bigserial PRIMARY KEY,
  type_code text NOT NULL REFERENCES identifier_type (code),
  member_id uuid REFERENCES member (id),
  household_id uuid REFERENCES household (id),
  value text NOT NULL,
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_to timestamptz,
  change_id uuid NOT NULL REFERENCES registry_change (id),
  closed_by_change_id uuid REFERENCES registry_change (id),
  CHECK ((member_id IS NULL) <> (household_id IS NULL))
);
CREATE INDEX registry_identifier_value_idx ON registry_identifier (type_code, value) WHERE valid_to IS NULL;
CREATE INDEX registry_identifier_member_idx ON registry_identifier (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX registry_identifier_household_idx ON registry_identifier (household_id) WHERE household_id IS NOT NULL;

-- Approval levels per change kind, as data with an effective date.
CREATE TABLE change_approval_rule (
  id serial PRIMARY KEY,
  change_kind text NOT NULL,
  levels text[] NOT NULL CHECK (levels <@ ARRAY['commune', 'province', 'national']::text[] AND cardinality(levels) > 0),
  effective_from date NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (change_kind, effective_from)
);
INSERT INTO change_approval_rule (change_kind, levels, effective_from, reason) VALUES
  ('new_household', '{commune,province}', '2026-01-01', 'Initial rule: new households need commune and province approval'),
  ('add_member', '{commune}', '2026-01-01', 'Initial rule'),
  ('remove_member', '{commune,province}', '2026-01-01', 'Initial rule'),
  ('correct_field', '{commune}', '2026-01-01', 'Initial rule'),
  ('record_death', '{commune}', '2026-01-01', 'Initial rule'),
  ('move_member', '{commune,province}', '2026-01-01', 'Initial rule'),
  ('move_household', '{commune,province}', '2026-01-01', 'Initial rule');

CREATE TABLE change_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected', 'cancelled', 'failed')),
  -- The village the change concerns: approvers see requests whose village is in their scope.
  village_code text NOT NULL REFERENCES area (code),
  household_id uuid REFERENCES household (id),
  member_id uuid REFERENCES member (id),
  payload jsonb NOT NULL,
  reason text NOT NULL,
  levels text[] NOT NULL,
  -- Index into levels of the next approval wanted (0-based); = cardinality(levels) when done.
  next_level integer NOT NULL DEFAULT 0,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  rejection_reason text,
  applied_change_id uuid REFERENCES registry_change (id)
);
CREATE INDEX change_request_queue_idx ON change_request (village_code text_pattern_ops, requested_at) WHERE status = 'pending';
CREATE INDEX change_request_household_idx ON change_request (household_id);

CREATE TABLE change_request_step (
  id bigserial PRIMARY KEY,
  change_request_id uuid NOT NULL REFERENCES change_request (id),
  level text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected', 'cancelled')),
  decided_by uuid NOT NULL,
  comment text,
  decided_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (change_request_id, level)
);

-- Duplicate detection: candidate pairs (a < b) with a score and its reasons, then a review.
CREATE TABLE duplicate_candidate (
  id bigserial PRIMARY KEY,
  member_a_id uuid NOT NULL REFERENCES member (id),
  member_b_id uuid NOT NULL REFERENCES member (id),
  score real NOT NULL,
  reasons text[] NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed', 'unmerged')),
  detected_at timestamptz NOT NULL DEFAULT now(),
  detected_by_job_id uuid,
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text,
  CHECK (member_a_id < member_b_id),
  UNIQUE (member_a_id, member_b_id)
);
CREATE INDEX duplicate_candidate_open_idx ON duplicate_candidate (score DESC) WHERE status = 'open';
CREATE INDEX duplicate_candidate_b_idx ON duplicate_candidate (member_b_id);

-- A merge marks the duplicate 'merged_away' pointing at the survivor; undoing it restores the
-- versions it replaced (both changes stay in history).
CREATE TABLE member_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id bigint REFERENCES duplicate_candidate (id),
  survivor_member_id uuid NOT NULL REFERENCES member (id),
  merged_member_id uuid NOT NULL REFERENCES member (id),
  change_id uuid NOT NULL REFERENCES registry_change (id),
  undone_by_change_id uuid REFERENCES registry_change (id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz
);
CREATE INDEX member_merge_merged_idx ON member_merge (merged_member_id);

-- Imports: one run per pair of files, with every problem found kept for the report.
CREATE TABLE import_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id uuid,
  households_file text NOT NULL,
  members_file text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
  households_imported integer NOT NULL DEFAULT 0,
  households_updated integer NOT NULL DEFAULT 0,
  households_unchanged integer NOT NULL DEFAULT 0,
  households_rejected integer NOT NULL DEFAULT 0,
  members_total integer NOT NULL DEFAULT 0,
  created_by_kind text NOT NULL,
  created_by text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE TABLE import_issue (
  id bigserial PRIMARY KEY,
  import_run_id uuid NOT NULL REFERENCES import_run (id),
  file text NOT NULL,
  row_number integer,
  column_name text,
  value text,
  reason text NOT NULL,
  household_ref text
);
CREATE INDEX import_issue_run_idx ON import_issue (import_run_id, id);
