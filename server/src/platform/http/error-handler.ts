import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, HTTP_STATUS_BY_CODE, type ValidationDetailCode } from '../errors';

/** The one error shape: { code, message, details }. 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(HTTP_STATUS_BY_CODE[error.code]).send({
        code: error.code,
        message: error.message,
        details: error.details,
        ...(error.reason ? { reason: error.reason } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const input = (request as unknown as Record<string, unknown>)[context];
      const details: ErrorDetail[] = error.validation.map((issue) => {
        const fieldPath = issue.instancePath.split('/').filter(Boolean);
        return {
          path: [context, ...fieldPath],
          message: issue.message ?? 'is not valid',
          ...kindOf(issue.keyword, issue.params, valueAt(input, fieldPath)),
        };
      });
      const first = details[0];
      const message = first ? `${first.path.join('.')}: ${first.message}` : 'The request is not valid.';
      return reply.status(400).send({ code: 'validation_failed', message, details });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .status(500)
        .send({ code: 'internal', message: 'Something went wrong on the server.', details: [] });
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type).
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'too_many_requests'
            : 'bad_request';
    return reply.status(status).send({ code, message: error.message, details: [] });
  });
}

/** The value a request sent at a field path (undefined when it sent none). */
function valueAt(input: unknown, path: string[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * A schema issue as a kind of problem a reader's language can say (errors.detail.* in the web
 * app): a missing or empty value is `required`, a short or long text is `too_short` or
 * `too_long`, and so on. A check of the schema's own (a refine) keeps only its message.
 */
function kindOf(
  keyword: string,
  params: Record<string, unknown>,
  sent: unknown,
): { code?: ValidationDetailCode; params?: Record<string, number> } {
  const origin = params.origin;
  const bound = (name: 'minimum' | 'maximum') =>
    typeof params[name] === 'number' ? { [name]: params[name] as number } : undefined;
  switch (keyword) {
    case 'invalid_type':
      return { code: sent === undefined || sent === null ? 'required' : 'invalid_type' };
    case 'too_small':
      if (origin === 'string')
        return sent === '' || params.minimum === 1
          ? { code: 'required' }
          : { code: 'too_short', params: bound('minimum') };
      return { code: 'too_small', params: bound('minimum') };
    case 'too_big':
      return { code: origin === 'string' ? 'too_long' : 'too_big', params: bound('maximum') };
    case 'invalid_format':
      return {
        code: params.format === 'date' || params.format === 'datetime' ? 'invalid_date' : 'invalid_format',
      };
    case 'invalid_value':
      return { code: 'invalid_value' };
    default:
      return {};
  }
}
