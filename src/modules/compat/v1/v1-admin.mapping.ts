import type { AdminAuditLogOutputDTO } from '../../auditlog/dto/audit-log.dto';
import type { UserOutputDTO } from '../../user/dto/user.dto';
import { toUser } from './v1.mapping';
import type { V1AdminUserDTO, V1AuditLogDTO } from './v1-admin.dto';

/** Admin replies in the `/v1` dialect. Pure functions. */

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

export function toAdminUser(u: UserOutputDTO): V1AdminUserDTO {
  return { ...toUser(u), suspended_at: iso(u.suspendedAt), suspended_reason: u.suspendedReason };
}

export function toAuditLog(a: AdminAuditLogOutputDTO): V1AuditLogDTO {
  return {
    id: a.id,
    organization_id: a.domainId,
    organization_name: a.domainName,
    actor_type: a.actorType,
    actor_id: a.actorId,
    actor_name: a.actorName,
    token_name: a.tokenName,
    action: a.action,
    target_type: a.targetType,
    target_id: a.targetId,
    target_name: a.targetName,
    ip: a.ip,
    status: a.status,
    details: a.details,
    created_at: iso(a.createdAt)!,
  };
}

/**
 * Outpost's JSON audit export (`[`, one row per line, `]`, written as it is read) with each row in
 * the `/v1` shape, still streamed: every line that holds a row is parsed, mapped and written back.
 */
export async function* toAuditJsonChunks(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    yield String(chunk)
      .split('\n')
      .map((line) => {
        const comma = line.endsWith(',');
        const body = comma ? line.slice(0, -1) : line;
        if (!body.startsWith('{')) return line;
        return JSON.stringify(toAuditLog(JSON.parse(body) as AdminAuditLogOutputDTO)) + (comma ? ',' : '');
      })
      .join('\n');
  }
}
