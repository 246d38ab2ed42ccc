import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../core/errors/app-error';
import { AuthedRequest, INSTANCE_ADMIN, REQUIRED_PERMISSION, SESSION_ONLY } from './auth-context';
import type { Permission } from './permissions';

/** Checks @SessionOnly, @InstanceAdminOnly and the route's @RequirePermission against the caller's role in the request's domain. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const auth = context.switchToHttp().getRequest<AuthedRequest>().auth;
    if (!auth) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (auth.principal.kind === 'apitoken' && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets)) {
      throw AppError.forbidden('API tokens cannot do this: it changes credentials, MFA, sessions, tokens or tenancy; sign in as the user');
    }
    if (this.reflector.getAllAndOverride<boolean>(INSTANCE_ADMIN, targets) && !auth.principal.isInstanceAdmin) {
      throw AppError.forbidden('Instance administrators only');
    }
    const needed = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!needed) return true;
    if (!auth.domainId) throw AppError.forbidden('No domain selected');
    if (!auth.permissions.has(needed)) throw AppError.forbidden(`Missing permission ${needed}`, { permission: needed });
    return true;
  }
}
