import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, CurrentPrincipal, Principal, RequestAuth, RequirePermission, SessionOnly } from '../auth/auth-context';
import { UserService } from './user.service';
import { UserCreateDTO, UserOutputDTO, UserSearchInputDTO, UserUpdateDTO } from './dto/user.dto';

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

  @Delete(':id')
  @RequirePermission('members.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.users.remove(auth, domainId, id);
    return null;
  }
}
