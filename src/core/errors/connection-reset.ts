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
/**
 * TypeORM releases a query runner when its connection emits an error (PostgresQueryRunner's
 * onErrorCallback): the next statement of a transaction on it throws this instead of the reset.
 */
const RESET_NAMES = new Set(['QueryRunnerAlreadyReleasedError']);

/** True for the error classes above, bare (pg) or wrapped (TypeORM's QueryFailedError keeps the driver's error in `driverError`). */
export function isDatabaseConnectionReset(err: unknown): boolean {
  let e: unknown = err;
  // A wrapper chain is short (QueryFailedError → pg error); the bound guards against cycles.
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && RESET_SQLSTATES.has(code)) return true;
    if (typeof name === 'string' && RESET_NAMES.has(name)) return true;
    if (typeof message === 'string' && RESET_MESSAGES.some((m) => message.includes(m))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The socket failing with no PostgreSQL error (the server went away mid-handshake or mid-query, without a goodbye). */
const HANDSHAKE_CODES = new Set(['ECONNRESET', 'EPIPE']);
const UNREACHABLE_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/**
 * The database cannot be reached: a new connection could not be opened (stopped or restarting: the
 * pool's connect fails with the socket's error, or times out), or a socket died without a PostgreSQL
 * error. Answered 503 "retry" like a reset (a write cut off this way may or may not have run).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, syscall, message } = err as { code?: unknown; syscall?: unknown; message?: unknown };
  if (syscall === 'connect' && typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if ((syscall === 'read' || syscall === 'write') && typeof code === 'string' && HANDSHAKE_CODES.has(code)) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.some((m) => message.includes(m));
}
