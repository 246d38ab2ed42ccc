import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { ClientIp, CurrentAuth, CurrentDomain, CurrentPrincipal, DomainOptional, InstanceAdminOnly, Principal, RequestAuth, RequirePermission, SessionOnly } from '../auth/auth-context';
import { NotAudited } from '../auditlog/audit.decorator';
import { UserService } from './user.service';
import { UserCreateDTO, UserOutputDTO, UserSearchInputDTO, UserSuspendDTO, UserUpdateDTO } from './dto/user.dto';

@ApiTags('user')
@ApiBearerAuth()
@Controller('user')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('members.read')
  @ApiPagedEnvelope(UserOutputDTO)
  search(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Body() body: UserSearchInputDTO) {
    return this.users.search(principal, domainId, body);
  }

  @Get(':id')
  @RequirePermission('members.read')
  @ApiEnvelope(UserOutputDTO)
  get(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(principal, domainId, id);
  }

  @Post()
  @RequirePermission('members.manage')
  @ApiEnvelope(UserOutputDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: UserCreateDTO) {
    return this.users.create(auth, domainId, body);
  }

  /** Email and password: a signed-in user with their current password (instance admins: anyone's, without). */
  @Put(':id')
  @RequirePermission('members.read')
  @SessionOnly()
  @ApiEnvelope(UserOutputDTO)
  update(@CurrentPrincipal() principal: Principal, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: UserUpdateDTO) {
    return this.users.update(principal, domainId, id, body);
  }

  /** Instance admins: the account's logins and every token of it stop working at once; nothing is deleted. */
  @Post(':id/suspend')
  @HttpCode(200)
  @InstanceAdminOnly()
  @DomainOptional()
  @NotAudited('audited by UserService as an instance event (an account is not a domain resource)')
  @ApiEnvelope(UserOutputDTO)
  suspend(@CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string, @Body() body: UserSuspendDTO, @ClientIp() ip: string) {
    return this.users.suspend(auth, id, body.reason, ip);
  }

  /** Instance admins: everything the account had works again. */
  @Post(':id/unsuspend')
  @HttpCode(200)
  @InstanceAdminOnly()
  @DomainOptional()
  @NotAudited('audited by UserService as an instance event (an account is not a domain resource)')
  @ApiEnvelope(UserOutputDTO)
  unsuspend(@CurrentAuth() auth: RequestAuth, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string) {
    return this.users.unsuspend(auth, id, ip);
  }

  @Delete(':id')
  @RequirePermission('members.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.users.remove(auth, domainId, id);
    return null;
  }
}
