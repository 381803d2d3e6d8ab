import { z } from 'zod';

export const LOCATION_CLASSES = ['phnom_penh_urban', 'other_urban', 'rural'] as const;
export const ZLocationClass = z.enum(LOCATION_CLASSES);
export type LocationClass = z.infer<typeof ZLocationClass>;

export const ZAreaCode = z.string().regex(/^([0-9]{2}){1,4}$/, 'An area code has 2, 4, 6 or 8 digits');
export const ZVillageCode = z.string().regex(/^[0-9]{8}$/, 'A village code has 8 digits');

export const ZArea = z.object({
  code: z.string(),
  level: z.number().int().min(1).max(4),
  kind: z.string(),
  parentCode: z.string().nullable(),
  nameKm: z.string(),
  nameLatin: z.string(),
  isRetired: z.boolean(),
  childCount: z.number().int().optional(),
  locationClass: ZLocationClass.nullable().optional(),
});
export type Area = z.infer<typeof ZArea>;

export const ZAreaDetail = ZArea.extend({
  ancestors: z.array(ZArea),
  children: z.array(ZArea),
});
export type AreaDetail = z.infer<typeof ZAreaDetail>;

export type AreaTreeNode = Area & { children?: AreaTreeNode[] };
export const ZAreaTreeNode: z.ZodType<AreaTreeNode> = z.lazy(() =>
  ZArea.extend({ children: z.array(ZAreaTreeNode).optional() }),
);

export const ZAreaSearchQuery = z.object({
  q: z.string().trim().min(1, 'Type part of a name or a code').max(100),
  level: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZLocationClassEntry = z.object({
  locationClass: ZLocationClass,
  effectiveFrom: z.string(),
  reason: z.string(),
  setBy: z.string().nullable(),
});

export const ZSetLocationClassRequest = z.object({
  locationClass: ZLocationClass,
  effectiveFrom: z.iso.date('Use a date as YYYY-MM-DD'),
  reason: z.string().trim().min(3, 'Say why the class changes').max(500),
});

export const ZGazetteerVersion = z.object({
  id: z.number(),
  label: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
});
