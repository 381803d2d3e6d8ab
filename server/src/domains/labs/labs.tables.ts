import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Laboratory quality tables (migrations 1101 onwards), joined into the DB in db/schema.ts. */
export interface LabsTables extends LabsChecklistTables, LabsAuditTables, LabsNcTables, LabsQualityTables {}

/** Migration 1101: checklist versions. */
export interface LabsChecklistTables {
  lab_checklist_version: {
    id: Generated<string>;
    checklist: string;
    version: string;
    source: string | null;
    source_commit: string | null;
    file_sha256: string;
    answer_scores: Json;
    star_bands: Json;
    proficiency_test_rule: Json;
    notes: Json;
    inconsistencies: Json;
    declared_total_points: number;
    total_points: number;
    loaded_by: string;
    loaded_at: Generated<Date>;
  };
  lab_checklist_section: {
    version_id: string;
    number: number;
    title: string;
    title_km: string | null;
    declared_points: number;
    points: number;
  };
  lab_checklist_item: {
    version_id: string;
    id: string;
    section_number: number;
    parent_id: string | null;
    position: number;
    title: string | null;
    text: string;
    short_en: string | null;
    short_km: string | null;
    points: number | null;
    answers: ColumnType<string[], string[], string[]>;
  };
}

export type { Json, Timestamp };

/** Migration 1102: the lab network and audits. */
export interface LabsAuditTables {
  lab: {
    code: string;
    name_en: string;
    name_km: string;
    province_code: string | null;
    kind: string;
    is_active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  lab_audit: {
    id: Generated<string>;
    lab_code: string;
    checklist_version_id: string;
    kind: string;
    auditing_lab_code: string | null;
    lead_auditor_id: string | null;
    lead_auditor_name: string;
    title: string;
    audit_date: string;
    status: Generated<string>;
    points: Generated<number>;
    max_points: Generated<number>;
    percent: Generated<number>;
    stars: Generated<number>;
    stars_by_percent: Generated<number>;
    proficiency: Generated<string>;
    section_scores: Json;
    revision: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    submitted_at: Timestamp | null;
    approved_at: Timestamp | null;
    published_at: Timestamp | null;
  };
  lab_audit_answer: {
    audit_id: string;
    item_id: string;
    answer: string;
    comment: string | null;
    na_justification: string | null;
    client_change_id: string;
    client_at: Timestamp;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  lab_audit_answer_change: {
    change_id: string;
    audit_id: string;
    item_id: string;
    answer: string | null;
    comment: string | null;
    na_justification: string | null;
    client_at: Timestamp;
    outcome: string;
    received_by: string | null;
    received_at: Generated<Date>;
  };
  lab_audit_evidence: {
    id: Generated<string>;
    audit_id: string;
    item_id: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    content: Buffer;
    uploaded_by: string | null;
    uploaded_at: Generated<Date>;
  };
  lab_audit_transition: {
    id: Generated<string>;
    audit_id: string;
    from_status: string | null;
    to_status: string;
    reason: string | null;
    by_user: string | null;
    by_name: string;
    at: Generated<Date>;
  };
}

/** Migration 1103: nonconformities and CAPA. */
export interface LabsNcTables {
  lab_nc: {
    id: Generated<string>;
    lab_code: string;
    number: string;
    source: string;
    audit_id: string | null;
    audit_item_id: string | null;
    title: string;
    description: string;
    evidence: string | null;
    immediate_correction: string | null;
    corrected_on: string | null;
    severity: number | null;
    likelihood: number | null;
    risk_grade: string | null;
    root_cause: Json | null;
    needs_new_action: Generated<boolean>;
    stage: Generated<string>;
    raised_by: string | null;
    raised_by_name: string;
    raised_at: Generated<Date>;
    closed_at: Timestamp | null;
    updated_at: Generated<Date>;
  };
  lab_nc_action: {
    id: Generated<string>;
    nc_id: string;
    kind: string;
    description: string;
    owner_name: string;
    owner_user_id: string | null;
    due_on: string;
    status: Generated<string>;
    done_on: string | null;
    done_note: string | null;
    created_at: Generated<Date>;
  };
  lab_nc_effectiveness_check: {
    id: Generated<string>;
    nc_id: string;
    checked_on: string;
    is_effective: boolean;
    evidence: string;
    by_user: string | null;
    by_name: string;
    created_at: Generated<Date>;
  };
  lab_nc_link: { nc_id: string; entity_type: string; entity_id: string; label: string | null };
  lab_nc_reminder: {
    id: Generated<string>;
    action_id: string;
    kind: string;
    due_on: string;
    lab_code: string;
    message_en: string;
    message_km: string;
    created_at: Generated<Date>;
  };
}

/** Migration 1104: EQA, equipment, documents, personnel. */
export interface LabsQualityTables {
  lab_eqa_scheme: {
    id: Generated<string>;
    code: string;
    name: string;
    provider: string;
    discipline: string;
    pass_percent: Generated<number>;
    created_at: Generated<Date>;
  };
  lab_eqa_round: {
    id: Generated<string>;
    scheme_id: string;
    lab_code: string;
    round_label: string;
    due_on: string;
    status: Generated<string>;
    score_percent: number | null;
    is_satisfactory: boolean | null;
    result_note: string | null;
    scored_on: string | null;
    nc_id: string | null;
    created_at: Generated<Date>;
  };
  lab_equipment: {
    id: Generated<string>;
    lab_code: string;
    asset_code: string;
    name: string;
    category: string;
    manufacturer: string | null;
    model: string | null;
    serial_number: string | null;
    status: Generated<string>;
    maintenance_interval_days: number | null;
    last_maintenance_on: string | null;
    calibration_interval_days: number | null;
    last_calibration_on: string | null;
    created_at: Generated<Date>;
  };
  lab_equipment_event: {
    id: Generated<string>;
    equipment_id: string;
    kind: string;
    happened_on: string;
    note: string;
    nc_id: string | null;
    by_name: string;
    created_at: Generated<Date>;
  };
  lab_document: {
    id: Generated<string>;
    lab_code: string;
    doc_code: string;
    title: string;
    kind: string;
    review_interval_months: Generated<number>;
    is_obsolete: Generated<boolean>;
    created_at: Generated<Date>;
  };
  lab_document_version: {
    id: Generated<string>;
    document_id: string;
    version_label: string;
    author_name: string;
    reviewer_name: string;
    approver_name: string;
    effective_on: string;
    change_summary: string;
    is_current: Generated<boolean>;
    archived_at: Timestamp | null;
    created_at: Generated<Date>;
  };
  lab_document_ack: {
    version_id: string;
    user_id: string;
    user_name: string;
    acknowledged_at: Generated<Date>;
  };
  lab_staff: {
    id: Generated<string>;
    lab_code: string;
    full_name: string;
    position: string;
    user_id: string | null;
    created_at: Generated<Date>;
  };
  lab_staff_record: {
    id: Generated<string>;
    staff_id: string;
    kind: string;
    subject: string;
    happened_on: string;
    outcome: string | null;
    by_name: string;
    valid_until: string | null;
    note: string | null;
    created_at: Generated<Date>;
  };
}
