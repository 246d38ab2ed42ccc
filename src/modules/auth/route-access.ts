import type { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../../core/http/public.decorator';
import { DOMAIN_OPTIONAL, INSTANCE_ADMIN, REQUIRED_PERMISSION, SESSION_ONLY } from './auth-context';
import { METRICS_TOKEN_ALLOWED } from './operator.decorator';
import type { Permission } from './permissions';

/**
 * What a route demands of its caller, read from its access decorators (@Public, @OperatorOnly,
 * @SessionOnly, @InstanceAdminOnly, @DomainOptional, @RequirePermission; the handler's overrides the
 * class's). PermissionGuard enforces it and the OpenAPI document publishes it, so the two can't differ.
 */
export interface RouteAccess {
  /** No credentials needed; nothing below applies. */
  public: boolean;
  /** Also accepts `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: boolean;
  /** A signed-in user's session; API tokens are refused. */
  sessionOnly: boolean;
  instanceAdmin: boolean;
  /** Works without a selected domain. */
  domainOptional: boolean;
  /** Needed in the selected domain. */
  permission?: Permission;
}

/** A route handler or controller class, as Reflector takes them. */
type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

export function routeAccess(reflector: Reflector, handler: Target, controller: Target): RouteAccess {
  const read = <T>(key: string) => reflector.getAllAndOverride<T | undefined>(key, [handler, controller]);
  return {
    public: read<boolean>(IS_PUBLIC) === true,
    metricsToken: read<boolean>(METRICS_TOKEN_ALLOWED) === true,
    sessionOnly: read<boolean>(SESSION_ONLY) === true,
    instanceAdmin: read<boolean>(INSTANCE_ADMIN) === true,
    domainOptional: read<boolean>(DOMAIN_OPTIONAL) === true,
    permission: read<Permission>(REQUIRED_PERMISSION),
  };
}

/** Who may call, as published in the OpenAPI document's `x-access`. */
export type AccessLevel = 'public' | 'operator' | 'instance-admin' | 'session' | 'authenticated';

export function accessLevel(access: RouteAccess): AccessLevel {
  if (access.public) return 'public';
  if (access.metricsToken && access.instanceAdmin) return 'operator';
  if (access.instanceAdmin && access.sessionOnly) {
    // No route needs both today; a new one must get its own level rather than be described as less strict.
    throw new Error('A route that is both @InstanceAdminOnly and @SessionOnly needs an access level of its own');
  }
  if (access.instanceAdmin) return 'instance-admin';
  if (access.sessionOnly) return 'session';
  return 'authenticated';
}

const LEVEL_TEXT: Record<AccessLevel, string> = {
  public: 'Public: no credentials needed.',
  operator: 'Operators: an instance administrator, or the METRICS_TOKEN bearer when one is configured.',
  'instance-admin': 'Instance administrators only.',
  session: "A signed-in user's session; API tokens are refused.",
  authenticated: 'A user session or an API token.',
};

/** The `x-access` / `x-permission` / `x-domain` extensions and a sentence for the operation's description. */
export function describeAccess(access: RouteAccess): { extensions: Record<string, string>; text: string } {
  const level = accessLevel(access);
  const extensions: Record<string, string> = { 'x-access': level };
  let text = LEVEL_TEXT[level];
  if (level !== 'public') {
    extensions['x-domain'] = access.domainOptional ? 'optional' : 'required';
    if (access.permission) {
      extensions['x-permission'] = access.permission;
      text += ` Needs permission \`${access.permission}\` in the selected domain.`;
    } else if (!access.domainOptional) {
      text += ' Needs a selected domain.';
    }
  }
  return { extensions, text };
}
