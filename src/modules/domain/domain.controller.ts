import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, DomainOptional, Principal, SessionOnly } from '../auth/auth-context';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { DomainService } from './domain.service';
import { DomainCreateDTO, DomainOutputDTO, DomainSearchInputDTO, DomainUpdateDTO } from './dto/domain.dto';

@ApiTags('domain')
@ApiBearerAuth()
@DomainOptional()
@Controller('domain')
export class DomainController {
  constructor(private readonly domains: DomainService) {}

  @Post('search')
  @HttpCode(200)
  @ApiPagedEnvelope(DomainOutputDTO)
  search(@CurrentPrincipal() principal: Principal, @Body() body: DomainSearchInputDTO) {
    return this.domains.search(principal, body);
  }

  /** Creating and deleting tenants is a signed-in user's act, never an API token's. */
  @Post()
  @SessionOnly()
  @ApiEnvelope(DomainOutputDTO, { status: 201 })
  create(@CurrentPrincipal() principal: Principal, @Body() body: DomainCreateDTO) {
    this.domains.assertMayCreate(principal);
    return this.domains.create(body, principal.userId);
  }

  @Get(':id')
  @ApiEnvelope(DomainOutputDTO)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.domains.get(principal, id);
  }

  @Put(':id')
  @ApiEnvelope(DomainOutputDTO)
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() body: DomainUpdateDTO) {
    return this.domains.update(principal, id, body);
  }

  @Delete(':id')
  @SessionOnly()
  @ApiEmptyEnvelope()
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.domains.remove(principal, id);
    return null;
  }
}
