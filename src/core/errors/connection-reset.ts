/**
 * The database server ended the connection under a query: an administrator or a failover ran
 * pg_terminate_backend (57P01 admin_shutdown), the server is shutting down or restarting
 * (57P02 crash_shutdown, 57P03 cannot_connect_now), or node-postgres saw the socket close. The
 * statement may or may not have run; a fresh connection usually works at once, so reads are
 * retried (DbConnectionRetryInterceptor) and writes answer 503 "retry" (the exception filter).
 */
const RESET_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const RESET_MESSAGES = [
  'Connection terminated unexpectedly',
  // node-postgres, for a pooled client whose connection had already failed when it was handed out.
  'Client has encountered a connection error and is not queryable',
];

/** True for the error classes above, bare (pg) or wrapped (TypeORM's QueryFailedError keeps the driver's error in `driverError`). */
export function isDatabaseConnectionReset(err: unknown): boolean {
  let e: unknown = err;
  // A wrapper chain is short (QueryFailedError → pg error); the bound guards against cycles.
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && RESET_SQLSTATES.has(code)) return true;
    if (typeof message === 'string' && RESET_MESSAGES.some((m) => message.includes(m))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
