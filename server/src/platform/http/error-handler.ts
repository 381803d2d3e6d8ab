import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, HTTP_STATUS_BY_CODE } from '../errors';
import { validationKindOf } from '../validation-kind';

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
          ...validationKindOf(issue.keyword, issue.params, valueAt(input, fieldPath), issue.message),
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
