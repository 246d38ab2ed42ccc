import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { CurrentDomain, RequirePermission } from '../../auth/auth-context';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { V1NodeMigrateInputDTO, V1NodeMigrationDTO } from './v1-migrate.dto';
import { V1NodeMigrationService } from './v1-migrate.service';

/** Seed 001's `POST /v1/nodes/{id}/migrate` over Outpost's server transfer (V1NodeMigrationService). */
@V1Controller()
@ApiBearerAuth()
@Controller('v1')
export class V1NodeMigrateController {
  constructor(private readonly migrations: V1NodeMigrationService) {}

  /** Outpost's server transfer, for each stopped instance of the organization on the node, one after another. */
  @Post('nodes/:id/migrate')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiOperation({
    summary:
      "Moves the organization's stopped instances on this node to `target_node_id`, one at a time, with their data; running ones are skipped (stop them first). Answers when done, with each instance's result",
  })
  @V1Reply(V1NodeMigrationDTO)
  @V1NotFound('Unknown node (this one or the target)')
  async migrate(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: V1NodeMigrateInputDTO): Promise<V1NodeMigrationDTO> {
    return this.migrations.migrate(domainId, id, body.target_node_id);
  }
}
