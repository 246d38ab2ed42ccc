import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, mergeMap, Observable } from 'rxjs';
import { AuthedRequest } from '../auth/auth-context';
import { NOT_AUDITED } from './audit.decorator';
import { AuditService } from './audit.service';
import { fileAction, fileDetails } from './file-actions';

/**
 * Every successful mutation writes an audit row, without each handler remembering to:
 * action = `<controller path>.<handler>` (e.g. `gameserver.start`), target = the :id param; file routes
 * have their own `files.*` actions with the paths they touched. Who and what are stored by name too.
 * Reads (GET, POST …/search) are not mutations; `@NotAudited()` routes change nothing worth a row.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const path = req.routeOptions?.url ?? '';
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || path.endsWith('/search')) return next.handle();
    if (this.reflector.get<string | undefined>(NOT_AUDITED, context.getHandler())) return next.handle();
    const auth = req.auth;
    if (!auth?.domainId) return next.handle();
    const resource = resourceName(context.getClass());
    const params = (req.params ?? {}) as Record<string, string>;
    const files = fileAction(req.method, path);
    const principal = auth.principal;
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.audit
            .record(auth.domainId!, {
              actorType: principal.kind,
              actorId: principal.kind === 'apitoken' ? (principal.tokenId ?? null) : principal.userId,
              actorName: principal.username,
              tokenName: principal.kind === 'apitoken' ? (principal.tokenName ?? null) : null,
              action: files ?? `${resource}.${context.getHandler().name}`,
              // A file action's target is the server (params.id), so its name and links are the server's.
              targetType: files ? 'gameserver' : resource,
              targetId: params.id ?? (hasString(result, 'id') ? result.id : null),
              // File actions reply with the files, not the server: the server's name comes from earlier rows.
              targetName: files ? null : nameOf(result),
              ip: req.ip,
              status: 200,
              details: { method: req.method, route: path, ...(files ? fileDetails(req, result) : {}) },
            })
            .then(() => result),
        ),
      ),
    );
  }
}

/** `gameserver` from @Controller('gameserver'); controllers mounted at '/' use their Swagger tag. */
function resourceName(controller: Function): string {
  const path = (Reflect.getMetadata('path', controller) as string | undefined)?.replace(/^\//, '').split('/')[0];
  if (path) return path;
  const tags = Reflect.getMetadata('swagger/apiUseTags', controller) as string[] | undefined;
  return tags?.[0] ?? 'api';
}

function hasString<K extends string>(value: unknown, key: K): value is Record<K, string> {
  return !!value && typeof value === 'object' && typeof (value as Record<string, unknown>)[key] === 'string';
}

/** What the reply calls the target: a name, else a username or an e-mail (users, invites). */
function nameOf(result: unknown): string | null {
  for (const key of ['name', 'username', 'email', 'inviteEmail']) if (hasString(result, key) && result[key]) return result[key];
  return null;
}
