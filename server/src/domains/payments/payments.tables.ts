import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely view of migration 0501_payments.sql. */
export interface PaymentsTables {
  payment_provider: { code: string; name_en: string; name_km: string; is_active: Generated<boolean> };
  payment_preference: { programme_id: string; household_id: string; provider_code: string };
  payroll: {
    id: Generated<string>;
    cycle_id: string;
    withdrawal_from: string;
    withdrawal_until: string;
    payment_count: number;
    total_riel: number;
    generated_by: string;
    generated_at: Generated<Date>;
  };
  payment_batch: {
    id: Generated<string>;
    payroll_id: string;
    provider_code: string;
    batch_no: number;
    kind: string;
    payment_count: Generated<number>;
    total_riel: Generated<number>;
    file_sha256: string | null;
    exported_at: Timestamp | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  payment: {
    id: Generated<number>;
    payroll_id: string;
    cycle_id: string;
    household_id: string;
    provider_code: string;
    amount_riel: number;
    status: Generated<string>;
    expired_at: Timestamp | null;
    settled_at: Timestamp | null;
  };
  payment_attempt: {
    id: Generated<number>;
    ref: string;
    payment_id: number;
    attempt_no: number;
    batch_id: string;
    status: Generated<string>;
    provider_txn_id: string | null;
    result_reason: string | null;
    result_import_id: string | null;
    settled_at: Timestamp | null;
  };
  payment_result_import: {
    id: Generated<string>;
    payroll_id: string;
    sha256: string;
    file_name: string;
    line_count: number;
    applied_count: number;
    report: Json;
    imported_by: string;
    imported_at: Generated<Date>;
  };
  sms_template: { code: string; language: string; body: string };
  sms_outbox: {
    id: Generated<number>;
    idempotency_key: string;
    payment_attempt_id: number | null;
    phone: string;
    language: string;
    body: string;
    status: Generated<string>;
    attempts: Generated<number>;
    last_error: string | null;
    next_attempt_at: Generated<Date>;
    gateway_message_id: string | null;
    created_at: Generated<Date>;
    sent_at: Timestamp | null;
  };
}
