import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { isDatabaseConnectionReset, isDatabaseUnreachable } from '../errors/connection-reset';
import { redactQuery } from '../logging/logging';
import { SearchValidationError } from '@libs/search/search-engine';
import { codeForStatus, ERROR_STATUS, ErrorCode } from '../errors/error-codes';

export interface ErrorBody {
  meta: { serverTime: string; error: { code: ErrorCode; message: string; details: unknown; errorId?: string } };
  data: null;
}

/** Maps Fastify's own error codes (body parsing, content type) to clear client errors. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: ErrorCode.UnsupportedMediaTypeError, message: 'Unsupported content type: send application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ErrorCode.PayloadTooLargeError, message: 'Request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ErrorCode.BadRequestError, message: 'Body cannot be empty when content-type is application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ErrorCode.BadRequestError, message: 'Malformed JSON in request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: ErrorCode.BadRequestError, message: 'Content-Length does not match the body' },
  FST_ERR_BAD_URL: { code: ErrorCode.BadRequestError, message: 'Malformed URL: invalid percent-encoding in the path' },
  // No id or token of ours is that long, so the path names nothing: the same 404 as an unknown id.
  FST_ERR_MAX_PARAM_LENGTH: { code: ErrorCode.NotFoundError, message: 'Not found: a path segment is longer than any id or token (100 characters at most)' },
};

/**
 * Foreign keys that refuse a delete the client can cause, by constraint name: the reason in the
 * client's words. (Other foreign-key errors get the generic message.)
 */
const STILL_REFERRED_TO: Record<string, string> = {
  gameserver_nodeId_fkey: 'The node still has game servers; transfer or delete them first',
  gameserver_workloadId_fkey: 'Game servers still use this workload; delete or move them first',
  backup_configId_fkey: 'Backups are still stored with this configuration; delete them first',
};

/** Unique indexes a race between clients can hit, by name: what was taken, in the client's words. */
const ALREADY_TAKEN: Record<string, string> = {
  allocation_node_port: 'That port is already in use on this node by another server; choose another port',
  allocation_one_primary: 'The server already has a primary port; try again',
};

/**
 * PostgreSQL errors caused by what the client sent (SQLSTATE, by code or class), so a race or a
 * value the checks above the database missed is a 4xx, never a 500. Messages are generic: the
 * database's own text (SQL, values, internals) is never sent.
 */
function databaseError(exception: unknown): { code: ErrorCode; message: string; details: unknown } | undefined {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const driver = exception.driverError as { code?: unknown; constraint?: unknown } | undefined;
  const sqlState = typeof driver?.code === 'string' ? driver.code : '';
  const constraint = typeof driver?.constraint === 'string' ? { constraint: driver.constraint } : null;
  if (sqlState === '23505')
    return {
      code: ErrorCode.ConflictError,
      message: (constraint && ALREADY_TAKEN[constraint.constraint]) ?? 'This conflicts with an existing record: a value that must be unique is already taken',
      details: constraint,
    };
  if (sqlState === '23503') {
    const reason = constraint ? STILL_REFERRED_TO[constraint.constraint] : undefined;
    return { code: ErrorCode.ConflictError, message: reason ?? 'This refers to a record that does not exist, or the record is still referred to', details: constraint };
  }
  if (sqlState === '23514') return { code: ErrorCode.BadRequestError, message: 'A value is outside what is allowed for its field', details: constraint };
  // Class 22: data exceptions (invalid text representation, numeric/datetime out of range, NUL / invalid byte sequence…).
  if (sqlState.startsWith('22'))
    return { code: ErrorCode.BadRequestError, message: 'A value in the request cannot be stored or compared: it is malformed or out of range for its field', details: null };
  // Class 54 (program limit exceeded, e.g. too many values) and 08P01 (bind message over the protocol's parameter limit).
  if (sqlState.startsWith('54') || sqlState === '08P01') return { code: ErrorCode.BadRequestError, message: 'The request has too many values for the database to handle at once', details: null };
  return undefined;
}

export type ErrorResolution = { status: number; body: ErrorBody; headers: Record<string, string>; internal?: unknown };

/** Turns any thrown value into the error envelope. Never exposes stack traces. */
export function resolveError(exception: unknown): ErrorResolution {
  const now = new Date().toISOString();
  const make = (code: ErrorCode, message: string, details: unknown = null, headers: Record<string, string> = {}, status = ERROR_STATUS[code]) => ({
    status,
    headers,
    body: { meta: { serverTime: now, error: { code, message, details } }, data: null } as ErrorBody,
  });

  if (exception instanceof AppError) return make(exception.code, exception.message, exception.details ?? null, exception.headers ?? {});
  if (exception instanceof SearchValidationError) return make(ErrorCode.ValidationError, exception.message, exception.details);
  if (exception instanceof ThrottlerException) return make(ErrorCode.TooManyRequestsError, 'Too many requests, slow down');
  // The server ended the connection (terminated backend, failover): nothing the client did wrong, and a retry
  // usually works. Reads were already retried once (DbConnectionRetryInterceptor); writes are not re-run blindly.
  if (isDatabaseConnectionReset(exception)) return make(ErrorCode.ServiceUnavailableError, 'The database connection was reset; retry', null, { 'Retry-After': '1' });
  if (isDatabaseUnreachable(exception)) return make(ErrorCode.ServiceUnavailableError, 'The database is unreachable; retry', null, { 'Retry-After': '1' });
  const db = databaseError(exception);
  if (db) return make(db.code, db.message, db.details);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status < 500) {
      const response = exception.getResponse();
      let message = exception.message;
      if (typeof response === 'object' && response && 'message' in response) {
        const m = response.message;
        message = Array.isArray(m) ? m.join('; ') : String(m);
      }
      if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) message = `Route ${message.replace(/^Cannot /, '')} not found`;
      return make(codeForStatus(status), message, null, {}, status);
    }
  }
  const fastifyCode = (exception as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    const known = FASTIFY_ERRORS[fastifyCode];
    return make(known.code, known.message);
  }
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return make(codeForStatus(statusCode), (exception as Error).message || 'Bad request', null, {}, statusCode);
  }
  const errorId = randomUUID();
  const resolved = make(ErrorCode.InternalServerError, `Internal server error (errorId ${errorId})`);
  resolved.body.meta.error.errorId = errorId;
  return { ...resolved, internal: exception };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const resolved = resolveError(exception);
    if (resolved.internal !== undefined) {
      const req = host.switchToHttp().getRequest<{ method?: string; url?: string }>();
      this.logger.error({ errorId: resolved.body.meta.error.errorId, err: resolved.internal, method: req?.method, url: req?.url === undefined ? undefined : redactQuery(req.url) }, 'Unhandled error');
    }
    sendError(reply, resolved);
  }
}

export function sendError(reply: FastifyReply, resolved: ErrorResolution): void {
  if (reply.sent) return;
  for (const [k, v] of Object.entries(resolved.headers)) void reply.header(k, v);
  void reply.status(resolved.status).header('content-type', 'application/json; charset=utf-8').send(resolved.body);
}
