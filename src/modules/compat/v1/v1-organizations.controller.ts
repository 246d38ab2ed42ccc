import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AppError } from '../../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, DomainOptional, Principal, RequestAuth, RequirePermission, SessionOnly } from '../../auth/auth-context';
import { DomainService } from '../../domain/domain.service';
import { MemberPermissionsService } from '../../membership/member-permissions.service';
import { MembershipService } from '../../membership/membership.service';
import { RoleService } from '../../role/role.service';
import { V1AcceptedDTO, V1InviteCreatedDTO, V1InviteDTO, V1InviteInputDTO, V1ListQueryDTO, V1MemberDTO, V1OrganizationDTO, V1OrganizationInputDTO, V1RoleInputDTO } from './v1.dto';
import { V1Controller, V1NoContent, V1NotFound, V1Reply } from './v1.decorators';
import { toInvite, toInviteCreated, toMember, toOrganization } from './v1.mapping';
import { resolveRole } from './v1.roles';
import { V1MemberPermissionInputDTO, V1MemberPermissionsDTO } from './v1-organizations.dto';
import { toMemberPermissions } from './v1-organizations.mapping';

/** Membership states as Outpost stores them (MembershipOutputDTO.state). */
const ACTIVE = 'ACTIVE';
const INVITED = 'INVITED';
const INVITE_THROTTLE = { default: { limit: 20, ttl: 60_000 } };
const ORG = { name: 'orgId', format: 'uuid', description: 'The organization (Outpost domain); checked like the x-takaro-domain header' } as const;

/**
 * Seed 001's Organization endpoints: organizations are Outpost domains. `{orgId}` in the path is
 * the request's tenant: ShardlynModule copies it into x-takaro-domain before the guards run, so
 * DomainGuard and DomainAccessService check it exactly like the header (active membership, domain
 * state, a token bound to another domain refused) and the route's permission is checked there.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1OrganizationsController {
  constructor(
    private readonly domains: DomainService,
    private readonly memberships: MembershipService,
    private readonly roles: RoleService,
    private readonly memberPermissions: MemberPermissionsService,
  ) {}

  @Get('organizations')
  @DomainOptional()
  @ApiOperation({ summary: "The caller's organizations (instance administrators: all)" })
  @V1Reply(V1OrganizationDTO, { isArray: true })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: V1ListQueryDTO): Promise<V1OrganizationDTO[]> {
    return (await this.domains.search(principal, { page: query.page, limit: query.limit })).items.map(toOrganization);
  }

  @Post('organizations')
  @DomainOptional()
  @SessionOnly()
  @ApiOperation({ summary: 'Creates an organization; the caller is its Owner' })
  @V1Reply(V1OrganizationDTO, { status: 201 })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: V1OrganizationInputDTO): Promise<V1OrganizationDTO> {
    this.domains.assertMayCreate(principal);
    return toOrganization(await this.domains.create({ name: body.name }, principal.userId));
  }

  @Get('organizations/:orgId')
  @ApiParam(ORG)
  @ApiOperation({ summary: 'One organization' })
  @V1Reply(V1OrganizationDTO)
  async get(@CurrentPrincipal() principal: Principal, @CurrentDomain() orgId: DomainId): Promise<V1OrganizationDTO> {
    return toOrganization(await this.domains.get(principal, orgId));
  }

  @Put('organizations/:orgId')
  @ApiParam(ORG)
  @ApiOperation({ summary: 'Renames the organization (needs domain.manage)' })
  @V1Reply(V1OrganizationDTO)
  async update(@CurrentPrincipal() principal: Principal, @CurrentDomain() orgId: DomainId, @Body() body: V1OrganizationInputDTO): Promise<V1OrganizationDTO> {
    return toOrganization(await this.domains.update(principal, orgId, { name: body.name }));
  }

  @Delete('organizations/:orgId')
  @ApiParam(ORG)
  @SessionOnly()
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the organization and everything in it (its Owner only)' })
  @V1NoContent()
  async remove(@CurrentPrincipal() principal: Principal, @CurrentDomain() orgId: DomainId): Promise<void> {
    await this.domains.remove(principal, orgId);
  }

  @Get('organizations/:orgId/members')
  @ApiParam(ORG)
  @RequirePermission('members.read')
  @ApiOperation({ summary: 'The active members with their roles' })
  @V1Reply(V1MemberDTO, { isArray: true })
  async members(@CurrentDomain() orgId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1MemberDTO[]> {
    const page = await this.memberships.search(orgId, { filters: { state: [ACTIVE] }, extend: ['user', 'role'], page: query.page, limit: query.limit });
    return page.items.map(toMember);
  }

  @Post('organizations/:orgId/members/invite')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @ApiOperation({ summary: 'Invites by email (role: id or name, default member); the reply carries the invite token once' })
  @V1Reply(V1InviteCreatedDTO, { status: 201 })
  async invite(@CurrentAuth() auth: RequestAuth, @CurrentDomain() orgId: DomainId, @Body() body: V1InviteInputDTO): Promise<V1InviteCreatedDTO> {
    const roleId = body.role === undefined ? undefined : await resolveRole(this.roles, orgId, body.role);
    const invite = await this.memberships.invite(auth, orgId, { email: body.email, roleId });
    return toInviteCreated({ ...invite, role: await this.roles.get(orgId, invite.roleId) });
  }

  @Delete('organizations/:orgId/members/:userId')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a member (never the last Owner)' })
  @V1NoContent()
  @V1NotFound('Not a member')
  async removeMember(@CurrentAuth() auth: RequestAuth, @CurrentDomain() orgId: DomainId, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    if (!(await this.memberships.removeUser(auth, orgId, userId))) throw AppError.notFound('Member');
  }

  @Put('organizations/:orgId/members/:userId/role')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @ApiOperation({ summary: "Changes a member's role (id or name), under the privilege ceiling" })
  @V1Reply(V1MemberDTO)
  @V1NotFound('Not a member')
  async changeRole(@CurrentAuth() auth: RequestAuth, @CurrentDomain() orgId: DomainId, @Param('userId', ParseUUIDPipe) userId: string, @Body() body: V1RoleInputDTO): Promise<V1MemberDTO> {
    const membershipId = await this.activeMembershipOf(orgId, userId);
    const roleId = await resolveRole(this.roles, orgId, body.role);
    await this.memberships.changeRole(auth, orgId, membershipId, roleId);
    return toMember((await this.memberships.search(orgId, { filters: { id: [membershipId] }, extend: ['user', 'role'] })).items[0]);
  }

  @Get('organizations/:orgId/members/:userId/permissions')
  @ApiParam(ORG)
  @RequirePermission('members.read')
  @ApiOperation({ summary: "The member's role permissions, own grants and removals, and what they hold" })
  @V1Reply(V1MemberPermissionsDTO)
  @V1NotFound('Not a member')
  async permissions(@CurrentDomain() orgId: DomainId, @Param('userId', ParseUUIDPipe) userId: string): Promise<V1MemberPermissionsDTO> {
    return toMemberPermissions(await this.memberPermissions.permissions(orgId, await this.activeMembershipOf(orgId, userId)));
  }

  @Post('organizations/:orgId/members/:userId/permissions')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grants one permission to the member (granted: false removes it although the role has it), under the privilege ceiling' })
  @V1Reply(V1MemberPermissionsDTO)
  @V1NotFound('Not a member')
  async setPermission(
    @CurrentAuth() auth: RequestAuth,
    @CurrentDomain() orgId: DomainId,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: V1MemberPermissionInputDTO,
  ): Promise<V1MemberPermissionsDTO> {
    const membershipId = await this.activeMembershipOf(orgId, userId);
    return toMemberPermissions(await this.memberPermissions.setPermission(auth, orgId, membershipId, body.key, body.granted === false ? 'revoke' : 'grant'));
  }

  @Delete('organizations/:orgId/members/:userId/permissions/:key')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @HttpCode(204)
  @ApiOperation({ summary: "Drops the member's own grant or removal of this permission: the role decides again" })
  @V1NoContent()
  @V1NotFound('Not a member')
  async removePermission(@CurrentAuth() auth: RequestAuth, @CurrentDomain() orgId: DomainId, @Param('userId', ParseUUIDPipe) userId: string, @Param('key') key: string): Promise<void> {
    const membershipId = await this.activeMembershipOf(orgId, userId);
    await this.memberPermissions.setPermission(auth, orgId, membershipId, key, 'inherit');
  }

  @Get('organizations/:orgId/invites')
  @ApiParam(ORG)
  @RequirePermission('members.read')
  @ApiOperation({ summary: 'Open invites (tokens are never shown again)' })
  @V1Reply(V1InviteDTO, { isArray: true })
  async invites(@CurrentDomain() orgId: DomainId, @Query() query: V1ListQueryDTO): Promise<V1InviteDTO[]> {
    const page = await this.memberships.search(orgId, { filters: { state: [INVITED] }, extend: ['role'], page: query.page, limit: query.limit });
    return page.items.map(toInvite);
  }

  @Delete('organizations/:orgId/invites/:inviteId')
  @ApiParam(ORG)
  @RequirePermission('members.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraws an invite' })
  @V1NoContent()
  @V1NotFound('No such open invite')
  async removeInvite(@CurrentAuth() auth: RequestAuth, @CurrentDomain() orgId: DomainId, @Param('inviteId', ParseUUIDPipe) inviteId: string): Promise<void> {
    const invite = await this.memberships.get(orgId, inviteId);
    if (String(invite.state) !== INVITED) throw AppError.notFound('Invite');
    await this.memberships.remove(auth, orgId, inviteId);
  }

  /** Joining is the account's own decision: a signed-in user whose email the invite names. */
  @Post('invites/:token/accept')
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @Throttle(INVITE_THROTTLE)
  @ApiOperation({ summary: 'Accepts an invite sent to the caller’s email' })
  @V1Reply(V1AcceptedDTO)
  @V1NotFound('No such open invite')
  async accept(@CurrentPrincipal() principal: Principal, @Param('token') token: string): Promise<V1AcceptedDTO> {
    const m = await this.memberships.accept(principal.userId, token);
    return { organization_id: m.domainId, role_id: m.roleId, state: m.state.toLowerCase() };
  }

  private async activeMembershipOf(orgId: DomainId, userId: string): Promise<string> {
    const found = await this.memberships.search(orgId, { filters: { userId: [userId], state: [ACTIVE] } });
    if (!found.items.length) throw AppError.notFound('Member');
    return found.items[0].id;
  }
}
