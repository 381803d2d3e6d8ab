-- The household row's physical address (ctid), appended to the facts view (the view is
-- otherwise unchanged from 0404): the enrolment job walks the household table in ranges of
-- blocks, read by a TID range scan, so a national run reads the table once in order instead
-- of every chunk scanning it for a range of random uuids. Not a rule field (rule-fields.ts).
CREATE OR REPLACE VIEW programme_household_facts AS
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
    ac.level AS poverty_level,
    CASE WHEN ac.id IS NOT NULL THEN 'active' ELSE coalesce(
      (SELECT e.status FROM equity_card e WHERE e.household_id = h.id ORDER BY e.issued_at DESC LIMIT 1),
      'none') END AS card_status,
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
      AND v.relation_to_head = 'head') AS head_sex,
    h.ctid AS household_ctid
  FROM household h
  LEFT JOIN equity_card ac ON ac.household_id = h.id AND ac.status = 'active'
  WHERE h.status = 'active';
