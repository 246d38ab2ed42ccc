import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { GameServerOutputDTO } from '../gameserver/dto/gameserver.dto';
import { GameServerService } from '../gameserver/gameserver.service';
import { ServerTransferService } from './server-transfer.service';

export class TransferDTO {
  @ApiProperty({ format: 'uuid', description: 'The node to move the server to' }) @IsUUID() nodeId: string;
}

@ApiTags('gameserver')
@ApiBearerAuth()
@Controller('gameserver')
export class ServerTransferController {
  constructor(
    private readonly transfers: ServerTransferService,
    private readonly servers: GameServerService,
  ) {}

  /** Moves a stopped server and its files to another node of the domain. */
  @Post(':id/transfer')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiEnvelope(GameServerOutputDTO)
  async transfer(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransferDTO) {
    // Hidden template variables only for workloads.manage, as in every reply carrying a server.
    return this.servers.present(domainId, await this.transfers.transfer(domainId, id, body.nodeId), auth.permissions.has('workloads.manage'));
  }
}
