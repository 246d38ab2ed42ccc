import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, isUuid } from '@libs/tenancy/domain-id';
import { RequestAuth } from '../auth/auth-context';
import { hashSecret } from '../auth/password';
import { PrivilegePolicy } from '../auth/privilege-policy';
import { ApiTokenRepository } from './api-token.repository';
import { formatApiToken, newApiTokenSecret } from './api-token.credentials';
import { API_TOKEN_SEARCH, ApiTokenCreateDTO, ApiTokenCreatedDTO, ApiTokenOutputDTO } from './dto/api-token.dto';
import { randomUUID } from 'node:crypto';

@Injectable()
export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly policy: PrivilegePolicy,
  ) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<ApiTokenOutputDTO>> {
    const r = await new SearchEngine(API_TOKEN_SEARCH).execute(this.tokens.queryBuilder(domainId, 't'), 't', query);
    return Paged.of(ApiTokenOutputDTO, r);
  }

  /** The token exists, is not revoked and has not expired (credentials derived from it, such as console tokens, end with it). */
  async isActive(id: string): Promise<boolean> {
    const row = isUuid(id) ? await this.tokens.findForAuth(id) : null;
    return !!row && !row.revokedAt && (!row.expiresAt || row.expiresAt.getTime() > Date.now());
  }

  async get(domainId: DomainId, id: string): Promise<ApiTokenOutputDTO> {
    const t = await this.tokens.findById(domainId, id);
    if (!t) throw AppError.notFound('API token');
    return toOutput(ApiTokenOutputDTO, t);
  }

  /** The secret is returned once; only its argon2id hash is stored. */
  async create(auth: RequestAuth, domainId: DomainId, input: ApiTokenCreateDTO): Promise<ApiTokenCreatedDTO> {
    // Route is @SessionOnly: an API token never mints another. An empty list means "what my role has", checked at use.
    const permissions = [...new Set(input.permissions ?? [])];
    this.policy.assertMayGrant(auth, permissions, 'An API token cannot have permissions you do not hold');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw AppError.validation('expiresAt must be in the future', [{ path: 'expiresAt', code: 'past', message: 'expiresAt must be in the future' }]);
    if (input.instanceWide && !auth.principal.isInstanceAdmin) throw AppError.forbidden('Only instance administrators can create instance-wide tokens');

    const id = randomUUID();
    const secret = newApiTokenSecret();
    const token = formatApiToken(id, secret);
    const values = { id, userId: auth.principal.userId, name: input.name, prefix: token.slice(0, 16), secretHash: await hashSecret(secret), permissions, expiresAt };
    const row = input.instanceWide ? await this.tokens.insertInstanceWide(values) : await this.tokens.insert(domainId, values);
    return { ...toOutput(ApiTokenOutputDTO, row), token };
  }

  async rename(domainId: DomainId, id: string, name: string): Promise<ApiTokenOutputDTO> {
    const t = await this.tokens.update(domainId, id, { name });
    if (!t) throw AppError.notFound('API token');
    return toOutput(ApiTokenOutputDTO, t);
  }

  /** Revocation takes effect on the next request: authentication reads revokedAt every time. */
  async revoke(domainId: DomainId, id: string): Promise<void> {
    const t = await this.tokens.findById(domainId, id);
    if (!t) throw AppError.notFound('API token');
    if (!t.revokedAt) await this.tokens.update(domainId, id, { revokedAt: new Date() });
  }
}
