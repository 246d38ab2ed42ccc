import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { RoleService } from './role.service';
import { RoleCreateDTO, RoleOutputDTO, RoleSearchInputDTO, RoleUpdateDTO } from './dto/role.dto';

@ApiTags('role')
@ApiBearerAuth()
@Controller('role')
export class RoleController {
  constructor(private readonly roles: RoleService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('members.read')
  @ApiPagedEnvelope(RoleOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: RoleSearchInputDTO) {
    return this.roles.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('members.read')
  @ApiEnvelope(RoleOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.roles.get(domainId, id);
  }

  @Post()
  @RequirePermission('roles.manage')
  @ApiEnvelope(RoleOutputDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: RoleCreateDTO) {
    return this.roles.create(auth, domainId, body);
  }

  @Put(':id')
  @RequirePermission('roles.manage')
  @ApiEnvelope(RoleOutputDTO)
  update(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: RoleUpdateDTO) {
    return this.roles.update(auth, domainId, id, body);
  }

  @Delete(':id')
  @RequirePermission('roles.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.roles.remove(auth, domainId, id);
    return null;
  }
}
