import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentDomain, RequirePermission } from '../auth/auth-context';
import { AllocationService } from './allocation.service';
import { AllocationCreateDTO, AllocationListOutputDTO, AllocationUpdateDTO } from './dto/allocation.dto';

/** A server's Network tab: its ports. Changes reach the container at its next start. */
@ApiTags('gameserver')
@ApiBearerAuth()
@Controller('gameserver')
export class AllocationController {
  constructor(private readonly allocations: AllocationService) {}

  @Get(':id/allocations')
  @RequirePermission('gameserver.read')
  @ApiEnvelope(AllocationListOutputDTO)
  listAllocations(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.allocations.list(domainId, id);
  }

  /** A free port of the node's range (the first one, or the one asked for). */
  @Post(':id/allocations')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(AllocationListOutputDTO, { status: 201 })
  addAllocation(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: AllocationCreateDTO) {
    return this.allocations.add(domainId, id, body);
  }

  @Put(':id/allocations/:allocationId')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(AllocationListOutputDTO)
  updateAllocation(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('allocationId', ParseUUIDPipe) allocationId: string, @Body() body: AllocationUpdateDTO) {
    return this.allocations.update(domainId, id, allocationId, body);
  }

  @Post(':id/allocations/:allocationId/primary')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(AllocationListOutputDTO)
  makeAllocationPrimary(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('allocationId', ParseUUIDPipe) allocationId: string) {
    return this.allocations.makePrimary(domainId, id, allocationId);
  }

  /** Never the primary port (409). */
  @Delete(':id/allocations/:allocationId')
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(AllocationListOutputDTO)
  removeAllocation(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Param('allocationId', ParseUUIDPipe) allocationId: string) {
    return this.allocations.remove(domainId, id, allocationId);
  }
}
