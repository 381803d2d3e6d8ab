import type { LabsRefusalCode } from '@mlob/contracts';

/**
 * The labs refusals' arguments that hold a stored code, and the labs messages that say
 * each code in the reader's language (see withReasons): "The audit is submitted" reads
 * "… បានដាក់ស្នើ" in Khmer, not "submitted".
 */
export const LABS_REASON_TERMS = {
  audit_step_not_possible: { status: 'statuses', step: 'workflow' },
  evidence_audit_not_draft: { status: 'statuses' },
  nc_not_at_verification: { stage: 'stages' },
  item_not_finding: { answer: 'answers' },
} as const satisfies Partial<Record<LabsRefusalCode, Record<string, string>>>;
