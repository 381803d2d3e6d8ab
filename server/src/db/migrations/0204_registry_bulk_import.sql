-- Registry import at national scale.
--
-- 1. Name keys stop being generated columns. A generated column evaluates its regex-heavy
--    folding functions once per row on every insert: measured at 75 µs per member, the
--    largest single cost of a national import (15.6 M members ≈ 20 minutes on this server).
--    The import now computes the keys once per distinct name (a few thousand for millions of
--    members) and writes them; every other writer gets them from the trigger below, so they
--    still cannot drift from the names.
ALTER TABLE member
  ALTER COLUMN name_km_key DROP EXPRESSION,
  ALTER COLUMN name_latin_key DROP EXPRESSION,
  ALTER COLUMN phonetic_key DROP EXPRESSION;

-- The same expressions the generated columns had.
CREATE FUNCTION registry_member_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_km_key := registry_fold_km(NEW.family_name_km || ' ' || NEW.given_name_km);
  NEW.name_latin_key := registry_fold_latin(coalesce(NEW.family_name_latin, '') || ' ' || coalesce(NEW.given_name_latin, ''));
  NEW.phonetic_key := registry_phonetic(NEW.family_name_latin, NEW.given_name_latin);
  RETURN NEW;
END;
$$;
-- An insert that brings no keys (every writer but the import) gets them computed; the WHEN
-- test runs without calling the function, so the import's rows pay nothing.
CREATE TRIGGER member_name_keys_on_insert BEFORE INSERT ON member FOR EACH ROW
  WHEN (NEW.name_km_key IS NULL OR NEW.name_latin_key IS NULL OR NEW.phonetic_key IS NULL)
  EXECUTE FUNCTION registry_member_keys();
-- Any update naming a name or a key recomputes the keys from the names.
CREATE TRIGGER member_name_keys_on_update
  BEFORE UPDATE OF family_name_km, given_name_km, family_name_latin, given_name_latin, name_km_key, name_latin_key, phonetic_key
  ON member FOR EACH ROW EXECUTE FUNCTION registry_member_keys();

-- Time-ordered identifiers for imported rows (UUID version 7 layout: 48-bit milliseconds, then
-- a per-run random part, then a sequence number), so primary-key and foreign-key B-trees are
-- appended to instead of written at random pages: with random UUIDs a national import dirties
-- a random leaf of a 600 MB index per row. `prefix` is 17 hex digits chosen once per run.
CREATE FUNCTION registry_ordered_uuid(prefix text, n bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (prefix || lpad(to_hex(n), 15, '0'))::uuid;

-- Indexes and foreign keys an import set aside while it loads many rows into a small table
-- (see import.service.ts, bulk mode): kept here, in the same transaction as their removal,
-- so a stopped import (or any later one) can always put them back.
CREATE TABLE import_deferred_object (
  import_run_id uuid NOT NULL REFERENCES import_run (id),
  name text NOT NULL,
  table_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('index', 'constraint')),
  definition text NOT NULL,
  PRIMARY KEY (import_run_id, name)
);
