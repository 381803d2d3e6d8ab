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
}

/** The one application error. Services throw it; they never throw HTTP errors. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
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
