import type { RegistryRefusalCode } from '@mlob/contracts';

/**
 * The refusals' arguments that hold a stored code, and the registry messages that say each
 * code in the reader's language (see withReasons): "Member M-7 is deceased" reads
 * "… (ស្លាប់)" in Khmer, not "(deceased)".
 */
export const REGISTRY_REASON_TERMS = {
  member_not_active: { status: 'memberStatus' },
  household_not_active: { status: 'householdStatus' },
  request_decided: { status: 'requestStatus' },
  candidate_decided: { status: 'duplicates.status' },
  no_approval_rule: { kind: 'kinds' },
  rule_date_taken: { kind: 'kinds' },
  level_not_yours: { level: 'levels' },
} as const satisfies Partial<Record<RegistryRefusalCode, Record<string, string>>>;
