import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../../core/http/public.decorator';
import { LoginOutputDTO } from '../auth/dto/auth.dto';
import { UserService } from '../user/user.service';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, DomainOptional, Principal, RequestAuth, RequirePermission, SessionOnly } from '../auth/auth-context';
import { MembershipService } from './membership.service';
import { MemberPermissionsService } from './member-permissions.service';
import {
  InviteOutputDTO,
  InvitePreviewOutputDTO,
  InviteRegisterDTO,
  MemberPermissionsOutputDTO,
  MemberPermissionsUpdateDTO,
  MembershipAcceptDTO,
  MembershipInviteDTO,
  MembershipOutputDTO,
  MembershipSearchInputDTO,
  MembershipUpdateDTO,
} from './dto/membership.dto';

/** The invite token travels in the path of these public routes: guessing is throttled like logging in. */
const INVITE_THROTTLE = { default: { limit: 20, ttl: 60_000 } };

@ApiTags('membership')
@ApiBearerAuth()
@Controller('membership')
export class MembershipController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly users: UserService,
    private readonly memberPermissions: MemberPermissionsService,
  ) {}

  /** What an invite link is for (domain, role, email), for its holder; no account needed. */
  @Get('invite/:token')
  @Public()
  @Throttle(INVITE_THROTTLE)
  @ApiEnvelope(InvitePreviewOutputDTO)
  preview(@Param('token') token: string) {
    return this.memberships.preview(token);
  }

  /** Creates the account from an invite link and signs it in (the reply of POST /login). */
  @Post('invite/:token/register')
  @Public()
  @Throttle(INVITE_THROTTLE)
  @ApiEnvelope(LoginOutputDTO, { status: 201 })
  register(@Param('token') token: string, @Body() body: InviteRegisterDTO) {
    return this.memberships.registerFromInvite(token, () => this.users.registerFromInvite(token, body));
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission('members.read')
  @ApiPagedEnvelope(MembershipOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: MembershipSearchInputDTO) {
    return this.memberships.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('members.read')
  @ApiEnvelope(MembershipOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.memberships.get(domainId, id);
  }

  /** Invites by email; the reply carries the invite token once. */
  @Post()
  @RequirePermission('members.manage')
  @ApiEnvelope(InviteOutputDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: MembershipInviteDTO) {
    return this.memberships.invite(auth, domainId, body);
  }

  /** Joining a domain is the account's own decision: a signed-in user, not an API token. */
  @Post('accept')
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiEnvelope(MembershipOutputDTO)
  accept(@CurrentPrincipal() principal: Principal, @Body() body: MembershipAcceptDTO) {
    return this.memberships.accept(principal.userId, body.token);
  }

  /** The member's role permissions, own grants and removals, and the effective set (role + granted - revoked). */
  @Get(':id/permissions')
  @RequirePermission('members.read')
  @ApiEnvelope(MemberPermissionsOutputDTO)
  permissions(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.memberPermissions.permissions(domainId, id);
  }

  /** Replaces the member's grants and removals, within the caller's own permissions (an Owner is never narrowed). */
  @Put(':id/permissions')
  @RequirePermission('members.manage')
  @ApiEnvelope(MemberPermissionsOutputDTO)
  setPermissions(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: MemberPermissionsUpdateDTO) {
    return this.memberPermissions.setPermissions(auth, domainId, id, body);
  }

  @Put(':id')
  @RequirePermission('members.manage')
  @ApiEnvelope(MembershipOutputDTO)
  update(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: MembershipUpdateDTO) {
    return this.memberships.changeRole(auth, domainId, id, body.roleId);
  }

  @Delete(':id')
  @RequirePermission('members.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.memberships.remove(auth, domainId, id);
    return null;
  }
}
