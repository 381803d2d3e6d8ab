import { z } from 'zod';
import { REGISTRY_REFUSALS } from './refusals';

/** Every kind of change an officer can propose (the `kind` of ZChangePayload). */
export const CHANGE_KINDS = [
  'new_household',
  'add_member',
  'record_birth',
  'remove_member',
  'correct_field',
  'record_death',
  'move_member',
  'move_household',
  'split_household',
  'merge_households',
  'set_identifier',
] as const;
export const ZChangeKind = z.enum(CHANGE_KINDS);
export const APPROVAL_LEVEL_NAMES = ['commune', 'province', 'national'] as const;
export const ZApprovalLevel = z.enum(APPROVAL_LEVEL_NAMES);

/** One approval rule: the levels a change kind needs, from a date on. */
export const ZApprovalRule = z.object({
  id: z.number(),
  changeKind: z.string(),
  levels: z.array(z.string()),
  effectiveFrom: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  /** 'current': in force today; 'past': replaced by a later rule; 'future': not yet in force. */
  state: z.enum(['current', 'past', 'future']),
});
export type ApprovalRule = z.infer<typeof ZApprovalRule>;

const RANK = { commune: 1, province: 2, national: 3 } as const;

export const ZCreateApprovalRule = z.object({
  changeKind: ZChangeKind,
  /** Approval order, lowest level first (commune → province → national), no repeats. */
  levels: z
    .array(ZApprovalLevel)
    .min(1, 'Choose at least one level')
    .refine((levels) => levels.every((l, i) => i === 0 || RANK[l] > RANK[levels[i - 1] ?? 'commune']), {
      message: REGISTRY_REFUSALS.levels_upwards.en,
    }),
  effectiveFrom: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, REGISTRY_REFUSALS.date_format.en),
  reason: z.string().trim().min(3, 'Say why').max(1000),
});
export type CreateApprovalRule = z.infer<typeof ZCreateApprovalRule>;

/** A type of identifier with its own validation pattern (rules as data). */
export const ZIdentifierType = z.object({
  code: z.string(),
  appliesTo: z.enum(['member', 'household']),
  labelKm: z.string(),
  labelEn: z.string(),
  pattern: z.string(),
  example: z.string(),
});
export type IdentifierType = z.infer<typeof ZIdentifierType>;

/** An identifier of a household or one of its members, open (validTo null) or closed. */
export const ZIdentifier = z.object({
  /** Null for a value held only on the member record (national ID or phone column). */
  id: z.number().nullable(),
  typeCode: z.string(),
  memberId: z.string().nullable(),
  value: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** 'identifier': a typed identifier row; 'member_record': the member's own national ID or phone. */
  source: z.enum(['identifier', 'member_record']),
});
export type Identifier = z.infer<typeof ZIdentifier>;
