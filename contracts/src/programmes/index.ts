import { z } from 'zod';
import { ZLocationClass } from '../geography/index';

/** Shapes shared by the server and the web app for programmes, payments and shock response. */

const ZDate = z.iso.date('Use a date as YYYY-MM-DD');
const ZReason = z.string().trim().min(3, 'Say why').max(1000);
export const ZProgrammeCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'Lower-case letters, digits and dashes, 2–48 characters');
export const ZEnrolmentState = z.enum(['eligible', 'enrolled', 'paused', 'exited', 'rejected', 'duplicate']);
export type EnrolmentState = z.infer<typeof ZEnrolmentState>;

export const ZBenefitComponent = z.object({
  component: z.enum(['household', 'per_member', 'per_member_in_category']),
  categoryCode: z.string().trim().min(1).max(40).nullable().default(null),
  /** A member condition in the rule language, e.g. `age <= 5 or has_disability or age >= 60`. */
  categoryRule: z.string().trim().min(1).max(2000).nullable().default(null),
  locationClass: ZLocationClass.nullable().default(null),
  povertyLevel: z
    .union([z.literal(1), z.literal(2)])
    .nullable()
    .default(null),
  amountRiel: z.number().int().min(0).max(100_000_000),
  isConfirmed: z.boolean(),
  note: z.string().max(500).default(''),
});
export type BenefitComponent = z.infer<typeof ZBenefitComponent>;

export const ZVersionInput = z.object({
  eligibilityRule: z.string().trim().min(1).max(10_000),
  effectiveFrom: ZDate,
  effectiveUntil: ZDate.nullable().default(null),
  schedule: z.enum(['monthly', 'quarterly', 'one_off']),
  providers: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,30}$/)).min(1),
  withdrawalDays: z.number().int().min(1).max(365).default(30),
  approvalRoles: z
    .array(z.enum(['programme_officer', 'payment_officer', 'admin', 'national_officer']))
    .min(1)
    .max(5)
    .default(['programme_officer', 'payment_officer']),
  benefits: z.array(ZBenefitComponent).min(1).max(200),
  note: z.string().max(2000).default(''),
});
export type VersionInput = z.infer<typeof ZVersionInput>;

export const ZCreateProgrammeRequest = z.object({
  code: ZProgrammeCode,
  name: z.object({ en: z.string().trim().min(2).max(200), km: z.string().trim().min(2).max(200) }),
  description: z.object({ en: z.string().max(4000), km: z.string().max(4000) }).default({ en: '', km: '' }),
  version: ZVersionInput,
});

export const ZVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'retired']),
  eligibilityRule: z.string(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
  schedule: z.string(),
  providers: z.array(z.string()),
  withdrawalDays: z.number().int(),
  approvalRoles: z.array(z.string()),
  benefits: z.array(ZBenefitComponent),
});

export const ZProgramme = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(['regular', 'shock_response']),
  name: z.object({ en: z.string(), km: z.string() }),
  description: z.object({ en: z.string(), km: z.string() }),
  versions: z.array(ZVersion),
});
export type Programme = z.infer<typeof ZProgramme>;

export const ZRuleCheckRequest = z.object({
  rule: z.string().max(10_000),
  onDate: ZDate.optional(),
});
export const ZRuleCheckResponse = z.object({ isValid: z.literal(true), eligibleCount: z.number().int() });

export interface ExplanationNode {
  test: string;
  isPassed: boolean;
  because: string;
  parts?: ExplanationNode[] | undefined;
}
export const ZExplanation: z.ZodType<ExplanationNode> = z.lazy(() =>
  z.object({
    test: z.string(),
    isPassed: z.boolean(),
    because: z.string(),
    parts: z.array(ZExplanation).optional(),
  }),
);
export const ZHouseholdExplanation = z.object({
  householdRef: z.string(),
  programmeCode: z.string(),
  version: z.number().int(),
  onDate: z.string(),
  isEligible: z.boolean(),
  state: ZEnrolmentState.nullable(),
  stateReason: z.string().nullable(),
  explanation: ZExplanation,
});

export const ZEnrolRequest = z.object({
  enrolAs: z.enum(['enrolled', 'eligible']).default('enrolled'),
  onDate: ZDate.optional(),
  chunkSize: z.number().int().min(10).max(1_000_000).default(50_000),
});
export const ZJobStarted = z.object({ jobId: z.uuid() });

export const ZEnrolmentDecisionRequest = z.object({
  action: z.enum(['include', 'exclude', 'pause', 'resume', 'exit']),
  reason: ZReason,
});
export const ZEnrolment = z.object({
  householdRef: z.string(),
  villageCode: z.string(),
  state: ZEnrolmentState,
  reason: z.string(),
  isManual: z.boolean(),
  changedAt: z.string(),
});
export const ZEnrolmentSummary = z.object({
  counts: z.record(z.string(), z.number().int()),
  items: z.array(ZEnrolment),
});
export const ZEnrolmentHistory = z.array(
  z.object({
    state: z.string(),
    reason: z.string(),
    isManual: z.boolean(),
    from: z.string(),
    to: z.string().nullable(),
  }),
);

export const ZPrepareCycleRequest = z.object({
  period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])(-[a-z0-9]+)?$/, 'Use YYYY-MM (or YYYY-MM-suffix)'),
  onDate: ZDate.optional(),
});
export const ZCycle = z.object({
  id: z.uuid(),
  programmeCode: z.string(),
  period: z.string(),
  onDate: z.string(),
  status: z.enum(['prepared', 'approved', 'rejected']),
  householdCount: z.number().int(),
  memberCount: z.number().int(),
  totalRiel: z.number().int(),
  unconfirmedCount: z.number().int(),
  unpricedCount: z.number().int(),
  preparedBy: z.string(),
  approvalRoles: z.array(z.string()),
  approvals: z.array(
    z.object({
      stepNo: z.number().int(),
      role: z.string(),
      decision: z.string(),
      decidedBy: z.string(),
      at: z.string(),
    }),
  ),
});
export const ZCycleDecisionRequest = z.object({
  stepNo: z.number().int().min(1).max(5),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().max(2000).default(''),
});

export const ZGeneratePayrollRequest = z.object({ withdrawalFrom: ZDate.optional() });
export const ZBatch = z.object({
  id: z.uuid(),
  providerCode: z.string(),
  batchNo: z.number().int(),
  kind: z.enum(['initial', 'reissue']),
  paymentCount: z.number().int(),
  totalRiel: z.number().int(),
  fileSha256: z.string().nullable(),
});
export const ZPayroll = z.object({
  id: z.uuid(),
  cycleId: z.uuid(),
  withdrawalFrom: z.string(),
  withdrawalUntil: z.string(),
  paymentCount: z.number().int(),
  totalRiel: z.number().int(),
  batches: z.array(ZBatch),
});
const ZAmount = z.object({ count: z.number().int(), riel: z.number().int() });
export const ZReconciliationReport = z.object({
  payrollId: z.uuid(),
  approved: ZAmount,
  paid: ZAmount,
  failed: ZAmount,
  unclaimed: ZAmount,
  expired: ZAmount,
  pending: ZAmount,
  isBalanced: z.boolean(),
});
export const ZResultImportRequest = z.object({
  fileName: z.string().min(1).max(200),
  content: z.string().min(1).max(200_000_000),
});
export const ZResultImportReport = z.object({
  importId: z.uuid(),
  isRepeat: z.boolean(),
  lineCount: z.number().int(),
  appliedCount: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), ref: z.string(), problem: z.string() })),
});
export const ZReissueRequest = z.object({ reason: ZReason });

export const ZDeclareShockRequest = z.object({
  kind: z.enum(['flood', 'drought', 'epidemic', 'price_shock', 'storm', 'other']),
  name: z.object({ en: z.string().trim().min(2).max(200), km: z.string().trim().min(2).max(200) }),
  startsOn: ZDate,
  endsOn: ZDate.nullable().default(null),
  areaCodes: z
    .array(z.string().regex(/^([0-9]{2}){1,4}$/))
    .min(1)
    .max(20_000),
});
export const ZShockEvent = z.object({
  id: z.uuid(),
  kind: z.string(),
  name: z.object({ en: z.string(), km: z.string() }),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  areaCodes: z.array(z.string()),
  declaredBy: z.string(),
});
export const ZShockResponseRequest = z.object({
  mode: z.enum(['vertical', 'horizontal']),
  code: ZProgrammeCode,
  sourceProgrammeCodes: z.array(ZProgrammeCode).default([]),
  endsOn: ZDate,
  providers: z.array(z.string()).min(1).default(['wing']),
  benefits: z.array(ZBenefitComponent).min(1),
});
export const ZShockResponse = z.object({
  id: z.uuid(),
  mode: z.enum(['vertical', 'horizontal']),
  programmeCode: z.string(),
  endsOn: z.string(),
  enrolledCount: z.number().int(),
});
export const ZUnassessedHousehold = z.object({
  householdRef: z.string(),
  villageCode: z.string(),
  memberCount: z.number().int(),
});
export * from './refusals';
