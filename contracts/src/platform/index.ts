import { z } from 'zod';

export const ZErrorDetail = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().optional(),
  value: z.unknown().optional(),
  /** The kind of problem (required, too_short, too_long, too_small, too_big, invalid_date, invalid_format, invalid_value, invalid_type), for a reader's language. */
  code: z.string().optional(),
  /** What the kind's sentence needs: minimum, maximum. */
  params: z.record(z.string(), z.number()).optional(),
});

/** The one error shape every endpoint answers with. */
export const ZError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(ZErrorDetail),
});
export type ApiError = z.infer<typeof ZError>;

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof ZHealth>;

export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
