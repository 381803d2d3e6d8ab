import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface PlatformTables {
  schema_migration: { name: string; checksum: string; applied_at: Generated<Date> };
  app_secret: { name: string; value: string; created_at: Generated<Date> };
  app_user: {
    id: Generated<string>;
    username: string;
    display_name: string;
    password_hash: string;
    role: string;
    scope_kind: string;
    scope_unit_id: string | null;
    locale: Generated<string>;
    is_active: Generated<boolean>;
    failed_login_count: Generated<number>;
    locked_until: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  user_scope_area: { user_id: string; area_code: string };
  user_session: {
    token_hash: string;
    user_id: string;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Timestamp;
  };
  api_client: {
    id: Generated<string>;
    client_id: string;
    secret_hash: string;
    name: string;
    role: string;
    scope_kind: string;
    scope_unit_id: string | null;
    scope_area_codes: ColumnType<string[], string[] | undefined, string[]>;
    is_active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  audit_log: {
    seq: number;
    at: Timestamp;
    actor_kind: string;
    actor_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    before: Json | null;
    after: Json | null;
    reason: string | null;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
  job: {
    id: Generated<string>;
    kind: string;
    params: Json;
    status: Generated<string>;
    progress_done: Generated<number>;
    progress_total: number | null;
    checkpoint: Json | null;
    result: Json | null;
    error: string | null;
    attempts: Generated<number>;
    locked_by: string | null;
    heartbeat_at: Timestamp | null;
    run_started_at: Timestamp | null;
    run_started_done: Generated<number>;
    created_by_kind: Generated<string>;
    created_by: string | null;
    created_at: Generated<Date>;
    started_at: Timestamp | null;
    finished_at: Timestamp | null;
  };
  job_schedule: {
    kind: string;
    params: Json;
    every_seconds: number | null;
    daily_at: string | null;
    time_zone: Generated<string>;
    next_run_at: Timestamp;
    is_enabled: Generated<boolean>;
    last_enqueued_at: Timestamp | null;
    last_job_id: string | null;
  };
}
