-- Registry import helpers: parsing the documented file format in SQL, so validation and
-- loading run set-based over staged rows instead of one query per row.

-- A birth date as written in the file (YYYY, YYYY-MM or YYYY-MM-DD) → its first day, or NULL
-- when malformed or impossible (2023-02-30). Arithmetic only: never raises, so one bad value
-- cannot abort a statement over millions of rows.
CREATE FUNCTION registry_partial_date(value text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  -- String arithmetic rather than regular expressions: this runs once per member of a
  -- national import, where a regex costs ten times more.
  RETURN CASE
    WHEN length(value) NOT IN (4, 7, 10) OR translate(value, '0123456789', '') NOT IN ('', '-', '--') THEN NULL
    WHEN left(value, 1) NOT IN ('1', '2') OR position('-' IN left(value, 4)) > 0 THEN NULL
    WHEN length(value) = 4 THEN make_date(value::int, 1, 1)
    WHEN substr(value, 5, 1) <> '-' OR substr(value, 6, 2) NOT BETWEEN '01' AND '12' OR position('-' IN substr(value, 6, 2)) > 0 THEN NULL
    WHEN length(value) = 7 THEN make_date(left(value, 4)::int, substr(value, 6, 2)::int, 1)
    WHEN substr(value, 8, 1) <> '-' OR position('-' IN substr(value, 9, 2)) > 0 OR substr(value, 9, 2) < '01'
      OR substr(value, 9, 2)::int > extract(day FROM make_date(left(value, 4)::int, substr(value, 6, 2)::int, 1) + interval '1 month - 1 day')
      THEN NULL
    ELSE make_date(left(value, 4)::int, substr(value, 6, 2)::int, substr(value, 9, 2)::int)
  END;

CREATE FUNCTION registry_date_precision(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE length(value) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END;

-- A Cambodian phone number in its national form (0 + 8 or 9 digits): spaces, dots, dashes and
-- brackets dropped, +855 / 855 / 00855 replaced by 0. Validity is checked against the pattern
-- of identifier type 'phone'.
CREATE FUNCTION registry_normalize_phone(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN nullif(regexp_replace(regexp_replace(value, '[\s.()-]', '', 'g'), '^(\+855|00855|855)0?', '0'), '');

-- Names as stored: NFC, zero-width characters removed, spaces collapsed, trimmed.
CREATE FUNCTION registry_clean_name(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN nullif(btrim(regexp_replace(
    regexp_replace(normalize(value, NFC), '[\u200B\u200C\u200D\u2060\uFEFF\u00AD]', '', 'g'),
    '\s+', ' ', 'g')), '');

-- One change, one version: a row written twice by the same change in the same transaction
-- (an import demoting a head, then updating the rest of the row) keeps a single history entry.
CREATE OR REPLACE FUNCTION registry_keep_household_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - '{change_id,updated_at,version,created_at}'::text[] = to_jsonb(OLD) - '{change_id,updated_at,version,created_at}'::text[] THEN
    RETURN NULL;
  END IF;
  IF NEW.change_id IS NOT DISTINCT FROM OLD.change_id THEN
    IF OLD.updated_at = now() THEN RETURN NEW; END IF;
    RAISE EXCEPTION 'registry update of household % must name a new registry_change', OLD.id;
  END IF;
  INSERT INTO household_history SELECT (OLD).*, now(), NEW.change_id;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION registry_keep_member_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - '{change_id,updated_at,version,created_at,name_km_key,name_latin_key,phonetic_key}'::text[]
     = to_jsonb(OLD) - '{change_id,updated_at,version,created_at,name_km_key,name_latin_key,phonetic_key}'::text[] THEN
    RETURN NULL;
  END IF;
  IF NEW.change_id IS NOT DISTINCT FROM OLD.change_id THEN
    IF OLD.updated_at = now() THEN RETURN NEW; END IF;
    RAISE EXCEPTION 'registry update of member % must name a new registry_change', OLD.id;
  END IF;
  INSERT INTO member_history SELECT (OLD).*, now(), NEW.change_id;
  NEW.updated_at := now();
  NEW.version := OLD.version + 1;
  NEW.created_at := OLD.created_at;
  RETURN NEW;
END;
$$;

-- Same rule for references without bounded repetition, which costs on every inserted row.
ALTER TABLE household DROP CONSTRAINT household_household_ref_check,
  ADD CONSTRAINT household_household_ref_check CHECK (household_ref ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$' AND length(household_ref) <= 64);
ALTER TABLE member DROP CONSTRAINT member_member_ref_check,
  ADD CONSTRAINT member_member_ref_check CHECK (member_ref ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$' AND length(member_ref) <= 64);

-- Without STRICT, these one-expression SQL functions are inlined into the queries that call
-- them instead of going through the function executor on every row: a third of the cost on a
-- national import. (NULL still gives NULL: every step of their bodies is strict.)
CREATE OR REPLACE FUNCTION registry_fold_km(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN btrim(regexp_replace(
    replace(translate(
      regexp_replace(normalize(value, NFC), '[\u200B\u200C\u200D\u2060\uFEFF\u00AD\u17B4\u17B5]', '', 'g'),
      'ឣឲ', 'អឱ'), '្ដ', '្ត'),
    '\s+', ' ', 'g'));

CREATE OR REPLACE FUNCTION registry_fold_latin(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN btrim(regexp_replace(regexp_replace(
    translate(lower(value), 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn'),
    '[^a-z ]', '', 'g'), '\s+', ' ', 'g'));

CREATE OR REPLACE FUNCTION registry_phonetic_word(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
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


-- Approval levels for the life events added after the first rules.
INSERT INTO change_approval_rule (change_kind, levels, effective_from, reason) VALUES
  ('record_birth', '{commune}', '2026-01-01', 'Initial rule'),
  ('split_household', '{commune,province}', '2026-01-01', 'Initial rule'),
  ('merge_households', '{commune,province}', '2026-01-01', 'Initial rule');
