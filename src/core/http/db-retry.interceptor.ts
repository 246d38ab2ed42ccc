import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, retry, throwError, timer } from 'rxjs';
import { isDatabaseConnectionReset } from '../errors/connection-reset';
import { redactQuery } from '../logging/logging';

/** Time for the pool to drop the other connections the server ended, so the retry gets a live one. */
const RETRY_DELAY_MS = 100;

/** Reads are safe to run twice: GET/HEAD and the `POST …/search` routes. */
export function isSafeToRetry(req: Pick<FastifyRequest, 'method'> & { routeOptions?: { url?: string } }): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  return req.method === 'POST' && (req.routeOptions?.url ?? '').endsWith('/search');
}

/**
 * Runs a read handler once more when the database ended its connection under it (a terminated
 * backend, a failover): a fresh pooled connection usually answers at once, so the caller sees a
 * normal reply instead of an error. Writes are never re-run here: the statement may have committed
 * before the connection dropped; they reach the exception filter, which answers 503 "retry".
 * Registered globally after the other interceptors (innermost), so only the handler runs again.
 */
@Injectable()
export class DbConnectionRetryInterceptor implements NestInterceptor {
  private readonly logger = new Logger('DbRetry');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    if (!isSafeToRetry(req)) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      retry({
        count: 1,
        delay: (err: unknown) => {
          // A handler that already started its answer (a stream) cannot be re-run.
          if (!isDatabaseConnectionReset(err) || reply.sent || reply.raw.headersSent) return throwError(() => err);
          this.logger.warn({ method: req.method, url: redactQuery(req.url), err: (err as Error)?.message }, 'database connection reset under a read: retrying once');
          return timer(RETRY_DELAY_MS);
        },
      }),
    );
  }
}
