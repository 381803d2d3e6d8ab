-- Platform: identity and access, sessions, API clients, audit trail, jobs, secrets.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Server-generated secrets (JWT signing key). Kept in the database so that several
-- stateless server processes share them and none is ever committed to the repository.
CREATE TABLE app_secret (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  -- Scope: 'national', 'areas' (user_scope_area rows), or one unit ('facility', 'lab', 'school').
  scope_kind text NOT NULL CHECK (scope_kind IN ('national', 'areas', 'facility', 'lab', 'school')),
  scope_unit_id text,
  locale text NOT NULL DEFAULT 'km' CHECK (locale IN ('km', 'en')),
  is_active boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_kind IN ('facility', 'lab', 'school')) = (scope_unit_id IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));

CREATE TABLE user_scope_area (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  area_code text NOT NULL,
  PRIMARY KEY (user_id, area_code)
);

CREATE TABLE user_session (
  -- sha256 of the cookie token: a leaked table does not hand out live sessions.
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('national', 'areas', 'facility', 'lab', 'school')),
  scope_unit_id text,
  scope_area_codes text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only, hash-chained audit trail. seq is gapless (assigned under a lock), so a
-- deleted row shows as a missing number; hash covers the row and the previous hash, so an
-- edited row shows as a broken link.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'client', 'system')),
  actor_id text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

CREATE FUNCTION audit_log_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();

-- Jobs: persisted state and progress so any server process can run, resume or take over one.
CREATE TABLE job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress_done bigint NOT NULL DEFAULT 0,
  progress_total bigint,
  checkpoint jsonb,
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  locked_by text,
  heartbeat_at timestamptz,
  -- Rate and ETA are measured from the latest (re)start, so a resumed job does not count
  -- the work it already had.
  run_started_at timestamptz,
  run_started_done bigint NOT NULL DEFAULT 0,
  created_by_kind text NOT NULL DEFAULT 'system',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX job_claim_idx ON job (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX job_created_by_idx ON job (created_by, created_at DESC);
