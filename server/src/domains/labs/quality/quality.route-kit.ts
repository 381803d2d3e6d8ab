import { ZLabCode } from '@mlob/contracts';
import { z } from 'zod';
import { labsPolicies } from '../labs.policy';

/** What every quality-system route file shares: its OpenAPI tag, parameters and policies. */
export const tags = ['labs'];
export const ZId = z.object({ id: z.uuid() });
export const ZLabFilter = z.object({ labCode: ZLabCode.optional() });
export const read = { policy: labsPolicies.read };
export const write = { policy: labsPolicies.qualityWrite };
