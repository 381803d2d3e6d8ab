-- Payments: one payroll per approved cycle, batches per provider, one payment per beneficiary
-- and cycle, attempts (re-issues) per payment, provider result imports, and the SMS outbox.
-- "Never pay twice" lives here as constraints, not in application code:
--   payroll UNIQUE (cycle_id)                   one payroll per cycle, however often generated
--   payment UNIQUE (cycle_id, household_id)     one entitlement per beneficiary and cycle
--   payment_attempt_one_open / _one_paid        at most one attempt in flight, at most one paid
--   payment_result_import UNIQUE (sha256)       a result file is applied once

CREATE TABLE payment_provider (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
  name_en text NOT NULL,
  name_km text NOT NULL,
  is_active boolean NOT NULL DEFAULT true
);
INSERT INTO payment_provider (code, name_en, name_km) VALUES
  ('wing', 'Wing (agents, after an SMS alert)', 'វីង (តាមភ្នាក់ងារ)'),
  ('bank', 'Bank transfer', 'ផ្ទេរតាមធនាគារ');

-- A household's chosen provider for a programme; otherwise the version's first provider.
CREATE TABLE payment_preference (
  programme_id uuid NOT NULL REFERENCES programme (id),
  household_id uuid NOT NULL REFERENCES household (id),
  provider_code text NOT NULL REFERENCES payment_provider (code),
  PRIMARY KEY (programme_id, household_id)
);

CREATE TABLE payroll (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cycle_id uuid NOT NULL UNIQUE REFERENCES programme_cycle (id),
  withdrawal_from date NOT NULL,
  withdrawal_until date NOT NULL CHECK (withdrawal_until >= withdrawal_from),
  payment_count integer NOT NULL,
  total_riel bigint NOT NULL,
  generated_by text NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payroll_id uuid NOT NULL REFERENCES payroll (id),
  provider_code text NOT NULL REFERENCES payment_provider (code),
  batch_no integer NOT NULL CHECK (batch_no >= 1),
  kind text NOT NULL CHECK (kind IN ('initial', 'reissue')),
  payment_count integer NOT NULL DEFAULT 0,
  total_riel bigint NOT NULL DEFAULT 0,
  file_sha256 text,
  exported_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payroll_id, provider_code, batch_no)
);

CREATE TABLE payment (
  id bigserial PRIMARY KEY,
  payroll_id uuid NOT NULL REFERENCES payroll (id),
  cycle_id uuid NOT NULL REFERENCES programme_cycle (id),
  household_id uuid NOT NULL,
  provider_code text NOT NULL REFERENCES payment_provider (code),
  amount_riel integer NOT NULL CHECK (amount_riel > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed', 'unclaimed')),
  -- Set when an unclaimed payment's withdrawal window has closed (it stays counted as unclaimed).
  expired_at timestamptz,
  settled_at timestamptz,
  UNIQUE (cycle_id, household_id),
  FOREIGN KEY (cycle_id, household_id) REFERENCES cycle_beneficiary (cycle_id, household_id),
  CHECK (expired_at IS NULL OR status = 'unclaimed')
);
CREATE INDEX payment_payroll_status_idx ON payment (payroll_id, status);

-- Each time a payment is sent to a provider. The reference printed in the provider file.
CREATE TABLE payment_attempt (
  id bigserial PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  payment_id bigint NOT NULL REFERENCES payment (id),
  attempt_no integer NOT NULL CHECK (attempt_no >= 1),
  batch_id uuid NOT NULL REFERENCES payment_batch (id),
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'paid', 'failed', 'unclaimed')),
  provider_txn_id text,
  result_reason text,
  result_import_id uuid,
  settled_at timestamptz,
  UNIQUE (payment_id, attempt_no)
);
CREATE UNIQUE INDEX payment_attempt_one_open ON payment_attempt (payment_id) WHERE status = 'sent';
CREATE UNIQUE INDEX payment_attempt_one_paid ON payment_attempt (payment_id) WHERE status = 'paid';
CREATE INDEX payment_attempt_batch_idx ON payment_attempt (batch_id, id);

-- A settled attempt never changes again.
CREATE FUNCTION payment_attempt_settled_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'sent' THEN
    RAISE EXCEPTION 'payment attempt % is already settled (%)', OLD.ref, OLD.status;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER payment_attempt_settled_once BEFORE UPDATE ON payment_attempt
  FOR EACH ROW EXECUTE FUNCTION payment_attempt_settled_once();
CREATE TRIGGER payment_attempt_no_delete BEFORE DELETE ON payment_attempt
  FOR EACH ROW EXECUTE FUNCTION programme_forbid_delete();
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
  FOR EACH ROW EXECUTE FUNCTION programme_forbid_delete();

CREATE TABLE payment_result_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payroll_id uuid NOT NULL REFERENCES payroll (id),
  sha256 text NOT NULL UNIQUE,
  file_name text NOT NULL,
  line_count integer NOT NULL,
  applied_count integer NOT NULL,
  report jsonb NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sms_template (
  code text NOT NULL,
  language text NOT NULL CHECK (language IN ('km', 'en')),
  body text NOT NULL,
  PRIMARY KEY (code, language)
);
INSERT INTO sms_template (code, language, body) VALUES
  ('payment_ready', 'km', '{programme}៖ ប្រាក់ {amount} រៀល រួចរាល់សម្រាប់គ្រួសារអ្នក។ សូមដកនៅ {provider} ត្រឹមថ្ងៃ {until}។ លេខកូដ {ref}'),
  ('payment_ready', 'en', '{programme}: {amount} riel is ready for your household. Collect it at {provider} by {until}. Code {ref}');

CREATE TABLE sms_outbox (
  id bigserial PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  payment_attempt_id bigint REFERENCES payment_attempt (id),
  phone text NOT NULL,
  language text NOT NULL CHECK (language IN ('km', 'en')),
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  gateway_message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX sms_outbox_queue_idx ON sms_outbox (next_attempt_at) WHERE status = 'queued';
