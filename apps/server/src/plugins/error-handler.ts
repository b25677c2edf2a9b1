import { ERROR_CODES, type ErrorCode, type HttpErrorBody, TallyError } from '@tally/events';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

const INTERNAL_MESSAGE = 'Something went wrong on the server';

/** What Fastify itself answers 4xx with (bad JSON, body too large, wrong content type…), by status. */
const CODE_BY_CLIENT_STATUS: Partial<Record<number, ErrorCode>> = {
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
};

export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  const body: HttpErrorBody = { error: { code, message } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function isClientError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error) || !('statusCode' in error)) return false;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Every HTTP error leaves as `{ error: { code, message } }`: TallyError with the status of its
 * code, validation and other client errors as 4xx with Fastify's own (safe) text, and anything
 * else as a bare 500 whose details go to the log only.
 */
const errorHandlerPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof TallyError) {
      if (error.code === 'internal') request.log.error({ err: error }, 'request failed');
      return sendError(reply, ERROR_CODES[error.code].httpStatus, error.code, error.message);
    }
    if (isClientError(error)) {
      const code = CODE_BY_CLIENT_STATUS[error.statusCode] ?? 'invalid_payload';
      return sendError(reply, error.statusCode, code, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'internal', INTERNAL_MESSAGE);
  });
};

export default fp(errorHandlerPlugin, { name: 'error-handler' });
