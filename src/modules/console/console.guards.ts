import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { WebSocket } from 'ws';
import { AppError } from '../../core/errors/app-error';
import { flattenValidationErrors } from '../../core/http/validation';
import { bearerToken, handshakeParams, handshakeRequest, HandshakeSlot } from '../../core/ws/handshake';
import { Permission } from '../auth/permissions';
import { GameServerService } from '../gameserver/gameserver.service';
import { ConsoleAuthService, ConsoleGrant } from './console-auth.service';
import { ConsoleConnectQuery } from './dto/console-frames.dto';

/** What the upgrade of a console socket resolved: who, the server as it was, where to resume. */
export interface ConsoleHandshake {
  grant: ConsoleGrant;
  server: { state: string; stateReason: string | null; installLog: string };
  since: number | null;
}

/** Set on the upgrade request by ConsoleTokenGuard; read by ConsoleGateway.handleConnection. */
export const CONSOLE_HANDSHAKE = new HandshakeSlot<ConsoleHandshake>('console handshake');
/** The grant an open console socket acts under (renewed by an `auth` frame). */
export const CONSOLE_GRANT = new HandshakeSlot<ConsoleGrant>('console grant');

/**
 * The console token check, on both sides of the socket's life:
 * - the upgrade (`GET /gameserver/:id/console?token=…`, or `Authorization: Bearer`): the token is
 *   verified (ConsoleAuthService: 401/403/404), the server must still exist in the token's
 *   domain (404), `since` must be a seq (400); the upgrade is refused with that status otherwise;
 * - an `auth` frame ([token]) on an open socket: the fresh token must be valid for the same
 *   server, user and domain; it then replaces the socket's grant.
 */
@Injectable()
export class ConsoleTokenGuard implements CanActivate {
  constructor(
    private readonly auth: ConsoleAuthService,
    private readonly gameServers: GameServerService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = handshakeRequest(context);
    if (req) {
      let serverId = '';
      try {
        serverId = decodeURIComponent(handshakeParams(context).id ?? '');
      } catch {
        /* malformed escape: not a server id, refused as unknown by authenticate */
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const grant = await this.auth.authenticate(serverId, url.searchParams.get('token') ?? bearerToken(req));
      const server = await this.gameServers.find(grant.domainId, serverId);
      const query = plainToInstance(ConsoleConnectQuery, Object.fromEntries(url.searchParams));
      const invalid = flattenValidationErrors(validateSync(query));
      if (invalid.length) throw AppError.validation(invalid[0].message, invalid);
      CONSOLE_HANDSHAKE.set(req, { grant, server: { state: server.state, stateReason: server.stateReason, installLog: server.installLog }, since: query.since ?? null });
      return true;
    }
    const ws = context.switchToWs();
    const socket = ws.getClient<WebSocket>();
    const current = CONSOLE_GRANT.get(socket);
    const token = ws.getData<{ args?: unknown[] } | undefined>()?.args?.[0];
    if (typeof token !== 'string') throw AppError.validation('auth takes a token');
    const grant = await this.auth.authenticate(current.serverId, token);
    if (grant.userId !== current.userId || grant.domainId !== current.domainId) throw AppError.forbidden('The new token belongs to someone else');
    CONSOLE_GRANT.set(socket, grant);
    return true;
  }
}

const CONSOLE_PERMISSION = 'outpost:console-permission';

/**
 * A frame handler that needs this permission (403 ForbiddenError otherwise). The socket's grant is
 * checked again first (ConsoleAuthService.recheck): a command or power action is judged by the
 * rights the user has now, not those they had when the socket opened.
 */
export function RequireConsolePermission(permission: Permission): MethodDecorator {
  return applyDecorators(SetMetadata(CONSOLE_PERMISSION, permission), UseGuards(ConsolePermissionGuard));
}

@Injectable()
export class ConsolePermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: ConsoleAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.get<Permission | undefined>(CONSOLE_PERMISSION, context.getHandler());
    if (!permission) return true;
    const socket = context.switchToWs().getClient<WebSocket>();
    const current = CONSOLE_GRANT.get(socket);
    const fresh = await this.auth.recheck(current);
    // An `auth` frame may have replaced the grant meanwhile: keep the newer one.
    if (CONSOLE_GRANT.get(socket) === current) CONSOLE_GRANT.set(socket, fresh);
    if (!fresh.permissions.has(permission)) throw AppError.forbidden(`Missing permission ${permission}`, { permission });
    return true;
  }
}
