import { ERROR_STATUS, ErrorCode } from './error-codes';

/** Throw this from services: the exception filter turns it into the error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(message: string, details?: unknown) {
    return new AppError(ErrorCode.ValidationError, message, details);
  }
  static badRequest(message: string, details?: unknown) {
    return new AppError(ErrorCode.BadRequestError, message, details);
  }
  static unauthorized(message = 'Authentication required') {
    return new AppError(ErrorCode.UnauthorizedError, message);
  }
  static forbidden(message = 'You do not have permission to do this', details?: unknown) {
    return new AppError(ErrorCode.ForbiddenError, message, details);
  }
  static notFound(what: string) {
    return new AppError(ErrorCode.NotFoundError, `${what} not found`);
  }
  static conflict(message: string, details?: unknown) {
    return new AppError(ErrorCode.ConflictError, message, details);
  }
  static tooManyRequests(message: string, retryAfterSeconds: number) {
    return new AppError(ErrorCode.TooManyRequestsError, message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
  static unavailable(message: string) {
    return new AppError(ErrorCode.ServiceUnavailableError, message);
  }
}
