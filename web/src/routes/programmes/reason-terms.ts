import type { ProgrammeRefusalCode } from '@mlob/contracts';

/**
 * The programme refusals' arguments that hold a stored code, and the messages that say each
 * code in the reader's language (see withReasons): the programmes module's own, or the
 * registry's for a household's status.
 */
export const PROGRAMME_REASON_TERMS = {
  version_not_draft: { status: 'statuses' },
  action_not_allowed: { action: 'actions', from: 'states' },
  action_needs_enrolment: { action: 'actions' },
  household_not_active: { status: 'registry:householdStatus' },
  cycle_not_approved: { status: 'cycleStatus' },
} as const satisfies Partial<Record<ProgrammeRefusalCode, Record<string, string>>>;
