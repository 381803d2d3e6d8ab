-- Why an import refused a value, as a code with its arguments beside the English sentence
-- (IMPORT_REASONS in contracts/src/registry/import-reasons.ts), so the web app and the
-- report can say it in Khmer. Problems recorded before this migration keep only their
-- English sentence: their code stays NULL and readers show the sentence.
ALTER TABLE import_issue
  ADD COLUMN reason_code text,
  ADD COLUMN reason_args jsonb NOT NULL DEFAULT '{}'::jsonb;
-- The report and the web page read a run's problems in file and row order, a page at a time.
CREATE INDEX import_issue_report_idx ON import_issue (import_run_id, file, row_number, id);
