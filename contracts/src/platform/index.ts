import { z } from 'zod';

export * from './sentences';

/**
 * A catalogued sentence (platform/sentences.ts) by code and arguments: `<domain>.<name>`, e.g.
 * `registry.one_head` with {} — what the web app says in the reader's language.
 */
export const ZErrorReason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ErrorReason = z.infer<typeof ZErrorReason>;

export const ZErrorDetail = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().optional(),
  value: z.unknown().optional(),
  /**
   * The kind of problem, for a reader's language: a schema's (required, too_short, too_long,
   * too_small, too_big, invalid_date, invalid_format, invalid_value, invalid_type) or a
   * domain's catalogued reason (`registry.one_head`).
   */
  code: z.string().optional(),
  /** What the kind's sentence needs: minimum, maximum; a reason's arguments. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** The one error shape every endpoint answers with. */
export const ZError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(ZErrorDetail),
  /** The message as a catalogued reason, when a domain refused a request for a rule of its own. */
  reason: ZErrorReason.optional(),
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
