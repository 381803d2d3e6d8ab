import { z } from 'zod';
import { ZLabCode } from './audits';
import { LABS_REFUSALS } from './refusals';

const ZDate = z.iso.date('Use a date as YYYY-MM-DD');
const ZName = z.string().trim().min(2).max(200);

export const ZCreateEqaScheme = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,30}$/, LABS_REFUSALS.scheme_code_format.en),
  name: ZName,
  provider: ZName,
  discipline: ZName,
  passPercent: z.number().min(0).max(100).default(80),
});
export const ZEqaScheme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  provider: z.string(),
  discipline: z.string(),
  passPercent: z.number(),
});
export const ZCreateEqaRound = z.object({
  schemeId: z.uuid(),
  labCode: ZLabCode,
  roundLabel: ZName,
  dueOn: ZDate,
});
export const ZEqaResult = z.object({
  scorePercent: z.number().min(0).max(100),
  scoredOn: ZDate,
  note: z.string().max(4000).optional(),
});
export const ZEqaRound = z.object({
  id: z.string(),
  schemeId: z.string(),
  schemeCode: z.string(),
  schemeName: z.string(),
  labCode: z.string(),
  roundLabel: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'scored']),
  scorePercent: z.number().nullable(),
  isSatisfactory: z.boolean().nullable(),
  scoredOn: z.string().nullable(),
  isOverdue: z.boolean(),
  ncId: z.string().nullable(),
});

export const ZCreateEquipment = z.object({
  labCode: ZLabCode,
  assetCode: z.string().trim().min(2).max(40),
  name: ZName,
  category: ZName,
  manufacturer: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  serialNumber: z.string().max(200).optional(),
  maintenanceIntervalDays: z.number().int().min(1).max(3650).optional(),
  calibrationIntervalDays: z.number().int().min(1).max(3650).optional(),
  lastMaintenanceOn: ZDate.optional(),
  lastCalibrationOn: ZDate.optional(),
});
/** The instrument's details and schedules; its lab and asset code never change, status moves by events. */
export const ZUpdateEquipment = z.object({
  name: ZName,
  category: ZName,
  manufacturer: z.string().max(200).nullable(),
  model: z.string().max(200).nullable(),
  serialNumber: z.string().max(200).nullable(),
  maintenanceIntervalDays: z.number().int().min(1).max(3650).nullable(),
  calibrationIntervalDays: z.number().int().min(1).max(3650).nullable(),
});
export const ZEquipmentEvent = z.object({
  kind: z.enum(['maintenance', 'calibration', 'breakdown', 'repair', 'retire']),
  happenedOn: ZDate,
  note: z.string().trim().min(3).max(4000),
});
export const ZEquipmentEventView = z.object({
  id: z.string(),
  kind: z.enum(['maintenance', 'calibration', 'breakdown', 'repair', 'retire']),
  happenedOn: z.string(),
  note: z.string(),
  byName: z.string(),
  ncId: z.string().nullable(),
});
export const ZEquipment = z.object({
  id: z.string(),
  labCode: z.string(),
  assetCode: z.string(),
  name: z.string(),
  category: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  status: z.enum(['in_use', 'out_of_service', 'retired']),
  maintenanceIntervalDays: z.number().nullable(),
  calibrationIntervalDays: z.number().nullable(),
  lastMaintenanceOn: z.string().nullable(),
  lastCalibrationOn: z.string().nullable(),
  nextMaintenanceOn: z.string().nullable(),
  nextCalibrationOn: z.string().nullable(),
  maintenanceState: z.enum(['ok', 'due_soon', 'overdue', 'none']),
  calibrationState: z.enum(['ok', 'due_soon', 'overdue', 'none']),
  openNcId: z.string().nullable(),
});

export const ZDocumentVersionInput = z.object({
  versionLabel: z.string().trim().min(1).max(20),
  authorName: ZName,
  reviewerName: ZName,
  approverName: ZName,
  effectiveOn: ZDate,
  changeSummary: z.string().trim().min(3).max(4000),
});
export const ZCreateDocument = z.object({
  labCode: ZLabCode,
  docCode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,30}$/, LABS_REFUSALS.document_code_format.en),
  title: ZName,
  kind: z.enum(['policy', 'sop', 'form', 'manual', 'external']),
  reviewIntervalMonths: z.number().int().min(1).max(120).default(24),
  firstVersion: ZDocumentVersionInput,
});
export const ZDocument = z.object({
  id: z.string(),
  labCode: z.string(),
  docCode: z.string(),
  title: z.string(),
  kind: z.string(),
  reviewIntervalMonths: z.number(),
  isObsolete: z.boolean(),
  currentVersion: z
    .object({
      id: z.string(),
      versionLabel: z.string(),
      authorName: z.string(),
      reviewerName: z.string(),
      approverName: z.string(),
      effectiveOn: z.string(),
      acknowledgements: z.number(),
      hasAcknowledged: z.boolean(),
    })
    .nullable(),
  reviewDueOn: z.string().nullable(),
  reviewState: z.enum(['ok', 'due_soon', 'overdue']),
  archivedVersions: z.array(z.object({ versionLabel: z.string(), effectiveOn: z.string() })),
});

export const ZCreateStaff = z.object({
  labCode: ZLabCode,
  fullName: ZName,
  position: ZName,
  userId: z.uuid().nullable().optional(),
});
export const ZStaffRecordInput = z.object({
  kind: z.enum(['training', 'competence', 'authorisation']),
  subject: ZName,
  happenedOn: ZDate,
  outcome: z.enum(['competent', 'not_yet_competent']).optional(),
  byName: ZName,
  validUntil: ZDate.optional(),
  note: z.string().max(4000).optional(),
});
export const ZStaff = z.object({
  id: z.string(),
  labCode: z.string(),
  fullName: z.string(),
  position: z.string(),
  records: z.array(
    z.object({
      kind: z.string(),
      subject: z.string(),
      happenedOn: z.string(),
      outcome: z.string().nullable(),
      byName: z.string(),
      validUntil: z.string().nullable(),
    }),
  ),
});

export const ZDashboard = z.object({
  sections: z.array(z.object({ number: z.number(), title: z.string(), titleKm: z.string().nullable() })),
  labs: z.array(
    z.object({
      code: z.string(),
      nameEn: z.string(),
      nameKm: z.string(),
      starsOverTime: z.array(
        z.object({
          auditId: z.string(),
          auditDate: z.string(),
          kind: z.string(),
          stars: z.number(),
          percent: z.number(),
        }),
      ),
      latestStars: z.number().nullable(),
      sectionPercents: z.array(z.object({ number: z.number(), percent: z.number() })),
      openNcs: z.number(),
      overdueActions: z.number(),
      eqa: z.object({ scored: z.number(), satisfactory: z.number(), latestPercents: z.array(z.number()) }),
      equipmentOutOfService: z.number(),
    }),
  ),
});
export type Dashboard = z.infer<typeof ZDashboard>;
export type EqaRoundView = z.infer<typeof ZEqaRound>;
export type EqaScheme = z.infer<typeof ZEqaScheme>;
export type EquipmentView = z.infer<typeof ZEquipment>;
export type EquipmentEventView = z.infer<typeof ZEquipmentEventView>;
export type DocumentView = z.infer<typeof ZDocument>;
export type StaffView = z.infer<typeof ZStaff>;
