import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import type { Permission } from './permissions';

export interface Principal {
  kind: 'user' | 'apitoken';
  userId: string;
  username: string;
  isInstanceAdmin: boolean;
  /** Set for users: the session (refresh-token family) of the access token. */
  sessionId?: string;
  /** Set for API tokens: the domain they are bound to (null = instance-wide). */
  tokenDomainId?: string | null;
  tokenId?: string;
  /** Set for API tokens: its name, for the audit log. */
  tokenName?: string;
  /** Set for API tokens with a permission subset. */
  tokenPermissions?: string[];
}

export interface RequestAuth {
  principal: Principal;
  domainId?: DomainId;
  permissions: Set<Permission>;
}

export type AuthedRequest = FastifyRequest & { auth?: RequestAuth };

export const REQUIRED_PERMISSION = 'outpost:permission';
export const DOMAIN_OPTIONAL = 'outpost:domain-optional';
export const INSTANCE_ADMIN = 'outpost:instance-admin';
export const SESSION_ONLY = 'outpost:session-only';

/** The route needs this permission in the request's domain (checked by PermissionGuard). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
/** The route works without a selected domain (e.g. /me, creating a domain). */
export const DomainOptional = () => SetMetadata(DOMAIN_OPTIONAL, true);
/**
 * Needs a signed-in user's session: API tokens (whatever their permissions) are refused. For what
 * an account does to itself or to tenancy: credentials, MFA, sessions, new tokens, domains.
 */
export const SessionOnly = () => SetMetadata(SESSION_ONLY, true);
/** Instance administrators only. */
export const InstanceAdminOnly = () => SetMetadata(INSTANCE_ADMIN, true);

export function requestAuth(ctx: ExecutionContext): RequestAuth {
  const auth = ctx.switchToHttp().getRequest<AuthedRequest>().auth;
  if (!auth) throw AppError.unauthorized();
  return auth;
}

/** The resolved, membership-checked tenant of this request. */
export const CurrentDomain = createParamDecorator((_: unknown, ctx: ExecutionContext): DomainId => {
  const auth = requestAuth(ctx);
  if (!auth.domainId) throw AppError.forbidden('No domain selected: send x-takaro-domain or select one');
  return auth.domainId;
});

/** The resolved tenant when there is one (DomainOptional routes). */
export const OptionalDomain = createParamDecorator((_: unknown, ctx: ExecutionContext): DomainId | undefined => requestAuth(ctx).domainId);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => requestAuth(ctx).principal);

export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestAuth => requestAuth(ctx));

export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<FastifyRequest>().ip);
