import { HttpStatus } from '@nestjs/common';

/** The single error catalogue: every error the API returns has one of these codes. */
export enum ErrorCode {
  ValidationError = 'ValidationError',
  BadRequestError = 'BadRequestError',
  UnauthorizedError = 'UnauthorizedError',
  ForbiddenError = 'ForbiddenError',
  NotFoundError = 'NotFoundError',
  ConflictError = 'ConflictError',
  PayloadTooLargeError = 'PayloadTooLargeError',
  UnsupportedMediaTypeError = 'UnsupportedMediaTypeError',
  TooManyRequestsError = 'TooManyRequestsError',
  InternalServerError = 'InternalServerError',
  ServiceUnavailableError = 'ServiceUnavailableError',
  BadGatewayError = 'BadGatewayError',
  NotImplementedError = 'NotImplementedError',
  AccountSuspendedError = 'AccountSuspendedError',
  RegistrationDisabledError = 'RegistrationDisabledError',
  RegistrationEmailDomainError = 'RegistrationEmailDomainError',
  PasswordResetTokenInvalidError = 'PasswordResetTokenInvalidError',
}

export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationError]: HttpStatus.BAD_REQUEST,
  [ErrorCode.BadRequestError]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UnauthorizedError]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.ForbiddenError]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFoundError]: HttpStatus.NOT_FOUND,
  [ErrorCode.ConflictError]: HttpStatus.CONFLICT,
  [ErrorCode.PayloadTooLargeError]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UnsupportedMediaTypeError]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.TooManyRequestsError]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.InternalServerError]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.ServiceUnavailableError]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.BadGatewayError]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.NotImplementedError]: HttpStatus.NOT_IMPLEMENTED,
  [ErrorCode.AccountSuspendedError]: HttpStatus.FORBIDDEN,
  [ErrorCode.RegistrationDisabledError]: HttpStatus.FORBIDDEN,
  [ErrorCode.RegistrationEmailDomainError]: HttpStatus.FORBIDDEN,
  [ErrorCode.PasswordResetTokenInvalidError]: HttpStatus.BAD_REQUEST,
};

const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BadRequestError,
  401: ErrorCode.UnauthorizedError,
  403: ErrorCode.ForbiddenError,
  404: ErrorCode.NotFoundError,
  405: ErrorCode.NotFoundError,
  409: ErrorCode.ConflictError,
  413: ErrorCode.PayloadTooLargeError,
  415: ErrorCode.UnsupportedMediaTypeError,
  429: ErrorCode.TooManyRequestsError,
  502: ErrorCode.BadGatewayError,
  503: ErrorCode.ServiceUnavailableError,
};

export function codeForStatus(status: number): ErrorCode {
  return STATUS_CODE[status] ?? (status >= 500 ? ErrorCode.InternalServerError : ErrorCode.BadRequestError);
}

export interface ValidationDetail {
  path: string;
  code: string;
  message: string;
}
