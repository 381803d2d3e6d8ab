-- Typed identifiers set or withdrawn through a change request (one approval level).
INSERT INTO change_approval_rule (change_kind, levels, effective_from, reason) VALUES
  ('set_identifier', '{commune}', '2026-01-01', 'Initial rule');
CREATE INDEX registry_identifier_value_any_idx ON registry_identifier (value) WHERE valid_to IS NULL;
