import { AgentError } from '@libs/agent-protocol/protocol';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';

/** What an agent's failure means to the API caller; `{Node}` is the node as people know it (`Node "alpha-1"`). */
const MAP: Record<string, { code: ErrorCode; prefix: string }> = {
  offline: { code: ErrorCode.ConflictError, prefix: '{Node} is offline' },
  disconnected: { code: ErrorCode.ServiceUnavailableError, prefix: '{Node} disconnected before answering' },
  shutting_down: { code: ErrorCode.ServiceUnavailableError, prefix: 'The API is shutting down' },
  timeout: { code: ErrorCode.ServiceUnavailableError, prefix: '{Node} did not answer in time' },
  not_found: { code: ErrorCode.NotFoundError, prefix: 'Not found on {node}' },
  conflict: { code: ErrorCode.ConflictError, prefix: 'Conflict' },
  path_unsafe: { code: ErrorCode.BadRequestError, prefix: 'Path refused' },
  invalid_argument: { code: ErrorCode.BadRequestError, prefix: 'Invalid argument' },
  invalid_payload: { code: ErrorCode.BadRequestError, prefix: 'Invalid request' },
  quota_exceeded: { code: ErrorCode.PayloadTooLargeError, prefix: 'Disk quota exceeded' },
  too_large: { code: ErrorCode.PayloadTooLargeError, prefix: 'Too large' },
  no_space: { code: ErrorCode.PayloadTooLargeError, prefix: '{Node} is out of disk space' },
  image_missing: { code: ErrorCode.BadRequestError, prefix: 'Image not available on {node}' },
  permission_denied: { code: ErrorCode.ForbiddenError, prefix: 'Permission denied on {node}' },
  // The user's upload stream ended early (client went away or cut the connection).
  transfer_interrupted: { code: ErrorCode.BadRequestError, prefix: 'The transfer was interrupted' },
  // The node could not open its transfer back to this API (expired ticket, wrong process).
  transfer_refused: { code: ErrorCode.ServiceUnavailableError, prefix: '{Node} could not open the transfer' },
};

const NODE_ID = /\bnode [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * An agent failure as an API error. `nodeName` (when known) replaces the node's id in the text:
 * people know their machines by name, not by uuid.
 */
export function toAppError(err: unknown, nodeName?: string): unknown {
  if (!(err instanceof AgentError)) return err;
  const node = nodeName ? `node "${nodeName}"` : 'the node';
  const named = (text: string) => text.replaceAll('{Node}', node[0].toUpperCase() + node.slice(1)).replaceAll('{node}', node);
  const detail = nodeName ? err.message.replace(NODE_ID, node) : err.message;
  const known = MAP[err.code];
  if (!known) return new AppError(ErrorCode.BadGatewayError, `${named('{Node}')} failed: ${detail}`, { agentCode: err.code });
  const prefix = named(known.prefix);
  // "Node "a" is offline: node "a" is not connected" says it twice.
  if (detail === `${node} is not connected`) return new AppError(known.code, prefix, { agentCode: err.code });
  return new AppError(known.code, `${prefix}: ${detail}`, { agentCode: err.code });
}
