import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveError } from '../../../core/http/exception.filter';

/** A reply in Skyport's error shape `{ error }` with Skyport's status code. */
export class SkyportError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const API_KEY_REQUIRED = 'API key is required';
export const API_KEY_INVALID = 'Invalid API key';

export function usesApiKeyOnly(req: Pick<FastifyRequest, 'headers'>): boolean {
  const key = req.headers['x-api-key'];
  return typeof key === 'string' && key !== '' && req.headers.authorization === undefined;
}

/**
 * Every error on the Skyport routes, including the global guards' (authentication, domain,
 * permission) and the validation pipe's, leaves as `{ error, details? }` — Skyport's shape —
 * instead of Outpost's envelope. Status codes are kept; 500s carry an errorId that is logged.
 */
@Catch()
export class SkyportExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SkyportApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    if (reply.sent) return;
    const { status, body } = this.toBody(exception, req);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, req: FastifyRequest): { status: number; body: Record<string, unknown> } {
    if (exception instanceof SkyportError) {
      return { status: exception.status, body: { error: exception.message, ...(exception.details !== undefined ? { details: exception.details } : {}) } };
    }
    const resolved = resolveError(exception);
    const { status } = resolved;
    const error = resolved.body.meta.error;
    // Only an Outpost API token in x-api-key opens these routes: a bearer token (or nothing) is "no API key".
    if (status === 401 || (status === 403 && !usesApiKeyOnly(req))) {
      const hasKey = typeof req.headers['x-api-key'] === 'string' && req.headers['x-api-key'] !== '';
      return { status: 401, body: { error: hasKey ? API_KEY_INVALID : API_KEY_REQUIRED } };
    }
    if (status >= 500) {
      if (resolved.internal !== undefined) {
        this.logger.error({ errorId: error.errorId, err: resolved.internal, method: req.method, url: req.url }, 'Unhandled error');
        return { status, body: { error: 'Internal server error', errorId: error.errorId } };
      }
      return { status, body: { error: error.message } };
    }
    const details = Array.isArray(error.details) && error.details.length ? { details: error.details } : {};
    return { status, body: { error: error.message, ...details } };
  }
}
