import type { AssessmentRefusalCode } from '@mlob/contracts';

/**
 * The assessment refusals' arguments that hold a stored code, and the assessment messages
 * that say each code in the reader's language (see withReasons).
 */
export const ASSESSMENT_REASON_TERMS = {
  list_not_at_step: { status: 'statuses', needed: 'statuses' },
  objection_decided: { status: 'statuses' },
  card_not_active: { status: 'statuses' },
  request_not_open: { status: 'statuses' },
  no_model_for_setting: { setting: 'settings' },
  model_wrong_setting: { setting: 'settings' },
  village_model_setting: { setting: 'settings', model_setting: 'settings' },
} as const satisfies Partial<Record<AssessmentRefusalCode, Record<string, string>>>;
