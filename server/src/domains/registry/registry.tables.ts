import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** Computed by the database (a trigger from the names; the import writes them set-based); never written by services. */
type Computed<T> = ColumnType<T, never, never>;

export interface HouseholdRow {
  id: Generated<string>;
  household_ref: string;
  village_code: string;
  address: string | null;
  phones: TextArray;
  status: Generated<string>;
  merged_into_household_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
  change_id: string;
}

export interface MemberRow {
  id: Generated<string>;
  member_ref: string;
  household_id: string;
  family_name_km: string;
  given_name_km: string;
  family_name_latin: string | null;
  given_name_latin: string | null;
  sex: string;
  /** First day of the (possibly partial) birth date, as YYYY-MM-DD. */
  birth_date: string | null;
  birth_precision: string | null;
  relation_to_head: string;
  national_id: string | null;
  phone: string | null;
  disability: TextArray;
  chronic_illness: boolean | null;
  is_pregnant: Generated<boolean>;
  death_date: string | null;
  status: Generated<string>;
  merged_into_member_id: string | null;
  name_km_key: Computed<string>;
  name_latin_key: Computed<string>;
  phonetic_key: Computed<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
  change_id: string;
}

type Closed = { valid_to: Date; closed_by_change_id: string };
type Open = { valid_to: Date | null; closed_by_change_id: string | null };
type Plain<T> = { [K in keyof T]: T[K] extends ColumnType<infer S, infer _I, infer _U> ? S : T[K] };

export interface RegistryTables {
  registry_change: {
    id: Generated<string>;
    kind: string;
    source: string;
    actor_kind: string;
    actor_id: string | null;
    reason: string;
    change_request_id: string | null;
    import_run_id: string | null;
    at: Generated<Date>;
  };
  household: HouseholdRow;
  member: MemberRow;
  household_history: Plain<HouseholdRow> & Closed;
  member_history: Plain<MemberRow> & Closed;
  household_timeline: Plain<HouseholdRow> & Open;
  member_timeline: Plain<MemberRow> & Open;
  identifier_type: {
    code: string;
    applies_to: string;
    label_km: string;
    label_en: string;
    pattern: string;
    example: string;
    is_active: Generated<boolean>;
  };
  registry_identifier: {
    id: Generated<number>;
    type_code: string;
    member_id: string | null;
    household_id: string | null;
    value: string;
    valid_from: Generated<Date>;
    valid_to: Date | null;
    change_id: string;
    closed_by_change_id: string | null;
  };
  change_approval_rule: {
    id: Generated<number>;
    change_kind: string;
    levels: string[];
    effective_from: string;
    reason: string;
    created_at: Generated<Date>;
  };
  change_request: {
    id: Generated<string>;
    kind: string;
    status: Generated<string>;
    village_code: string;
    household_id: string | null;
    member_id: string | null;
    payload: Json;
    reason: string;
    levels: string[];
    next_level: Generated<number>;
    requested_by: string;
    requested_at: Generated<Date>;
    decided_at: Timestamp | null;
    rejection_reason: string | null;
    applied_change_id: string | null;
  };
  change_request_step: {
    id: Generated<number>;
    change_request_id: string;
    level: string;
    decision: string;
    decided_by: string;
    comment: string | null;
    decided_at: Generated<Date>;
  };
  duplicate_candidate: {
    id: Generated<number>;
    member_a_id: string;
    member_b_id: string;
    score: number;
    reasons: string[];
    status: Generated<string>;
    detected_at: Generated<Date>;
    detected_by_job_id: string | null;
    decided_by: string | null;
    decided_at: Timestamp | null;
    decision_reason: string | null;
  };
  member_merge: {
    id: Generated<string>;
    candidate_id: number | null;
    survivor_member_id: string;
    merged_member_id: string;
    change_id: string;
    undone_by_change_id: string | null;
    merged_at: Generated<Date>;
    undone_at: Timestamp | null;
  };
  import_run: {
    id: Generated<string>;
    job_id: string | null;
    households_file: string;
    members_file: string;
    status: Generated<string>;
    households_imported: Generated<number>;
    households_updated: Generated<number>;
    households_unchanged: Generated<number>;
    households_rejected: Generated<number>;
    members_total: Generated<number>;
    created_by_kind: string;
    created_by: string | null;
    started_at: Generated<Date>;
    finished_at: Timestamp | null;
    phase: 'checking' | 'writing' | 'indexing' | null;
    checked_at: Timestamp | null;
    checked_steps: Generated<number>;
  };
  import_issue: {
    id: Generated<number>;
    import_run_id: string;
    file: string;
    row_number: number | null;
    column_name: string | null;
    value: string | null;
    reason: string;
    household_ref: string | null;
    /** The rule broken (IMPORT_REASONS); NULL on problems recorded before 0208. */
    reason_code: string | null;
    reason_args: ColumnType<Record<string, string | number>, string | undefined, string>;
  };
  /** Indexes and foreign keys a bulk import set aside, until they are rebuilt. */
  import_deferred_object: {
    import_run_id: string;
    name: string;
    table_name: string;
    kind: string;
    definition: string;
  };
  /** Each distinct folded name once, for misspelled-name search (0206). */
  registry_name_key: { kind: 'km' | 'latin'; key: string };
}
