import type { ApiError as ApiErrorBody } from '@mlob/contracts';
import i18next from 'i18next';

export type ErrorDetail = ApiErrorBody['details'][number];
export type ErrorReason = NonNullable<ApiErrorBody['reason']>;

/** Where a request's input went on the server; stripped from a detail's path to name the field. */
const REQUEST_PARTS = new Set(['body', 'querystring', 'params', 'headers']);

/**
 * The server's one error shape ({code, message, details}) as a thrown value. `code` is stable
 * (e.g. 'validation_failed', 'locked', 'not_found') and is what the UI translates; `message` is
 * the server's English sentence, shown as a secondary line.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** The message as a domain's catalogued sentence (`registry.one_head`), when the server gave one. */
  readonly reason: ErrorReason | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.reason = reason;
  }

  /** The message in the UI's language where its reason is known, else the server's English. */
  messageText(): { text: string; lang: string } {
    return detailText({ message: this.message, ...this.reason });
  }

  /** Each field the server named (e.g. 'reason', 'members.3.birthDate'), first problem only, in the UI's language where it can. */
  fieldProblems(): { field: string; text: string; lang: string }[] {
    const seen = new Set<string>();
    const out: { field: string; text: string; lang: string }[] = [];
    for (const detail of this.details) {
      const field = detail.path.filter((part, i) => !(i === 0 && REQUEST_PARTS.has(String(part)))).join('.');
      if (!field || seen.has(field)) continue;
      seen.add(field);
      out.push({ field, ...detailText(detail) });
    }
    return out;
  }

  /** Field name → message, for errors shown on the field. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.fieldProblems().map((p) => [p.field, p.text]));
  }
}

/**
 * A field problem (or an error's reason) in the UI's language. English readers get the server's
 * own sentence, which is often the more specific ("Say why"); others get the sentence for its
 * code: a schema's kind (errors.detail.<code>, e.g. "at least 3 characters") or a domain's
 * catalogued reason (`registry.one_head` → registry:reasons.one_head, see withReasons). A
 * problem with no code the UI knows keeps the server's English, marked as English.
 */
export function detailText(detail: Pick<ErrorDetail, 'message' | 'code' | 'params'>): {
  text: string;
  lang: string;
} {
  const language = i18next.language;
  const key = detail.code ? keyOfCode(detail.code) : '';
  if (!language || language === 'en' || !key || !i18next.exists(key)) {
    return { text: detail.message, lang: 'en' };
  }
  return { text: i18next.t(key, { ...detail.params }), lang: language };
}

function keyOfCode(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? `errors.detail.${code}` : `${code.slice(0, dot)}:reasons.${code.slice(dot + 1)}`;
}

/** Narrowing helper for `catch (error: unknown)` and react-query's `error`. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | undefined | null;

function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** One request to the Mlob API. Resolves with the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      throw new ApiError(response.status, parsed.code, parsed.message, parsed.details ?? [], parsed.reason);
    }
    throw new ApiError(response.status, 'internal', `The server answered ${response.status}.`);
  }
  return parsed as T;
}

/** GET with an optional query string; `signal` lets react-query cancel stale requests. */
export function apiGet<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) {
  return apiRequest<T>('GET', path, { query, signal });
}

/** POST a JSON body (or nothing). */
export function apiPost<T>(path: string, body?: unknown) {
  return apiRequest<T>('POST', path, { body });
}
