import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../core/errors/app-error';
import { AuthedRequest } from './auth-context';
import { routeAccess } from './route-access';

/** Checks @SessionOnly, @InstanceAdminOnly and the route's @RequirePermission against the caller's role in the request's domain. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const auth = context.switchToHttp().getRequest<AuthedRequest>().auth;
    if (!auth) return true;
    // The same reading the OpenAPI document publishes as x-access / x-permission.
    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());
    if (auth.principal.kind === 'apitoken' && access.sessionOnly) {
      throw AppError.forbidden('API tokens cannot do this: it changes credentials, MFA, sessions, tokens or tenancy; sign in as the user');
    }
    if (access.instanceAdmin && !auth.principal.isInstanceAdmin) {
      throw AppError.forbidden('Instance administrators only');
    }
    const needed = access.permission;
    if (!needed) return true;
    if (!auth.domainId) throw AppError.forbidden('No domain selected');
    if (!auth.permissions.has(needed)) throw AppError.forbidden(`Missing permission ${needed}`, { permission: needed });
    return true;
  }
}
