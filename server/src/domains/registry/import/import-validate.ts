import {
  DISABILITY_DOMAINS,
  type ImportReasonArgs,
  type ImportReasonCode,
  importReasonArgNames,
  importReasonText,
  RELATIONS,
} from '@mlob/contracts';
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
 * `queries` are the rules (validationQueries). Each rule is one transaction that stores its
 * problems and counts itself in `import_run.checked_steps`, so a stopped check resumes at the
 * next rule (`fromStep`) with no rule's problems stored twice or half, and on PGlite, whose one
 * connection a transaction holds, other requests are served between rules. The last rule
 * marks the run checked. `onStep` hears after each rule how many of how many are done.
 */
export async function validateStaged(
  database: Database,
  runId: string,
  options: {
    queries: readonly string[];
    /** Rules already stored (import_run.checked_steps): a resumed check starts after them. */
    fromStep?: number;
    onStep?: (done: number, total: number) => void;
    /** Stops between rules (a job handing itself back); the rules done stay done. */
    signal?: AbortSignal;
  },
): Promise<void> {
  // Each rule's problems go first into a table of their own: PostgreSQL runs the SELECT of a
  // CREATE TABLE AS with parallel workers, never that of an INSERT, and the scans of a national
  // file are the longest part of validation. Problems are few, so copying them costs nothing.
  const found = `${stageTable(runId, 'members')}_i`;
  const { queries } = options;
  for (let index = options.fromStep ?? 0; index < queries.length; index += 1) {
    if (options.signal?.aborted) throw new ImportStoppedError();
    await database.db.transaction().execute(async (trx) => {
      // The staging tables have no indexes: the cross-row rules are hash joins and aggregates
      // over whole files, which need the memory.
      await sql.raw(`SET LOCAL work_mem = '${importWorkMem(database)}'`).execute(trx);
      await sql.raw(`DROP TABLE IF EXISTS ${found}`).execute(trx);
      await sql.raw(`CREATE UNLOGGED TABLE ${found} (${ISSUE_COLUMNS}) AS ${queries[index]}`).execute(trx);
      await sql.raw(`INSERT INTO import_issue (${ISSUE_COLUMNS}) SELECT * FROM ${found}`).execute(trx);
      await sql.raw(`DROP TABLE ${found}`).execute(trx);
      // Only from the step before: a second process checking the same run (a job taken over
      // while its first runner still worked) finds the step done and rolls its copy back.
      const isNext = await trx
        .updateTable('import_run')
        .set({ checked_steps: index + 1, checked_at: index + 1 === queries.length ? new Date() : null })
        .where('id', '=', runId)
        .where('checked_steps', '=', index)
        .executeTakeFirst();
      if (Number(isNext.numUpdatedRows) !== 1) throw new ImportStoppedError();
    });
    options.onStep?.(index + 1, queries.length);
  }
}

/** A check (or write) that stopped on purpose: the run stays as it is, to be resumed. */
export class ImportStoppedError extends Error {
  constructor() {
    super('import stopped');
    this.name = 'ImportStoppedError';
  }
}

export interface ValidationOptions {
  today: string;
  scopeAreaCodes: readonly string[] | null;
}

/**
 * The rules of validateStaged as queries, in order: each returns the problems it finds as
 * ISSUE_COLUMNS, the reason both as an English sentence and as a code with its arguments. `today` is the date in
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
            ['s.household_ref IS NULL', 'required'],
            [`s.household_ref !~ ${REF} OR length(s.household_ref) > 64`, 'bad_reference'],
          ],
        },
        {
          name: 'village_code',
          checks: [
            ['s.village_code IS NULL', 'required'],
            [
              'NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.village_code AND a.level = 4)',
              'unknown_village',
            ],
            [scopeTest, 'outside_area'],
          ],
        },
        {
          name: 'phone',
          checks: [
            [
              `s.phone IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.phone, ';')) p
                WHERE btrim(p) <> '' AND coalesce(registry_normalize_phone(p), '') !~ (SELECT pattern FROM identifier_type WHERE code = 'phone'))`,
              'bad_phone',
            ],
          ],
        },
      ],
    }),
    `     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, ${reasonSql('duplicate_in_file', { column: 'household_ref' }, { row: 'd.first_row' })}, s.household_ref
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
            ['s.member_ref IS NULL', 'required'],
            [`s.member_ref !~ ${REF} OR length(s.member_ref) > 64`, 'bad_reference'],
          ],
        },
        { name: 'household_ref', checks: [['s.household_ref IS NULL', 'required']] },
        {
          name: 'family_name_km',
          checks: [
            ['fk.clean IS NULL', 'required'],
            ['fk.is_not_khmer', 'not_khmer'],
          ],
        },
        {
          name: 'given_name_km',
          checks: [
            ['gk.clean IS NULL', 'required'],
            ['gk.is_not_khmer', 'not_khmer'],
          ],
        },
        {
          name: 'family_name_latin',
          checks: [['fl.is_not_latin', 'not_latin']],
        },
        {
          name: 'given_name_latin',
          checks: [['gl.is_not_latin', 'not_latin']],
        },
        {
          name: 'sex',
          checks: [
            ['s.sex IS NULL', 'required'],
            [`s.sex NOT IN ('F', 'M')`, 'bad_sex'],
          ],
        },
        {
          name: 'birth_date',
          checks: [
            ['s.birth_date IS NOT NULL AND d.is_bad_format', 'bad_date_format'],
            ['s.birth_date IS NOT NULL AND d.birth_date IS NULL', 'impossible_date'],
            [`d.birth_date > '${today}'::date`, 'future_birth_date'],
            [`d.birth_date < '1900-01-01'::date`, 'birth_date_before_1900'],
          ],
        },
        {
          name: 'relation_to_head',
          checks: [
            ['s.relation_to_head IS NULL', 'required'],
            [
              `s.relation_to_head NOT IN (${list(RELATIONS)})`,
              'not_one_of',
              { values: RELATIONS.join(', ') },
            ],
          ],
        },
        {
          name: 'national_id',
          checks: [
            [
              `s.national_id !~ (SELECT pattern FROM identifier_type WHERE code = 'national_id')`,
              'bad_national_id',
            ],
          ],
        },
        {
          name: 'phone',
          checks: [
            [
              `registry_normalize_phone(s.phone) !~ (SELECT pattern FROM identifier_type WHERE code = 'phone')`,
              'bad_phone',
            ],
          ],
        },
        {
          name: 'disability',
          checks: [
            [
              `s.disability IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(string_to_array(s.disability, ';')) x
                WHERE btrim(x) NOT IN (${list(DISABILITY_DOMAINS)}))`,
              'not_list_of',
              { values: DISABILITY_DOMAINS.join(', ') },
            ],
          ],
        },
        {
          name: 'chronic_illness',
          checks: [[`lower(s.chronic_illness) NOT IN ('true', 'false')`, 'bad_boolean']],
        },
      ],
    }),
    // A member_ref used twice: each later row names the first, and the first row condemns
    // its household too. One aggregate over the file serves both.
    `     SELECT ${run}, 'members.csv', s.row_no, 'member_ref', s.member_ref,
       ${caseReason(
         's.row_no > d.first_row',
         reasonOf('duplicate_in_file', { column: 'member_ref' }, { row: 'd.first_row' }),
         reasonOf('repeated_later', { column: 'member_ref' }),
       )}, s.household_ref
     FROM ${m} s JOIN (SELECT member_ref, min(row_no) AS first_row FROM ${m} GROUP BY member_ref HAVING count(*) > 1) d USING (member_ref)`,
    `     SELECT ${run}, 'members.csv', s.row_no, 'household_ref', s.household_ref, ${reasonSql('unknown_household')}, NULL
     FROM ${m} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${h} x WHERE x.household_ref = s.household_ref)`,
    // Heads: exactly one per household. One pass over the heads serves both rules.
    `     WITH heads AS MATERIALIZED (
       SELECT household_ref, count(*) AS n FROM ${m} WHERE relation_to_head = 'head' GROUP BY household_ref)
     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, ${reasonSql('missing_head')}, s.household_ref
     FROM ${h} s WHERE s.household_ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM heads x WHERE x.household_ref = s.household_ref)
     UNION ALL
     SELECT ${run}, 'members.csv', s.row_no, 'relation_to_head', s.relation_to_head, ${reasonSql('two_heads', {}, { household: 's.household_ref', count: 'c.n' })}, s.household_ref
     FROM ${m} s JOIN heads c ON c.household_ref = s.household_ref AND c.n > 1
     WHERE s.relation_to_head = 'head'`,
    // A head already in the registry that this file does not mention would make two heads.
    `     SELECT ${run}, 'households.csv', s.row_no, 'household_ref', s.household_ref, ${reasonSql('head_already_registered', {}, { member: 'e.member_ref' })}, s.household_ref
     FROM ${h} s JOIN household eh ON eh.household_ref = s.household_ref
     JOIN member e ON e.household_id = eh.id AND e.relation_to_head = 'head' AND e.status = 'active'
     WHERE NOT EXISTS (SELECT 1 FROM ${m} x WHERE x.member_ref = e.member_ref)`,
  ];
  return statements;
}

/** What an issue row holds, in the order every rule's query returns it. */
const ISSUE_COLUMNS =
  'import_run_id, file, row_number, column_name, value, reason, reason_code, reason_args, household_ref';

/** A reason as three SQL expressions: its English sentence, its code and its arguments. */
interface ReasonSql {
  text: string;
  code: string;
  args: string;
}

const literal = (value: string | number) => `'${String(value).replace(/'/g, "''")}'`;

/**
 * A reason of the catalogue (IMPORT_REASONS) in SQL: `fixed` arguments are known when the
 * query is built (a column's name, the allowed values), `computed` ones are SQL expressions
 * evaluated per problem (the row a duplicate first appeared on).
 */
function reasonOf(
  code: ImportReasonCode,
  fixed: ImportReasonArgs = {},
  computed: Record<string, string> = {},
): ReasonSql {
  const names = importReasonArgNames(code);
  const missing = names.filter((n) => !(n in fixed) && !(n in computed));
  if (missing.length > 0) throw new Error(`import reason ${code} needs ${missing.join(', ')}`);
  // The sentence with the fixed arguments filled in; what is left is computed per row.
  const parts = importReasonText(code, fixed).split(/\{(\w+)\}/);
  const text = parts
    .map((part, i) => (i % 2 === 1 ? `(${computed[part]})::text` : part === '' ? null : literal(part)))
    .filter((part) => part !== null)
    .join(' || ');
  const args = names.map(
    (n) => `${literal(n)}, ${n in computed ? computed[n] : `${literal(fixed[n] ?? '')}::text`}`,
  );
  return {
    text,
    code: literal(code),
    args: args.length === 0 ? `'{}'::jsonb` : `jsonb_build_object(${args.join(', ')})`,
  };
}

/** A reason as the three columns of an issue row. */
function reasonSql(
  code: ImportReasonCode,
  fixed?: ImportReasonArgs,
  computed?: Record<string, string>,
): string {
  const r = reasonOf(code, fixed, computed);
  return `${r.text}, ${r.code}, ${r.args}`;
}

/** One of two reasons as the three columns of an issue row. */
function caseReason(condition: string, then: ReasonSql, otherwise: ReasonSql): string {
  const pick = (part: keyof ReasonSql) =>
    `CASE WHEN ${condition} THEN ${then[part]} ELSE ${otherwise[part]} END`;
  return `${pick('text')}, ${pick('code')}, ${pick('args')}`;
}

/** One column's rules, in order: the first that holds is the reason reported. */
interface ColumnRules {
  name: string;
  checks: [condition: string, reason: ImportReasonCode, args?: ImportReasonArgs][];
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
  // Per column, one CASE for each part of the reason (sentence, code, arguments).
  const built = columns.map((c) =>
    c.checks.map(([condition, code, args]) => ({
      condition,
      reason: reasonOf(code, { column: c.name, ...args }),
    })),
  );
  const reasons = (part: keyof ReasonSql) =>
    built
      .map(
        (checks) => `CASE ${checks.map((c) => `WHEN ${c.condition} THEN ${c.reason[part]}`).join(' ')} END`,
      )
      .join(',\n');
  return `SELECT ${options.run}, '${options.file}', x.row_no, u.col, u.val, u.reason, u.code, u.args, x.household_ref
    FROM (SELECT s.row_no, s.household_ref,
        ARRAY[${columns.map((c) => `s.${c.name}`).join(', ')}] AS vals,
        ARRAY[${reasons('text')}] AS reasons,
        ARRAY[${reasons('code')}] AS codes,
        ARRAY[${reasons('args')}] AS args
      FROM ${options.from}
      WHERE ${anyBroken}) x
    CROSS JOIN LATERAL unnest(ARRAY[${columns.map((c) => `'${c.name}'`).join(', ')}], x.vals, x.reasons, x.codes, x.args)
      AS u(col, val, reason, code, args)
    WHERE u.reason IS NOT NULL`;
}
