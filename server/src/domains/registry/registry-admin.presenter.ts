import type { ApprovalRule, Identifier, IdentifierType } from '@mlob/contracts';
import type { RuleState } from './approval-rules.service';
import type { IdentifierRow } from './identifiers.service';

/** An approval rule as the API shows it. */
export function presentApprovalRule(
  row: {
    id: number;
    change_kind: string;
    levels: string[];
    effective_from: string;
    reason: string;
    created_at: Date;
  },
  state: RuleState,
): ApprovalRule {
  return {
    id: row.id,
    changeKind: row.change_kind,
    levels: row.levels,
    effectiveFrom: row.effective_from,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    state,
  };
}

export function presentIdentifierType(row: {
  code: string;
  applies_to: string;
  label_km: string;
  label_en: string;
  pattern: string;
  example: string;
}): IdentifierType {
  return {
    code: row.code,
    appliesTo: row.applies_to === 'household' ? 'household' : 'member',
    labelKm: row.label_km,
    labelEn: row.label_en,
    pattern: row.pattern,
    example: row.example,
  };
}

export function presentIdentifier(row: IdentifierRow): Identifier {
  return {
    id: row.id,
    typeCode: row.typeCode,
    memberId: row.memberId,
    value: row.value,
    validFrom: row.validFrom?.toISOString() ?? null,
    validTo: row.validTo?.toISOString() ?? null,
    source: row.source,
  };
}
