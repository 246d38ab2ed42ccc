import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiTokenService } from '../../apitoken/api-token.service';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, DomainOptional, Principal, RequestAuth, RequirePermission, SessionOnly } from '../../auth/auth-context';
import { AuthService } from '../../auth/auth.service';
import { PERMISSIONS } from '../../auth/permissions';
import { RoleService } from '../../role/role.service';
import { UserService } from '../../user/user.service';
import { V1ApiTokenCreatedDTO, V1ApiTokenCreateInputDTO, V1ApiTokenDTO, V1ListQueryDTO, V1MessageDTO, V1PasswordInputDTO, V1PermissionDTO, V1UserCreateInputDTO, V1UserDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { expiresInToDate, toApiToken, toApiTokenCreated, toUser, usernameFromEmail } from './v1.mapping';
import { resolveRole } from './v1.roles';

/**
 * Seed 001's User, API token and Permissions endpoints over UserService, ApiTokenService and
 * AuthService. "Admin" user routes are the organization's member administration (members.read /
 * members.manage), as Outpost's /user; instance administrators see every account.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1UsersController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
    private readonly roles: RoleService,
    private readonly tokens: ApiTokenService,
  ) {}

  @Get('users/me')
  @DomainOptional()
  @ApiOperation({ summary: 'The caller' })
  @V1Reply(V1UserDTO)
  async me(@CurrentAuth() auth: RequestAuth): Promise<V1UserDTO> {
    return toUser((await this.auth.me(auth)).user);
  }

  @Post('users/me/password')
  @SessionOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Changes the password (needs the current one); every session of the account ends, log in again' })
  @V1Reply(V1MessageDTO)
  async password(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Body() body: V1PasswordInputDTO): Promise<V1MessageDTO> {
    await this.users.update(principal, domainId, principal.userId, { password: body.new_password, currentPassword: body.current_password });
    return { message: 'Password updated; every session was signed out' };
  }

  @Get('users')
  @RequirePermission('members.read')
  @ApiOperation({ summary: "The organization's members (instance administrators: every account)" })
  @V1Reply(V1UserDTO, { isArray: true })
  async list(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1UserDTO[]> {
    const page = await this.users.search(principal, domainId, { page: query.page, limit: query.limit });
    return page.items.map(toUser);
  }

  @Post('users')
  @RequirePermission('members.manage')
  @ApiOperation({ summary: 'Creates an account and its membership in the organization (role: id or name, default member)' })
  @V1Reply(V1UserDTO, { status: 201 })
  async create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: V1UserCreateInputDTO): Promise<V1UserDTO> {
    const roleId = body.role === undefined ? undefined : await resolveRole(this.roles, domainId, body.role);
    const user = await this.users.create(auth, domainId, {
      email: body.email,
      password: body.password,
      username: body.username ?? usernameFromEmail(body.email),
      roleIds: roleId ? [roleId] : undefined,
    });
    return toUser(user);
  }

  @Get('users/:id')
  @RequirePermission('members.read')
  @ApiOperation({ summary: 'A member of the organization' })
  @V1Reply(V1UserDTO)
  @V1NotFound()
  async get(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<V1UserDTO> {
    return toUser(await this.users.get(principal, domainId, id));
  }

  @Delete('users/:id')
  @RequirePermission('members.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Instance administrators delete the account; organization admins remove it from the organization' })
  @V1NoContent()
  @V1NotFound()
  async remove(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.users.remove(auth, domainId, id);
  }

  @Get('api-tokens')
  @RequirePermission('apitokens.manage')
  @ApiOperation({ summary: "The organization's API tokens (never their secrets)" })
  @V1Reply(V1ApiTokenDTO, { isArray: true })
  async listTokens(@CurrentDomain() domainId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1ApiTokenDTO[]> {
    const page = await this.tokens.search(domainId, { page: query.page, limit: query.limit });
    return page.items.map(toApiToken);
  }

  @Post('api-tokens')
  @RequirePermission('apitokens.manage')
  @SessionOnly()
  @ApiOperation({ summary: 'Creates an API token (expires_in seconds); the token starts with outpost_ and is shown once' })
  @V1Reply(V1ApiTokenCreatedDTO, { status: 201 })
  async createToken(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: V1ApiTokenCreateInputDTO): Promise<V1ApiTokenCreatedDTO> {
    return toApiTokenCreated(await this.tokens.create(auth, domainId, { name: body.name, expiresAt: expiresInToDate(body.expires_in, Date.now()) }));
  }

  @Delete('api-tokens/:id')
  @RequirePermission('apitokens.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes the token at once' })
  @V1NoContent()
  @V1NotFound()
  async removeToken(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.tokens.revoke(domainId, id);
  }

  @Get('permissions')
  @DomainOptional()
  @ApiOperation({ summary: 'Every permission key a role or token can hold' })
  @V1Reply(V1PermissionDTO, { isArray: true })
  permissions(): V1PermissionDTO[] {
    return Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description }));
  }
}
