import { z } from 'zod';
import { REGISTRY_REFUSALS } from './refusals';

export * from './admin';
export * from './import-reasons';
export * from './refusals';

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other_relative',
  'non_relative',
] as const;
export const ZRelation = z.enum(RELATIONS);
export const DISABILITY_DOMAINS = [
  'seeing',
  'hearing',
  'walking',
  'cognition',
  'self_care',
  'communication',
] as const;
export const ZDisability = z.enum(DISABILITY_DOMAINS);
export const ZSex = z.enum(['F', 'M']);
export const ZBirthPrecision = z.enum(['day', 'month', 'year']);
export const MEMBER_STATUSES = ['active', 'deceased', 'moved_out', 'merged_away'] as const;
export const HOUSEHOLD_STATUSES = ['active', 'merged', 'split', 'dissolved', 'moved'] as const;

/** A birth date as people give it: YYYY-MM-DD, YYYY-MM or YYYY. */
export const ZPartialDate = z
  .string()
  .regex(
    /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/,
    REGISTRY_REFUSALS.partial_date_format.en,
  );
export const ZDate = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, REGISTRY_REFUSALS.date_format.en);
export const ZRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, REGISTRY_REFUSALS.reference_format.en);
export const ZKhmerName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\u1780-\u17FF\u19E0-\u19FF\u200B-\u200D ]+$/, REGISTRY_REFUSALS.khmer_script.en);
export const ZLatinName = z
  .string()
  .trim()
  .max(100)
  .regex(/^([A-Za-z][A-Za-z .'-]*)?$/, REGISTRY_REFUSALS.latin_letters.en);
export const ZPhone = z
  .string()
  .trim()
  .regex(/^(\+855|0)[1-9][0-9 ]{7,10}$/, REGISTRY_REFUSALS.cambodian_phone.en);

export const ZMember = z.object({
  id: z.string(),
  memberRef: z.string(),
  householdId: z.string(),
  familyNameKm: z.string(),
  givenNameKm: z.string(),
  familyNameLatin: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  sex: ZSex,
  /** As precise as known: YYYY-MM-DD, YYYY-MM or YYYY. */
  birthDate: z.string().nullable(),
  birthPrecision: ZBirthPrecision.nullable(),
  relationToHead: ZRelation,
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  disability: z.array(z.string()),
  chronicIllness: z.boolean().nullable(),
  isPregnant: z.boolean(),
  deathDate: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  version: z.number(),
});
export type Member = z.infer<typeof ZMember>;

export const ZHousehold = z.object({
  id: z.string(),
  householdRef: z.string(),
  villageCode: z.string(),
  address: z.string().nullable(),
  phones: z.array(z.string()),
  status: z.enum(HOUSEHOLD_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  members: z.array(ZMember),
});
export type Household = z.infer<typeof ZHousehold>;

export const ZMemberSearchQuery = z.object({
  /** A name in Khmer or Latin script (fuzzy), a reference, a national ID or a phone number. */
  q: z.string().trim().max(100).optional(),
  /** Limit to an area (any level) inside the caller's scope. */
  area: z
    .string()
    .regex(/^([0-9]{2}){1,4}$/)
    .optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type MemberSearchQuery = z.infer<typeof ZMemberSearchQuery>;

export const ZMemberSearchItem = ZMember.extend({
  householdRef: z.string(),
  villageCode: z.string(),
  /** How the row matched: 'name', 'identifier', 'phone', 'reference' or 'area'. */
  matchedBy: z.string(),
});
export const ZMemberSearchResult = z.object({
  items: z.array(ZMemberSearchItem),
  hasMore: z.boolean(),
});

export const ZAsOfQuery = z.object({
  /** A date (end of that day in Cambodia) or an ISO timestamp. Absent: now. */
  asOf: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?$/, REGISTRY_REFUSALS.date_or_timestamp_format.en)
    .optional(),
});

export const ZFieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const ZHistoryEntry = z.object({
  at: z.string(),
  changeId: z.string(),
  kind: z.string(),
  source: z.string(),
  reason: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  entityType: z.enum(['household', 'member']),
  ref: z.string(),
  changes: z.array(ZFieldChange),
});
export type HistoryEntry = z.infer<typeof ZHistoryEntry>;

/** A person to add (a birth, a newcomer, or a member of a new household). */
export const ZNewMember = z.object({
  memberRef: ZRef,
  familyNameKm: ZKhmerName,
  givenNameKm: ZKhmerName,
  familyNameLatin: ZLatinName.optional(),
  givenNameLatin: ZLatinName.optional(),
  sex: ZSex,
  birthDate: ZPartialDate.optional(),
  relationToHead: ZRelation,
  nationalId: z
    .string()
    .regex(/^[0-9]{9,10}$/, REGISTRY_REFUSALS.national_id_digits.en)
    .optional(),
  phone: ZPhone.optional(),
  disability: z.array(ZDisability).default([]),
  chronicIllness: z.boolean().optional(),
  isPregnant: z.boolean().default(false),
});
export type NewMember = z.infer<typeof ZNewMember>;

export const CORRECTABLE_FIELDS = [
  'familyNameKm',
  'givenNameKm',
  'familyNameLatin',
  'givenNameLatin',
  'sex',
  'birthDate',
  'relationToHead',
  'nationalId',
  'phone',
  'disability',
  'chronicIllness',
  'isPregnant',
  'address',
  'phones',
] as const;

/**
 * Member id → relation to the head of the household the member joins in a split or a merge.
 * Never 'head': the split names its new head apart, and a merge keeps this household's head.
 * Optional in the shape (a split where only the new head leaves needs none): the life event
 * knows who moves, and refuses a mover left without one (see relationsOfMovers).
 */
export const ZRelationsToHead = z.record(z.uuid(), ZRelation.exclude(['head']));

/** Every change an officer can propose; each is applied as one life event. */
export const ZChangePayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('new_household'),
    householdRef: ZRef,
    villageCode: z.string().regex(/^[0-9]{8}$/),
    address: z.string().trim().max(300).optional(),
    phones: z.array(ZPhone).default([]),
    members: z.array(ZNewMember).min(1),
  }),
  z.object({ kind: z.literal('add_member'), householdId: z.uuid(), member: ZNewMember }),
  z.object({ kind: z.literal('record_birth'), householdId: z.uuid(), member: ZNewMember }),
  z.object({
    kind: z.literal('remove_member'),
    householdId: z.uuid(),
    memberId: z.uuid(),
    why: z.enum(['moved_out', 'registered_in_error']),
  }),
  z.object({
    kind: z.literal('correct_field'),
    householdId: z.uuid(),
    memberId: z.uuid().optional(),
    field: z.enum(CORRECTABLE_FIELDS),
    value: z.unknown(),
  }),
  z.object({ kind: z.literal('record_death'), householdId: z.uuid(), memberId: z.uuid(), deathDate: ZDate }),
  z.object({
    kind: z.literal('move_member'),
    householdId: z.uuid(),
    memberId: z.uuid(),
    toHouseholdId: z.uuid(),
    relationToHead: ZRelation.exclude(['head']),
  }),
  z.object({
    kind: z.literal('move_household'),
    householdId: z.uuid(),
    toVillageCode: z.string().regex(/^[0-9]{8}$/),
  }),
  z.object({
    kind: z.literal('split_household'),
    householdId: z.uuid(),
    newHouseholdRef: ZRef,
    memberIds: z.array(z.uuid()).min(1),
    newHeadMemberId: z.uuid(),
    villageCode: z
      .string()
      .regex(/^[0-9]{8}$/)
      .optional(),
    /** Each leaving member's relation to the new head (required for all but the new head). */
    relationsToHead: ZRelationsToHead.optional(),
  }),
  z.object({
    kind: z.literal('merge_households'),
    householdId: z.uuid(),
    otherHouseholdId: z.uuid(),
    /** Each active member of the other household's relation to this household's head (all required). */
    relationsToHead: ZRelationsToHead.optional(),
  }),
  z.object({
    kind: z.literal('set_identifier'),
    householdId: z.uuid(),
    /** Absent for a household identifier (Equity Card, family book). */
    memberId: z.uuid().optional(),
    /** An identifier type code (national_id, passport, birth_certificate, equity_card, …). */
    typeCode: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The value, checked against the type's own pattern; empty to withdraw the identifier. */
    value: z.string().trim().max(40),
  }),
]);
export type ChangePayload = z.infer<typeof ZChangePayload>;
export type ChangeKind = ChangePayload['kind'];

export const ZCreateChangeRequest = z.object({
  change: ZChangePayload,
  reason: z.string().trim().min(3, 'Say why').max(1000),
});

export const ZChangeRequestStep = z.object({
  level: z.string(),
  decision: z.string(),
  decidedBy: z.string(),
  comment: z.string().nullable(),
  decidedAt: z.string(),
});
export const ZChangeRequest = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'applied', 'rejected', 'cancelled', 'failed']),
  villageCode: z.string(),
  householdId: z.string().nullable(),
  payload: z.unknown(),
  reason: z.string(),
  levels: z.array(z.string()),
  /** The level whose approval is awaited; null when decided. */
  awaitingLevel: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  steps: z.array(ZChangeRequestStep),
  /**
   * The households and members the payload names by id, named for the approver (in the
   * queue): households by reference, members by reference and name.
   */
  subjects: z
    .object({
      households: z.array(z.object({ id: z.string(), householdRef: z.string() })),
      members: z.array(
        z.object({
          id: z.string(),
          memberRef: z.string(),
          familyNameKm: z.string(),
          givenNameKm: z.string(),
          familyNameLatin: z.string().nullable(),
          givenNameLatin: z.string().nullable(),
        }),
      ),
    })
    .optional(),
});
export type ChangeRequest = z.infer<typeof ZChangeRequest>;
export type ChangeRequestSubjects = NonNullable<ChangeRequest['subjects']>;

export const ZDecideChangeRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(1000).optional(),
});

export const ZChangeRequestQueueQuery = z.object({
  /** 'mine-to-decide' (default): pending at a level the caller decides; 'all': every request in scope. */
  view: z.enum(['to-decide', 'all']).default('to-decide'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZDuplicateCandidate = z.object({
  id: z.number(),
  score: z.number(),
  reasons: z.array(z.string()),
  status: z.enum(['open', 'merged', 'dismissed', 'unmerged']),
  a: ZMemberSearchItem,
  b: ZMemberSearchItem,
});
export type DuplicateCandidate = z.infer<typeof ZDuplicateCandidate>;
export const ZDuplicateDecision = z.object({
  decision: z.enum(['merge', 'dismiss', 'unmerge']),
  reason: z.string().trim().min(3).max(1000),
  /** For a merge: which of the two stays (default: a). */
  survivor: z.enum(['a', 'b']).default('a'),
});

export const ZImportUpload = z
  .object({
    householdsCsv: z.string().max(40_000_000).optional(),
    membersCsv: z.string().max(40_000_000).optional(),
    /** One XLSX workbook (sheets households and members), base64-encoded. */
    xlsxBase64: z.string().max(50_000_000).optional(),
    fileName: z.string().max(200).default('upload'),
  })
  .refine((b) => Boolean(b.xlsxBase64) || (Boolean(b.householdsCsv) && Boolean(b.membersCsv)), {
    message: REGISTRY_REFUSALS.upload_files.en,
  });

export const ZImportRun = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'partial', 'failed']),
  /** While running: what the job's done/total counts (rules checked, households written, indexes rebuilt). */
  phase: z.enum(['checking', 'writing', 'indexing']).nullable(),
  householdsFile: z.string(),
  membersFile: z.string(),
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  members: z.number(),
  issues: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ZImportRun>;

/** One problem an import found: where it is, and why, as a code the reader's language can render. */
export const ZImportIssue = z.object({
  id: z.number(),
  file: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  /** The English sentence, as in the report CSV. */
  reason: z.string(),
  /** The rule broken (IMPORT_REASONS); null for problems recorded before codes were kept. */
  reasonCode: z.string().nullable(),
  reasonArgs: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ZImportIssue>;
export const ZImportIssuePage = z.object({
  total: z.number(),
  items: z.array(ZImportIssue),
});
export type ImportIssuePage = z.infer<typeof ZImportIssuePage>;
export const ZImportIssueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ZImportReportQuery = z.object({
  /** The language of the reason column: English (the default, the command-line contract) or Khmer. */
  lang: z.enum(['en', 'km']).default('en'),
});
