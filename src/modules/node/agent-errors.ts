import { AgentError } from '@libs/agent-protocol/protocol';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';

/** What an agent's failure means to the API caller. */
const MAP: Record<string, { code: ErrorCode; prefix: string }> = {
  offline: { code: ErrorCode.ConflictError, prefix: 'The node is offline' },
  disconnected: { code: ErrorCode.ServiceUnavailableError, prefix: 'The node disconnected before answering' },
  shutting_down: { code: ErrorCode.ServiceUnavailableError, prefix: 'The API is shutting down' },
  timeout: { code: ErrorCode.ServiceUnavailableError, prefix: 'The node did not answer in time' },
  not_found: { code: ErrorCode.NotFoundError, prefix: 'Not found on the node' },
  conflict: { code: ErrorCode.ConflictError, prefix: 'Conflict' },
  path_unsafe: { code: ErrorCode.BadRequestError, prefix: 'Path refused' },
  invalid_argument: { code: ErrorCode.BadRequestError, prefix: 'Invalid argument' },
  invalid_payload: { code: ErrorCode.BadRequestError, prefix: 'Invalid request' },
  quota_exceeded: { code: ErrorCode.PayloadTooLargeError, prefix: 'Disk quota exceeded' },
  too_large: { code: ErrorCode.PayloadTooLargeError, prefix: 'Too large' },
  no_space: { code: ErrorCode.PayloadTooLargeError, prefix: 'The node is out of disk space' },
  image_missing: { code: ErrorCode.BadRequestError, prefix: 'Image not available on the node' },
  permission_denied: { code: ErrorCode.ForbiddenError, prefix: 'Permission denied on the node' },
  // The user's upload stream ended early (client went away or cut the connection).
  transfer_interrupted: { code: ErrorCode.BadRequestError, prefix: 'The transfer was interrupted' },
  // The node could not open its transfer back to this API (expired ticket, wrong process).
  transfer_refused: { code: ErrorCode.ServiceUnavailableError, prefix: 'The node could not open the transfer' },
};

export function toAppError(err: unknown): unknown {
  if (!(err instanceof AgentError)) return err;
  const known = MAP[err.code];
  if (!known) return new AppError(ErrorCode.BadGatewayError, `The node failed: ${err.message}`, { agentCode: err.code });
  return new AppError(known.code, `${known.prefix}: ${err.message}`, { agentCode: err.code });
}
