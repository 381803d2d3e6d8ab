import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely view of migrations 0401_programmes.sql and 0402_programme_cycles.sql. */
export interface ProgrammesTables {
  programme_household_facts: {
    household_id: string;
    household_ref: string;
    village_code: string;
    location_class: string | null;
    province: string;
    district: string;
    commune: string;
    village: string;
    poverty_level: number | null;
    card_status: string;
    is_at_risk: boolean;
    member_count: number;
    head_sex: string | null;
    /** The household row's address, for chunking by table blocks (0405); not a rule field. */
    household_ctid: string;
  };
  programme_member_facts: {
    household_id: string;
    member_ref: string;
    birth_date: string | null;
    sex: string;
    has_disability: boolean;
    chronic_illness: boolean | null;
    is_pregnant: boolean;
    relation: string;
  };
  programme: {
    id: Generated<string>;
    code: string;
    kind: Generated<string>;
    name_en: string;
    name_km: string;
    description_en: Generated<string>;
    description_km: Generated<string>;
    created_by: string;
    created_at: Generated<Date>;
  };
  programme_version: {
    id: Generated<string>;
    programme_id: string;
    version: number;
    status: Generated<string>;
    eligibility_rule: string;
    effective_from: string;
    effective_until: string | null;
    schedule: string;
    providers: string[];
    withdrawal_days: Generated<number>;
    approval_roles: Generated<string[]>;
    note: Generated<string>;
    created_by: string;
    created_at: Generated<Date>;
    activated_by: string | null;
    activated_at: Timestamp | null;
  };
  benefit_component: {
    id: Generated<number>;
    programme_version_id: string;
    component: string;
    category_code: string | null;
    category_rule: string | null;
    location_class: string | null;
    poverty_level: number | null;
    amount_riel: number;
    is_confirmed: boolean;
    note: Generated<string>;
  };
  enrolment_run: {
    id: Generated<string>;
    programme_version_id: string;
    job_id: string | null;
    on_date: string;
    started_by: string;
    started_at: Generated<Date>;
    finished_at: Timestamp | null;
    counts: Json | null;
  };
  enrolment: {
    programme_id: string;
    household_id: string;
    programme_version_id: string;
    state: string;
    reason: string;
    is_manual: Generated<boolean>;
    run_id: string | null;
    changed_by: string;
    changed_at: Generated<Date>;
    version: Generated<number>;
  };
  enrolment_history: {
    id: Generated<number>;
    programme_id: string;
    household_id: string;
    programme_version_id: string;
    state: string;
    reason: string;
    is_manual: boolean;
    run_id: string | null;
    changed_by: string;
    valid_from: Date;
    valid_to: Date;
  };
  programme_cycle: {
    id: Generated<string>;
    programme_id: string;
    programme_version_id: string;
    period: string;
    on_date: string;
    status: Generated<string>;
    approval_roles: string[];
    household_count: number;
    member_count: number;
    total_riel: number;
    unconfirmed_count: number;
    unpriced_count: number;
    prepared_by: string;
    prepared_at: Generated<Date>;
    decided_at: Timestamp | null;
  };
  cycle_beneficiary: {
    cycle_id: string;
    household_id: string;
    household_ref: string;
    village_code: string;
    location_class: string | null;
    poverty_level: number | null;
    member_count: number;
    category_count: number;
    amount_riel: number;
    has_unconfirmed_amount: boolean;
    recipient_name: string;
    phone: string | null;
  };
  cycle_approval: {
    cycle_id: string;
    step_no: number;
    role: string;
    decision: string;
    decided_by: string;
    comment: Generated<string>;
    decided_at: Generated<Date>;
  };
}
