import { z } from 'zod';

export const ROLE_NAMES = [
  'admin',
  'national_officer',
  'provincial_officer',
  'commune_officer',
  'village_chief',
  'programme_officer',
  'payment_officer',
  'facility_clerk',
  'pca_officer',
  'regulator_analyst',
  'lab_quality_manager',
  'lab_auditor',
  'curriculum_coordinator',
  'assessor',
  'learner',
] as const;
export const ZRole = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof ZRole>;

export const ZScopeKind = z.enum(['national', 'areas', 'facility', 'lab', 'school']);

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100),
  password: z.string().min(1, 'Enter your password').max(200),
});

export const ZScope = z.object({
  kind: ZScopeKind,
  areaCodes: z.array(z.string()).optional(),
  unitId: z.string().optional(),
});

export const ZMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  scope: ZScope,
  locale: z.enum(['km', 'en']),
});
export type Me = z.infer<typeof ZMe>;

export const ZUser = ZMe.extend({
  isActive: z.boolean(),
  isLocked: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof ZUser>;

export const ZCreateUserRequest = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,50}$/i, 'Use 3–50 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'At least 10 characters').max(200),
  role: ZRole,
  scopeKind: ZScopeKind,
  scopeAreaCodes: z
    .array(z.string().regex(/^([0-9]{2}){1,4}$/, 'An area code has 2, 4, 6 or 8 digits'))
    .optional(),
  scopeUnitId: z.string().min(1).max(100).optional(),
  locale: z.enum(['km', 'en']).optional(),
});

export const ZTokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});
export const ZTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
});

export const ZCreateApiClientRequest = z.object({
  name: z.string().trim().min(1).max(200),
  role: ZRole,
  scopeKind: ZScopeKind,
  scopeAreaCodes: z.array(z.string().regex(/^([0-9]{2}){1,4}$/)).optional(),
  scopeUnitId: z.string().min(1).max(100).optional(),
});
export const ZApiClientCreated = z.object({
  id: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  name: z.string(),
  role: ZRole,
});
