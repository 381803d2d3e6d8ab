-- Misspelled-name search through the vocabulary of names, not through every member.
--
-- The trigram indexes on member.name_km_key and member.name_latin_key held the trigrams of
-- 15.6 M names, of which a national registry has far fewer distinct ones: rebuilding them was
-- the largest part of a national import's index phase, and a trigram search of a common name
-- read hundreds of thousands of postings. The trigrams now index each distinct folded name
-- once (registry_name_key); a search finds the closest names there, then their members
-- through plain B-trees on the two keys.
CREATE TABLE registry_name_key (
  kind text NOT NULL CHECK (kind IN ('km', 'latin')),
  key text NOT NULL CHECK (key <> ''),
  PRIMARY KEY (kind, key)
);

INSERT INTO registry_name_key (kind, key)
SELECT DISTINCT 'km', name_km_key FROM member WHERE name_km_key <> ''
UNION
SELECT DISTINCT 'latin', name_latin_key FROM member WHERE name_latin_key <> '';

CREATE INDEX registry_name_key_trgm ON registry_name_key USING gin (key gin_trgm_ops);

DROP INDEX member_name_km_trgm;
DROP INDEX member_name_latin_trgm;
CREATE INDEX member_name_km_key_idx ON member (name_km_key);
CREATE INDEX member_name_latin_key_idx ON member (name_latin_key) WHERE name_latin_key <> '';

-- Every writer but the import gets its keys here (0204); the vocabulary learns them at the
-- same time. The import adds the names of its rows itself, once per batch or run.
CREATE OR REPLACE FUNCTION registry_member_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_km_key := registry_fold_km(NEW.family_name_km || ' ' || NEW.given_name_km);
  NEW.name_latin_key := registry_fold_latin(coalesce(NEW.family_name_latin, '') || ' ' || coalesce(NEW.given_name_latin, ''));
  NEW.phonetic_key := registry_phonetic(NEW.family_name_latin, NEW.given_name_latin);
  INSERT INTO registry_name_key (kind, key)
  SELECT k.kind, k.key FROM (VALUES ('km', NEW.name_km_key), ('latin', NEW.name_latin_key)) AS k (kind, key)
  WHERE k.key <> ''
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;
