/** Stable error codes; the one error handler maps each to an HTTP status. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'internal';

export interface ErrorDetail {
  /** Where the problem is: field path, e.g. ['members', 3, 'birth_date']. */
  path: (string | number)[];
  message: string;
  /** For file input: the file and 1-based data row. */
  file?: string;
  row?: number;
  value?: unknown;
  /**
   * What kind of problem, for a reader's language: a schema's (VALIDATION_DETAIL_CODES) or a
   * domain's catalogued reason (`registry.one_head`, see ErrorReason); absent when only the
   * message says it.
   */
  code?: ValidationDetailCode | ReasonCode;
  /** What the code's sentence needs: `minimum`, `maximum`, or a reason's arguments. */
  params?: Record<string, string | number>;
}

/** A domain's catalogued sentence: `<domain>.<code>` (contracts' REGISTRY_REFUSALS, …). */
export type ReasonCode = `${string}.${string}`;

/**
 * An error's message as a catalogued sentence, by code and arguments, so the web app can say
 * it in the reader's language; the message stays the English sentence.
 */
export interface ErrorReason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

/**
 * The kinds of invalid field a request's schema reports, each a sentence the web app has in
 * Khmer and English (errors.detail.*); anything else keeps only its English message.
 */
export const VALIDATION_DETAIL_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_date',
  'invalid_format',
  'invalid_value',
  'invalid_type',
] as const;
export type ValidationDetailCode = (typeof VALIDATION_DETAIL_CODES)[number];

/** The one application error. Services throw it; they never throw HTTP errors. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
};

/** Out-of-scope and missing read the same, so a probe cannot tell which it hit. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}
