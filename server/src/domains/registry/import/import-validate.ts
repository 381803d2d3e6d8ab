import { DISABILITY_DOMAINS, RELATIONS } from '@mlob/contracts';
import type { Database } from '../../../db/database';
import { derivedTables } from './import-derive';
import { stageTable } from './import-files';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
// No bounded repetition ({0,63}): PostgreSQL's regex engine pays for it on every row.
const REF = `'^[A-Za-z0-9][A-Za-z0-9._/-]*$'`;

/**
 * Checks every staged row against every rule of the documented format, set-based: one scan
 * per file for the per-value rules (arrays unnested, not LATERAL VALUES, which would
 * compile its expressions again for every row), one statement per cross-row rule. Each problem becomes an
 * import_issue row naming file, row, column, value, reason and the household it condemns.
 * `today` is the date in Cambodia, against which future dates are judged.
 */
export async function validateStaged(
  database: Database,
  runId: string,
  options: { today: string; scopeAreaCodes: readonly string[] | null },
): Promise<void> {
  const { today } = options;
  const scopeTest =
    options.scopeAreaCodes === null
      ? 'false'
      : `NOT (${options.scopeAreaCodes.map((c) => `s.village_code LIKE '${c.replace(/[^0-9]/g, '')}%'`).join(' OR ') || 'false'})`;
  const h = stageTable(runId, 'households');
  const m = stageTable(runId, 'members');
  const t = derivedTables(runId);
  const insert = `INSERT INTO import_issue (import_run_id, file, row_number, column_name, value, reason, household_ref)`;
  const run = `'${runId}'::uuid`;
  const statements = [
    // Households: each value on its own.
    `${insert}
     SELECT ${run}, 'households.csv', x.row_no, u.col, u.val, u.reason, x.household_ref
     FROM (SELECT s.row_no, s.household_ref,
       ARRAY[s.household_ref, s.village_code, s.phone] AS vals,
       ARRAY[
       CASE WHEN s.household_ref IS NULL THEN 'household_ref is required'
          WHEN s.household_ref !~ ${REF} OR length(s.household_ref) > 64 THEN 'household_ref may hold only letters, digits and . _ / - (at most 64)' END,
       CASE WHEN s.village_code IS NULL THEN 'village_code is required'
          WHEN NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.village_code AND a.level = 4) THEN 'unknown village code'
          WHEN ${scopeTest} THEN 'village outside your area' END,
       CASE WHEN s.phone IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.phone, ';')) p
          WHERE btrim(p) <> '' AND coalesce(registry_normalize_phone(p), '') !~ (SELECT pattern FROM identifier_type WHERE code = 'phone'))
          THEN 'not a Cambodian phone number (0 and 8 or 9 digits, or +855)' END] AS reasons
     FROM ${h} s) x
     CROSS JOIN LATERAL unnest(ARRAY['household_ref', 'village_code', 'phone'], x.vals, x.reasons) AS u(col, val, reason)
     -- Tested on the row first, so the 13-way unnest runs only for rows with a problem.
     WHERE array_remove(x.reasons, NULL) <> '{}' AND u.reason IS NOT NULL`,
    `${insert}
     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'duplicate household_ref in the file (also row ' || d.first_row || ')', s.household_ref
     FROM ${h} s JOIN (SELECT household_ref, min(row_no) AS first_row FROM ${h} GROUP BY household_ref HAVING count(*) > 1) d USING (household_ref)
     WHERE s.row_no > d.first_row`,
    // Members: each value on its own.
    `${insert}
     SELECT ${run}, 'members.csv', x.row_no, u.col, u.val, u.reason, x.household_ref
     FROM (SELECT s.row_no, s.household_ref,
       ARRAY[s.member_ref, s.household_ref, s.family_name_km, s.given_name_km, s.family_name_latin, s.given_name_latin, s.sex, s.birth_date, s.relation_to_head, s.national_id, s.phone, s.disability, s.chronic_illness] AS vals,
       ARRAY[
       CASE WHEN s.member_ref IS NULL THEN 'member_ref is required'
          WHEN s.member_ref !~ ${REF} OR length(s.member_ref) > 64 THEN 'member_ref may hold only letters, digits and . _ / - (at most 64)' END,
       CASE WHEN s.household_ref IS NULL THEN 'household_ref is required' END,
       CASE WHEN fk.clean IS NULL THEN 'family_name_km is required'
          WHEN fk.is_not_khmer THEN 'family_name_km must be written in Khmer script' END,
       CASE WHEN gk.clean IS NULL THEN 'given_name_km is required'
          WHEN gk.is_not_khmer THEN 'given_name_km must be written in Khmer script' END,
       CASE WHEN fl.is_not_latin THEN 'family_name_latin must be written in Latin letters' END,
       CASE WHEN gl.is_not_latin THEN 'given_name_latin must be written in Latin letters' END,
       CASE WHEN s.sex IS NULL THEN 'sex is required' WHEN s.sex NOT IN ('F', 'M') THEN 'sex must be F or M' END,
       CASE WHEN s.birth_date IS NULL THEN NULL
          WHEN d.is_bad_format THEN 'birth_date must be YYYY-MM-DD, YYYY-MM or YYYY'
          WHEN d.birth_date IS NULL THEN 'impossible date'
          WHEN d.birth_date > '${today}'::date THEN 'birth date is in the future'
          WHEN d.birth_date < '1900-01-01'::date THEN 'birth date is before 1900' END,
       CASE WHEN s.relation_to_head IS NULL THEN 'relation_to_head is required'
          WHEN s.relation_to_head NOT IN (${list(RELATIONS)}) THEN 'relation_to_head must be one of ${RELATIONS.join(', ')}' END,
       CASE WHEN s.national_id !~ (SELECT pattern FROM identifier_type WHERE code = 'national_id')
          THEN 'national_id must be 9 or 10 digits' END,
       CASE WHEN registry_normalize_phone(s.phone) !~ (SELECT pattern FROM identifier_type WHERE code = 'phone')
          THEN 'not a Cambodian phone number (0 and 8 or 9 digits, or +855)' END,
       CASE WHEN s.disability IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.disability, ';')) x
          WHERE btrim(x) NOT IN (${list(DISABILITY_DOMAINS)})) THEN 'disability must be a ;-separated list of ${DISABILITY_DOMAINS.join(', ')}' END,
       CASE WHEN lower(s.chronic_illness) NOT IN ('true', 'false') THEN 'chronic_illness must be true, false or empty' END] AS reasons
     FROM ${m} s
     -- Names and dates were cleaned and checked once per distinct value (import-derive.ts).
     LEFT JOIN ${t.names} fk ON fk.v = s.family_name_km LEFT JOIN ${t.names} gk ON gk.v = s.given_name_km
     LEFT JOIN ${t.names} fl ON fl.v = s.family_name_latin LEFT JOIN ${t.names} gl ON gl.v = s.given_name_latin
     LEFT JOIN ${t.dates} d ON d.v = s.birth_date) x
     CROSS JOIN LATERAL unnest(ARRAY['member_ref', 'household_ref', 'family_name_km', 'given_name_km', 'family_name_latin', 'given_name_latin', 'sex', 'birth_date', 'relation_to_head', 'national_id', 'phone', 'disability', 'chronic_illness'], x.vals, x.reasons) AS u(col, val, reason)
     -- Tested on the row first, so the 13-way unnest runs only for rows with a problem.
     WHERE array_remove(x.reasons, NULL) <> '{}' AND u.reason IS NOT NULL`,
    `${insert}
     SELECT ${run}, 'members.csv', s.row_no, 'member_ref', s.member_ref, 'duplicate member_ref in the file (also row ' || d.first_row || ')', s.household_ref
     FROM ${m} s JOIN (SELECT member_ref, min(row_no) AS first_row FROM ${m} GROUP BY member_ref HAVING count(*) > 1) d USING (member_ref)
     WHERE s.row_no > d.first_row`,
    // The first row of a duplicated member_ref condemns its household too.
    `${insert}
     SELECT ${run}, 'members.csv', s.row_no, 'member_ref', s.member_ref, 'member_ref appears again later in the file', s.household_ref
     FROM ${m} s JOIN (SELECT member_ref, min(row_no) AS first_row FROM ${m} GROUP BY member_ref HAVING count(*) > 1) d USING (member_ref)
     WHERE s.row_no = d.first_row`,
    `${insert}
     SELECT ${run}, 'members.csv', s.row_no, 'household_ref', s.household_ref, 'member of an unknown household (not in households.csv)', NULL
     FROM ${m} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${h} x WHERE x.household_ref = s.household_ref)`,
    // Heads: exactly one per household.
    `${insert}
     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'missing head: no member of this household has relation_to_head = head', s.household_ref
     FROM ${h} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${m} x WHERE x.household_ref = s.household_ref AND x.relation_to_head = 'head')`,
    `${insert}
     SELECT ${run}, 'members.csv', s.row_no, 'relation_to_head', s.relation_to_head, 'two heads: household ' || s.household_ref || ' has ' || c.heads || ' members with relation_to_head = head', s.household_ref
     FROM ${m} s JOIN (SELECT household_ref, count(*) AS heads FROM ${m} WHERE relation_to_head = 'head' GROUP BY household_ref HAVING count(*) > 1) c USING (household_ref)
     WHERE s.relation_to_head = 'head'`,
    // A head already in the registry that this file does not mention would make two heads.
    `${insert}
     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'two heads: the registry already has head ' || e.member_ref || ', who is not in members.csv', s.household_ref
     FROM ${h} s JOIN household eh ON eh.household_ref = s.household_ref
     JOIN member e ON e.household_id = eh.id AND e.relation_to_head = 'head' AND e.status = 'active'
     WHERE NOT EXISTS (SELECT 1 FROM ${m} x WHERE x.member_ref = e.member_ref)`,
  ];
  // One transaction, so a run's issues appear whole. The staging tables have no indexes: the
  // cross-row rules are hash joins and aggregates over whole files, which need the memory.
  await database.execScript(`BEGIN; SET LOCAL work_mem = '256MB'; ${statements.join(';\n')}; COMMIT;`);
}
