import { DISABILITY_DOMAINS, RELATIONS } from '@mlob/contracts';
import { sql } from 'kysely';
import type { Database } from '../../../db/database';
import { derivedTables, importWorkMem } from './import-derive';
import { stageTable } from './import-files';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
// No bounded repetition ({0,63}): PostgreSQL's regex engine pays for it on every row.
const REF = `'^[A-Za-z0-9][A-Za-z0-9._/-]*$'`;

/**
 * Checks every staged row against every rule of the documented format, set-based: one scan
 * per file for the per-value rules (arrays unnested, not LATERAL VALUES, which would
 * compile its expressions again for every row), one statement per cross-row rule. Each problem becomes an
 * import_issue row naming file, row, column, value, reason and the household it condemns.
 * `queries` are the rules (validationQueries). All in one transaction that also marks the run
 * checked, so a run's issues appear whole and once; `onStep` hears after each rule how many
 * of how many are done.
 */
export async function validateStaged(
  database: Database,
  runId: string,
  options: { queries: readonly string[]; onStep?: (done: number, total: number) => void },
): Promise<void> {
  // Each rule's problems go first into a table of their own: PostgreSQL runs the SELECT of a
  // CREATE TABLE AS with parallel workers, never that of an INSERT, and the scans of a national
  // file are the longest part of validation. Problems are few, so copying them costs nothing.
  const found = `${stageTable(runId, 'members')}_i`;
  const { queries } = options;
  await database.db.transaction().execute(async (trx) => {
    // The staging tables have no indexes: the cross-row rules are hash joins and aggregates
    // over whole files, which need the memory.
    await sql.raw(`SET LOCAL work_mem = '${importWorkMem(database)}'`).execute(trx);
    for (const [index, query] of queries.entries()) {
      await sql.raw(`DROP TABLE IF EXISTS ${found}`).execute(trx);
      await sql
        .raw(`CREATE UNLOGGED TABLE ${found} (import_run_id, file, row_number, column_name, value, reason, household_ref)
          AS ${query}`)
        .execute(trx);
      await sql
        .raw(`INSERT INTO import_issue (import_run_id, file, row_number, column_name, value, reason, household_ref)
          SELECT * FROM ${found}`)
        .execute(trx);
      options.onStep?.(index + 1, queries.length);
    }
    await sql.raw(`DROP TABLE ${found}`).execute(trx);
    await trx.updateTable('import_run').set({ checked_at: new Date() }).where('id', '=', runId).execute();
  });
}

export interface ValidationOptions {
  today: string;
  scopeAreaCodes: readonly string[] | null;
}

/**
 * The rules of validateStaged as queries, in order: each returns the problems it finds as
 * (import_run_id, file, row, column, value, reason, household_ref). `today` is the date in
 * Cambodia, against which future dates are judged. Apart, so the import can count its steps
 * and the profile script can time each.
 */
export function validationQueries(runId: string, options: ValidationOptions): string[] {
  const { today } = options;
  const scopeTest =
    options.scopeAreaCodes === null
      ? 'false'
      : `NOT (${options.scopeAreaCodes.map((c) => `s.village_code LIKE '${c.replace(/[^0-9]/g, '')}%'`).join(' OR ') || 'false'})`;
  const h = stageTable(runId, 'households');
  const m = stageTable(runId, 'members');
  const t = derivedTables(runId);
  const run = `'${runId}'::uuid`;
  const statements = [
    // Households: each value on its own.
    perValueRules({
      run,
      file: 'households.csv',
      from: `${h} s`,
      columns: [
        {
          name: 'household_ref',
          checks: [
            ['s.household_ref IS NULL', 'household_ref is required'],
            [
              `s.household_ref !~ ${REF} OR length(s.household_ref) > 64`,
              'household_ref may hold only letters, digits and . _ / - (at most 64)',
            ],
          ],
        },
        {
          name: 'village_code',
          checks: [
            ['s.village_code IS NULL', 'village_code is required'],
            [
              'NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.village_code AND a.level = 4)',
              'unknown village code',
            ],
            [scopeTest, 'village outside your area'],
          ],
        },
        {
          name: 'phone',
          checks: [
            [
              `s.phone IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.phone, ';')) p
                WHERE btrim(p) <> '' AND coalesce(registry_normalize_phone(p), '') !~ (SELECT pattern FROM identifier_type WHERE code = 'phone'))`,
              'not a Cambodian phone number (0 and 8 or 9 digits, or +855)',
            ],
          ],
        },
      ],
    }),
    `     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'duplicate household_ref in the file (also row ' || d.first_row || ')', s.household_ref
     FROM ${h} s JOIN (SELECT household_ref, min(row_no) AS first_row FROM ${h} GROUP BY household_ref HAVING count(*) > 1) d USING (household_ref)
     WHERE s.row_no > d.first_row`,
    // Members: each value on its own. Names and dates were cleaned and checked once per
    // distinct value (import-derive.ts).
    perValueRules({
      run,
      file: 'members.csv',
      from: `${m} s
        LEFT JOIN ${t.names} fk ON fk.v = s.family_name_km LEFT JOIN ${t.names} gk ON gk.v = s.given_name_km
        LEFT JOIN ${t.names} fl ON fl.v = s.family_name_latin LEFT JOIN ${t.names} gl ON gl.v = s.given_name_latin
        LEFT JOIN ${t.dates} d ON d.v = s.birth_date`,
      columns: [
        {
          name: 'member_ref',
          checks: [
            ['s.member_ref IS NULL', 'member_ref is required'],
            [
              `s.member_ref !~ ${REF} OR length(s.member_ref) > 64`,
              'member_ref may hold only letters, digits and . _ / - (at most 64)',
            ],
          ],
        },
        { name: 'household_ref', checks: [['s.household_ref IS NULL', 'household_ref is required']] },
        {
          name: 'family_name_km',
          checks: [
            ['fk.clean IS NULL', 'family_name_km is required'],
            ['fk.is_not_khmer', 'family_name_km must be written in Khmer script'],
          ],
        },
        {
          name: 'given_name_km',
          checks: [
            ['gk.clean IS NULL', 'given_name_km is required'],
            ['gk.is_not_khmer', 'given_name_km must be written in Khmer script'],
          ],
        },
        {
          name: 'family_name_latin',
          checks: [['fl.is_not_latin', 'family_name_latin must be written in Latin letters']],
        },
        {
          name: 'given_name_latin',
          checks: [['gl.is_not_latin', 'given_name_latin must be written in Latin letters']],
        },
        {
          name: 'sex',
          checks: [
            ['s.sex IS NULL', 'sex is required'],
            [`s.sex NOT IN ('F', 'M')`, 'sex must be F or M'],
          ],
        },
        {
          name: 'birth_date',
          checks: [
            [
              's.birth_date IS NOT NULL AND d.is_bad_format',
              'birth_date must be YYYY-MM-DD, YYYY-MM or YYYY',
            ],
            ['s.birth_date IS NOT NULL AND d.birth_date IS NULL', 'impossible date'],
            [`d.birth_date > '${today}'::date`, 'birth date is in the future'],
            [`d.birth_date < '1900-01-01'::date`, 'birth date is before 1900'],
          ],
        },
        {
          name: 'relation_to_head',
          checks: [
            ['s.relation_to_head IS NULL', 'relation_to_head is required'],
            [
              `s.relation_to_head NOT IN (${list(RELATIONS)})`,
              `relation_to_head must be one of ${RELATIONS.join(', ')}`,
            ],
          ],
        },
        {
          name: 'national_id',
          checks: [
            [
              `s.national_id !~ (SELECT pattern FROM identifier_type WHERE code = 'national_id')`,
              'national_id must be 9 or 10 digits',
            ],
          ],
        },
        {
          name: 'phone',
          checks: [
            [
              `registry_normalize_phone(s.phone) !~ (SELECT pattern FROM identifier_type WHERE code = 'phone')`,
              'not a Cambodian phone number (0 and 8 or 9 digits, or +855)',
            ],
          ],
        },
        {
          name: 'disability',
          checks: [
            [
              `s.disability IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.disability, ';')) x
                WHERE btrim(x) NOT IN (${list(DISABILITY_DOMAINS)}))`,
              `disability must be a ;-separated list of ${DISABILITY_DOMAINS.join(', ')}`,
            ],
          ],
        },
        {
          name: 'chronic_illness',
          checks: [
            [
              `lower(s.chronic_illness) NOT IN ('true', 'false')`,
              'chronic_illness must be true, false or empty',
            ],
          ],
        },
      ],
    }),
    // A member_ref used twice: each later row names the first, and the first row condemns
    // its household too. One aggregate over the file serves both.
    `     SELECT ${run}, 'members.csv', s.row_no, 'member_ref', s.member_ref,
       CASE WHEN s.row_no > d.first_row THEN 'duplicate member_ref in the file (also row ' || d.first_row || ')'
         ELSE 'member_ref appears again later in the file' END, s.household_ref
     FROM ${m} s JOIN (SELECT member_ref, min(row_no) AS first_row FROM ${m} GROUP BY member_ref HAVING count(*) > 1) d USING (member_ref)`,
    `     SELECT ${run}, 'members.csv', s.row_no, 'household_ref', s.household_ref, 'member of an unknown household (not in households.csv)', NULL
     FROM ${m} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${h} x WHERE x.household_ref = s.household_ref)`,
    // Heads: exactly one per household. One pass over the heads serves both rules.
    `     WITH heads AS MATERIALIZED (
       SELECT household_ref, count(*) AS n FROM ${m} WHERE relation_to_head = 'head' GROUP BY household_ref)
     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'missing head: no member of this household has relation_to_head = head', s.household_ref
     FROM ${h} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM heads x WHERE x.household_ref = s.household_ref)
     UNION ALL
     SELECT ${run}, 'members.csv', s.row_no, 'relation_to_head', s.relation_to_head, 'two heads: household ' || s.household_ref || ' has ' || c.n || ' members with relation_to_head = head', s.household_ref
     FROM ${m} s JOIN heads c ON c.household_ref = s.household_ref AND c.n > 1
     WHERE s.relation_to_head = 'head'`,
    // A head already in the registry that this file does not mention would make two heads.
    `     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, 'two heads: the registry already has head ' || e.member_ref || ', who is not in members.csv', s.household_ref
     FROM ${h} s JOIN household eh ON eh.household_ref = s.household_ref
     JOIN member e ON e.household_id = eh.id AND e.relation_to_head = 'head' AND e.status = 'active'
     WHERE NOT EXISTS (SELECT 1 FROM ${m} x WHERE x.member_ref = e.member_ref)`,
  ];
  return statements;
}

/** One column's rules, in order: the first that holds is the reason reported. */
interface ColumnRules {
  name: string;
  checks: [condition: string, reason: string][];
}

/**
 * One scan of a file for the rules on single values. Every row is tested once with all the
 * conditions joined by OR; only the rare row that breaks one builds the per-column reasons
 * and is unnested into one issue per bad value (building them for every row cost most of
 * the scan). A condition that is NULL (an empty optional value) counts as no problem.
 */
function perValueRules(options: { run: string; file: string; from: string; columns: ColumnRules[] }): string {
  const { columns } = options;
  const anyBroken = columns.flatMap((c) => c.checks.map(([condition]) => `(${condition})`)).join(' OR ');
  const reasons = columns
    .map(
      (c) =>
        `CASE ${c.checks.map(([condition, reason]) => `WHEN ${condition} THEN '${reason.replace(/'/g, "''")}'`).join(' ')} END`,
    )
    .join(',\n');
  return `SELECT ${options.run}, '${options.file}', x.row_no, u.col, u.val, u.reason, x.household_ref
    FROM (SELECT s.row_no, s.household_ref,
        ARRAY[${columns.map((c) => `s.${c.name}`).join(', ')}] AS vals,
        ARRAY[${reasons}] AS reasons
      FROM ${options.from}
      WHERE ${anyBroken}) x
    CROSS JOIN LATERAL unnest(ARRAY[${columns.map((c) => `'${c.name}'`).join(', ')}], x.vals, x.reasons) AS u(col, val, reason)
    WHERE u.reason IS NOT NULL`;
}
