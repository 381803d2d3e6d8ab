import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely view of migration 0301_assessment.sql. */
export interface AssessmentTables {
  questionnaire_version: {
    id: Generated<number>;
    code: string;
    setting: string;
    title_en: string;
    title_km: string;
    is_illustrative: boolean;
    definition: Json;
    checksum: string;
    loaded_by: string;
    loaded_at: Generated<Date>;
  };
  scoring_model_version: {
    id: Generated<number>;
    code: string;
    questionnaire_version_id: number;
    title_en: string;
    title_km: string;
    is_illustrative: boolean;
    definition: Json;
    checksum: string;
    level1_cutoff: number;
    level2_cutoff: number;
    loaded_by: string;
    loaded_at: Generated<Date>;
  };
  assessment_rule: { key: string; value: number; effective_from: string; reason: string };
  assessment_round: {
    id: Generated<string>;
    setting: string;
    number: number;
    title: string;
    starts_on: string;
    ends_on: string;
    questionnaire_version_id: number;
    model_version_id: number;
    card_valid_months: number;
    created_by: string;
    created_at: Generated<Date>;
  };
  assessment_round_village: { round_id: string; village_code: string };
  assessment_request: {
    id: Generated<string>;
    household_id: string;
    village_code: string;
    requested_via: string;
    requester_name: string;
    reason: string;
    status: Generated<string>;
    created_by: string;
    created_at: Generated<Date>;
  };
  assessment: {
    id: Generated<string>;
    household_id: string;
    village_code: string;
    round_id: string | null;
    request_id: string | null;
    questionnaire_version_id: number;
    model_version_id: number;
    interviewer_name: string;
    interviewed_on: string;
    answers: Json;
    recorded_by: string;
    created_at: Generated<Date>;
  };
  assessment_score: {
    assessment_id: string;
    model_version_id: number;
    base_points: number;
    adjustment: number;
    score: number;
    level: number | null;
    scored_at: Generated<Date>;
  };
  village_list: {
    id: Generated<string>;
    village_code: string;
    round_id: string | null;
    status: Generated<string>;
    objection_until: string | null;
    council_decision_ref: string | null;
    created_by: string;
    created_at: Generated<Date>;
    displayed_at: Timestamp | null;
    approved_at: Timestamp | null;
    published_at: Timestamp | null;
  };
  village_list_entry: {
    list_id: string;
    household_id: string;
    assessment_id: string;
    score: number;
    proposed_level: number | null;
    final_level: number | null;
  };
  list_objection: {
    id: Generated<string>;
    list_id: string;
    household_id: string;
    lodged_by_name: string;
    reason: string;
    requested_level: number | null;
    status: Generated<string>;
    decision_reason: string | null;
    decided_by: string | null;
    decided_at: Timestamp | null;
    recorded_by: string;
    created_at: Generated<Date>;
  };
  equity_card: {
    id: Generated<string>;
    card_number: string;
    household_id: string;
    village_code: string;
    level: number;
    valid_from: string;
    valid_until: string;
    status: Generated<string>;
    status_reason: string | null;
    list_id: string;
    assessment_id: string;
    superseded_by_card_id: string | null;
    warning_at: Timestamp | null;
    warning_reason: string | null;
    issued_by: string;
    issued_at: Generated<Date>;
    status_changed_at: Timestamp | null;
  };
}
