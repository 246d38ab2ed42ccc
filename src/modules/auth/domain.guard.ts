import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../core/errors/app-error';
import { isUuid, trustedDomainId } from '@libs/tenancy/domain-id';
import { DomainRepository } from '../domain/domain.repository';
import { DomainState } from '../domain/entities/domain.entity';
import { AuthedRequest, DOMAIN_OPTIONAL, RequestAuth } from './auth-context';
import { DomainAccessService } from './domain-access.service';

export const DOMAIN_HEADER = 'x-takaro-domain';
export const DOMAIN_COOKIE = 'takaro-domain';

/**
 * Which tenant: `x-takaro-domain` header, else the `takaro-domain` cookie, else the user's
 * first ACTIVE domain. Membership and domain state are checked here, once; a named domain the
 * caller may not use is refused (403), never silently replaced.
 */
@Injectable()
export class DomainGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly domains: DomainRepository,
    private readonly access: DomainAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest & { cookies?: Record<string, string> }>();
    const auth = req.auth;
    if (!auth) return true; // public route
    const optional = this.reflector.getAllAndOverride<boolean>(DOMAIN_OPTIONAL, [context.getHandler(), context.getClass()]) ?? false;

    const header = req.headers[DOMAIN_HEADER];
    const fromHeader = typeof header === 'string' && header ? header : undefined;
    // On routes that work without a domain (/me, switching domains) a stale cookie must not lock the user out.
    const fromCookie = optional ? undefined : req.cookies?.[DOMAIN_COOKIE] || undefined;
    const tokenDomain = auth.principal.kind === 'apitoken' ? auth.principal.tokenDomainId : undefined;

    let requested = fromHeader ?? fromCookie;
    if (tokenDomain) {
      if (requested && requested !== tokenDomain) throw AppError.forbidden('This API token is bound to another domain');
      requested = tokenDomain;
    }

    if (requested) {
      if (!isUuid(requested)) throw AppError.forbidden(`Domain ${String(requested).slice(0, 64)} is not one of yours`);
      await this.bind(auth, requested);
      return true;
    }

    const first = (await this.domains.forUser(auth.principal.userId)).find((d) => d.state === DomainState.ACTIVE);
    if (first) {
      await this.bind(auth, first.id);
      return true;
    }
    if (!optional) throw AppError.forbidden('You are not a member of any active domain');
    return true;
  }

  private async bind(auth: RequestAuth, domainId: string): Promise<void> {
    const id = trustedDomainId(domainId);
    // An API token's empty permission list means "everything its user has".
    const subset = auth.principal.tokenPermissions;
    const permissions = await this.access.permissionsIn(id, auth.principal.userId, subset?.length ? subset : undefined);
    if (!permissions) throw AppError.forbidden('You are not a member of this domain');
    auth.domainId = id;
    auth.permissions = permissions;
  }
}
