-- Why an import refused a value, as a code with its arguments beside the English sentence
-- (IMPORT_REASONS in contracts/src/registry/import-reasons.ts), so the web app and the
-- report can say it in Khmer. Problems recorded before this migration keep only their
-- English sentence: their code stays NULL and readers show the sentence.
ALTER TABLE import_issue
  ADD COLUMN reason_code text,
  ADD COLUMN reason_args jsonb NOT NULL DEFAULT '{}'::jsonb;
