import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, mergeMap, Observable } from 'rxjs';
import { AuthedRequest } from '../auth/auth-context';
import { AuditService } from './audit.service';

/**
 * Every successful mutation writes an audit row, without each handler remembering to:
 * action = `<controller path>.<handler>` (e.g. `gameserver.start`), target = the :id param.
 * Reads (GET, POST …/search) are not mutations.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const path = req.routeOptions?.url ?? '';
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || path.endsWith('/search')) return next.handle();
    const auth = req.auth;
    if (!auth?.domainId) return next.handle();
    const resource = resourceName(context.getClass());
    const params = (req.params ?? {}) as Record<string, string>;
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.audit
            .record(auth.domainId!, {
              actorType: auth.principal.kind,
              actorId: auth.principal.kind === 'apitoken' ? (auth.principal.tokenId ?? null) : auth.principal.userId,
              action: `${resource}.${context.getHandler().name}`,
              targetType: resource,
              targetId: params.id ?? (result && typeof result === 'object' && 'id' in result ? String(result.id) : null),
              ip: req.ip,
              status: 200,
              details: { method: req.method, route: path },
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
