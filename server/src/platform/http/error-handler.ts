import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, HTTP_STATUS_BY_CODE } from '../errors';

/** The one error shape: { code, message, details }. 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(HTTP_STATUS_BY_CODE[error.code])
        .send({ code: error.code, message: error.message, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.map((issue) => {
        const path = [error.validationContext ?? 'body', ...issue.instancePath.split('/').filter(Boolean)];
        return { path, message: issue.message ?? 'is not valid' };
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
