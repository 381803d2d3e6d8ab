-- Timing-only national-density registry for duplicate detection (docs/registry.md, Benchmarks):
-- run on a copy of a database loaded with the 1M-household files, e.g.
--   CREATE DATABASE nat TEMPLATE loaded_1m;  psql nat -f bench/registry-dedup-national.sql
-- A national-density registry for timing only: the 1M-household registry plus 2.6 relocated
-- copies (other villages, IDs and phones remapped so copies never share them), 3.6M households.
\timing on
DROP INDEX IF EXISTS member_name_km_trgm, member_name_latin_trgm, member_phonetic_idx, member_national_id_idx, member_phone_idx, member_name_words_idx, household_phones_idx;
SET session_replication_role = replica;
-- Whole districts move, and inside them communes and villages keep their rank (village i of
-- commune j of district d -> village i of commune j of district d + shift), so pairs within a
-- commune or a district stay within one.
CREATE TEMP TABLE v AS SELECT code, left(code, 4) AS district, left(code, 6) AS commune,
  (row_number() OVER (PARTITION BY left(code, 6) ORDER BY code) - 1)::int AS rank,
  count(*) OVER (PARTITION BY left(code, 6))::int AS n
  FROM area WHERE length(code) = 8;
CREATE TEMP TABLE c AS SELECT commune, district,
  (row_number() OVER (PARTITION BY district ORDER BY commune) - 1)::int AS rank,
  count(*) OVER (PARTITION BY district)::int AS n
  FROM (SELECT DISTINCT commune, district FROM v) x;
CREATE TEMP TABLE d AS SELECT district, (row_number() OVER (ORDER BY district) - 1)::int AS idx FROM (SELECT DISTINCT district FROM v) x;
CREATE TEMP TABLE src AS SELECT id, household_ref, village_code, status, change_id FROM household;
DO $$
DECLARE k int; nv int; cols text; mcols text;
BEGIN
  SELECT count(*) INTO nv FROM d;
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
    WHERE attrelid = 'member'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      AND attname NOT IN ('id', 'member_ref', 'household_id', 'national_id', 'phone', 'merged_into_member_id');
  SELECT string_agg('m.' || quote_ident(attname), ', ' ORDER BY attnum) INTO mcols FROM pg_attribute
    WHERE attrelid = 'member'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      AND attname NOT IN ('id', 'member_ref', 'household_id', 'national_id', 'phone', 'merged_into_member_id');
  FOR k IN 1..3 LOOP
    EXECUTE format($f$
      INSERT INTO household (id, household_ref, village_code, status, change_id)
      SELECT md5(s.id::text || %1$s)::uuid, s.household_ref || '-c%1$s', v2.code, s.status, s.change_id
      FROM src s JOIN v v1 ON v1.code = s.village_code JOIN c c1 ON c1.commune = v1.commune
      JOIN d d1 ON d1.district = v1.district
      JOIN d d2 ON d2.idx = (d1.idx + %1$s * (%2$s * 37 / 100)) %% %2$s
      JOIN c c2 ON c2.district = d2.district AND c2.rank = c1.rank %% c2.n
      JOIN v v2 ON v2.commune = c2.commune AND v2.rank = v1.rank %% v2.n
      WHERE %1$s < 3 OR abs(hashtext(s.id::text)) %% 10 < 6$f$, k, nv);
    EXECUTE format($f$
      INSERT INTO member (id, member_ref, household_id, national_id, phone, %3$s)
      SELECT md5(m.id::text || %1$s)::uuid, m.member_ref || '-c%1$s', md5(m.household_id::text || %1$s)::uuid,
        translate(m.national_id, '0123456789', %2$L), CASE WHEN m.phone IS NOT NULL THEN '0' || translate(substr(m.phone, 2), '0123456789', %2$L) END, %4$s
      FROM member m JOIN src s ON s.id = m.household_id
      WHERE %1$s < 3 OR abs(hashtext(s.id::text)) %% 10 < 6$f$, k,
      substr('12345678901234567890', k + 1, 10), cols, mcols);
    RAISE NOTICE 'copy % done', k;
  END LOOP;
END $$;
SET session_replication_role = origin;
ANALYZE household; ANALYZE member;
SELECT count(*) AS households FROM household;
SELECT count(*) AS members FROM member;
