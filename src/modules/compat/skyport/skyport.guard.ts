import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthedRequest } from '../../auth/auth-context';
import { API_KEY_INVALID, API_KEY_REQUIRED, SkyportError } from './skyport.errors';

/**
 * Runs after the global guards (which already verified the credential, bound the domain and
 * loaded the permissions): Skyport's routes accept only an Outpost API token sent as `x-api-key`.
 * A user's JWT (bearer or in x-api-key) and a bearer API token are refused with 401.
 * Instance-wide tokens must name the domain (x-takaro-domain) instead of falling back to one.
 */
@Injectable()
export class SkyportApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key === '') throw new SkyportError(401, API_KEY_REQUIRED);
    const principal = req.auth?.principal;
    if (req.headers.authorization !== undefined || !principal || principal.kind !== 'apitoken') throw new SkyportError(401, API_KEY_INVALID);
    if (!principal.tokenDomainId && typeof req.headers['x-takaro-domain'] !== 'string') {
      throw new SkyportError(403, 'This API key is not bound to a domain: send x-takaro-domain or use a domain API key');
    }
    if (!req.auth?.domainId) throw new SkyportError(403, 'No domain for this API key');
    return true;
  }
}
