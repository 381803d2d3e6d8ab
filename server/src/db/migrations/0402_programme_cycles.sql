-- Cycles: a frozen snapshot of beneficiaries and amounts, approved maker-checker in a fixed order.

CREATE TABLE programme_cycle (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES programme (id),
  programme_version_id uuid NOT NULL REFERENCES programme_version (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])(-[a-z0-9]+)?$'),
  -- Ages and the location class are read on this date.
  on_date date NOT NULL,
  status text NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'approved', 'rejected')),
  approval_roles text[] NOT NULL CHECK (cardinality(approval_roles) BETWEEN 1 AND 5),
  household_count integer NOT NULL,
  member_count integer NOT NULL,
  total_riel bigint NOT NULL CHECK (total_riel >= 0),
  -- Beneficiaries whose amount uses a rate not yet confirmed (is_confirmed = false).
  unconfirmed_count integer NOT NULL,
  -- Enrolled households left out because no benefit row matched (e.g. village without a class).
  unpriced_count integer NOT NULL,
  prepared_by text NOT NULL,
  prepared_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  UNIQUE (programme_id, period)
);

CREATE TABLE cycle_beneficiary (
  -- Deferred: the snapshot is written first and the cycle row with its totals after it, in one transaction.
  cycle_id uuid NOT NULL REFERENCES programme_cycle (id) DEFERRABLE INITIALLY DEFERRED,
  household_id uuid NOT NULL REFERENCES household (id),
  household_ref text NOT NULL,
  village_code text NOT NULL,
  location_class text,
  poverty_level smallint,
  member_count integer NOT NULL,
  category_count integer NOT NULL,
  amount_riel integer NOT NULL CHECK (amount_riel > 0),
  has_unconfirmed_amount boolean NOT NULL,
  recipient_name text NOT NULL,
  phone text,
  PRIMARY KEY (cycle_id, household_id)
);

-- The snapshot is frozen: rows are written once, with the cycle, and never change.
CREATE FUNCTION cycle_beneficiary_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a cycle''s beneficiary snapshot is frozen';
END;
$$;
CREATE TRIGGER cycle_beneficiary_frozen BEFORE UPDATE OR DELETE ON cycle_beneficiary
  FOR EACH ROW EXECUTE FUNCTION cycle_beneficiary_frozen();

CREATE TABLE cycle_approval (
  cycle_id uuid NOT NULL REFERENCES programme_cycle (id),
  step_no smallint NOT NULL CHECK (step_no >= 1),
  role text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  decided_by text NOT NULL,
  comment text NOT NULL DEFAULT '',
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, step_no),
  -- One person, one step: the checkers are different people.
  UNIQUE (cycle_id, decided_by)
);

-- Maker-checker in the database: a step is the next one in order, by its step's role, by
-- someone who neither prepared the cycle nor decided an earlier step, on a cycle still open.
CREATE FUNCTION cycle_approval_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c programme_cycle%ROWTYPE;
  done integer;
BEGIN
  SELECT * INTO c FROM programme_cycle WHERE id = NEW.cycle_id FOR UPDATE;
  IF c.status <> 'prepared' THEN
    RAISE EXCEPTION 'cycle % is % and takes no more decisions', c.id, c.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decided_by = c.prepared_by THEN
    RAISE EXCEPTION 'the preparer of cycle % cannot approve it', c.id USING ERRCODE = 'check_violation';
  END IF;
  SELECT count(*) INTO done FROM cycle_approval WHERE cycle_id = NEW.cycle_id;
  IF NEW.step_no <> done + 1 THEN
    RAISE EXCEPTION 'cycle % expects step %, not %', c.id, done + 1, NEW.step_no USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.step_no > cardinality(c.approval_roles) OR c.approval_roles[NEW.step_no] <> NEW.role THEN
    RAISE EXCEPTION 'step % of cycle % is for role %', NEW.step_no, c.id, c.approval_roles[NEW.step_no] USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER cycle_approval_in_order BEFORE INSERT ON cycle_approval
  FOR EACH ROW EXECUTE FUNCTION cycle_approval_in_order();

-- The decision's effect on the cycle, once the row is in.
CREATE FUNCTION cycle_approval_decide() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.decision = 'rejected' THEN
    UPDATE programme_cycle SET status = 'rejected', decided_at = now() WHERE id = NEW.cycle_id;
  ELSIF NEW.step_no = (SELECT cardinality(approval_roles) FROM programme_cycle WHERE id = NEW.cycle_id) THEN
    UPDATE programme_cycle SET status = 'approved', decided_at = now() WHERE id = NEW.cycle_id;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER cycle_approval_decide AFTER INSERT ON cycle_approval
  FOR EACH ROW EXECUTE FUNCTION cycle_approval_decide();
CREATE TRIGGER cycle_approval_append_only BEFORE UPDATE OR DELETE ON cycle_approval
  FOR EACH ROW EXECUTE FUNCTION programme_forbid_delete();

-- Status moves only forward from 'prepared', and only through the approval trigger above.
CREATE FUNCTION programme_cycle_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'prepared' AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'cycle % is % for good', OLD.id, OLD.status;
  END IF;
  IF NEW.status = 'rejected' AND NOT EXISTS (SELECT 1 FROM cycle_approval WHERE cycle_id = OLD.id AND decision = 'rejected') THEN
    RAISE EXCEPTION 'cycle % can only be rejected by an approval step', OLD.id;
  END IF;
  IF NEW.status = 'approved' AND OLD.status = 'prepared' AND
      (SELECT count(*) FROM cycle_approval WHERE cycle_id = OLD.id AND decision = 'approved') < cardinality(OLD.approval_roles) THEN
    RAISE EXCEPTION 'cycle % has not passed every approval step', OLD.id;
  END IF;
  IF (NEW.household_count, NEW.total_riel, NEW.programme_version_id, NEW.period, NEW.prepared_by)
      IS DISTINCT FROM (OLD.household_count, OLD.total_riel, OLD.programme_version_id, OLD.period, OLD.prepared_by) THEN
    RAISE EXCEPTION 'cycle % is frozen', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER programme_cycle_guard BEFORE UPDATE ON programme_cycle
  FOR EACH ROW EXECUTE FUNCTION programme_cycle_guard();
CREATE TRIGGER programme_cycle_no_delete BEFORE DELETE ON programme_cycle
  FOR EACH ROW EXECUTE FUNCTION programme_forbid_delete();
